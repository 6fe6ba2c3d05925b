-- 0013_payment_allocation_totals.sql — what each payment has allocated, kept as it grows
--
-- payment_allocations_check_on_insert (0007) refuses an allocation that would take a
-- payment past its amount. It found what the payment had allocated so far by summing
-- the payment's earlier allocations, so each allocation read every earlier one. An
-- employer's monthly payment settles one bill per wage earner: n employees cost n²/2
-- row reads. At 5M members (37,500 wage earners per employer in the benchmark) the
-- first month's employer payments had not finished after 20 minutes.
--
-- Here each payment's running total is kept in payment_allocation_totals by a trigger
-- on every allocation, and the check reads that one row. The totals are derived data,
-- like the standing tables: `registry check` compares them with the allocations
-- (check allocation_totals), and a total cannot be deleted.

CREATE TABLE payment_allocation_totals (
    payment_id INTEGER PRIMARY KEY REFERENCES payments (id),
    -- Σ payment_allocations.amount of the payment, reversals included.
    allocated INTEGER NOT NULL
) STRICT;

INSERT INTO payment_allocation_totals (payment_id, allocated)
SELECT payment_id, sum(amount) FROM payment_allocations GROUP BY payment_id;

CREATE TRIGGER payment_allocation_totals_on_insert
AFTER INSERT ON payment_allocations
BEGIN
    INSERT INTO payment_allocation_totals (payment_id, allocated) VALUES (NEW.payment_id, NEW.amount)
    ON CONFLICT (payment_id) DO UPDATE SET allocated = allocated + excluded.allocated;
END;

CREATE TRIGGER payment_allocation_totals_no_delete
BEFORE DELETE ON payment_allocation_totals
BEGIN
    SELECT RAISE(ABORT, 'payment_allocation_totals is kept by the allocations trigger: a total cannot be deleted');
END;

-- The check of 0007 with the running total in place of the sum; the other three
-- refusals are unchanged.
DROP TRIGGER payment_allocations_check_on_insert;

CREATE TRIGGER payment_allocations_check_on_insert
BEFORE INSERT ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'this allocation has already been reversed')
    WHERE NEW.reverses_id IS NOT NULL
      AND EXISTS (SELECT 1 FROM payment_allocations WHERE reverses_id = NEW.reverses_id);
    SELECT RAISE(ABORT, 'a reversing allocation must have the same payment and bill and exactly the negated amount of the allocation it reverses, which must not itself be a reversal')
    WHERE NEW.reverses_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM payment_allocations o
                      WHERE o.id = NEW.reverses_id AND o.reverses_id IS NULL
                        AND o.payment_id = NEW.payment_id AND o.bill_id = NEW.bill_id
                        AND o.amount = -NEW.amount);
    SELECT RAISE(ABORT, 'allocations would exceed the payment amount: a payment cannot be allocated for more than was paid')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM payments WHERE id = NEW.payment_id)
      AND coalesce((SELECT allocated FROM payment_allocation_totals WHERE payment_id = NEW.payment_id), 0)
          + NEW.amount > (SELECT sum(amount) FROM payments            -- net of a reversal, so a
                          WHERE id = NEW.payment_id                     -- bounced payment has
                             OR reverses_id = NEW.payment_id);          -- nothing left to allocate
    SELECT RAISE(ABORT, 'allocations would exceed the amount billed: a bill cannot be paid for more than the sum of its lines')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM bills WHERE id = NEW.bill_id)
      AND (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = NEW.bill_id)
          + NEW.amount > (SELECT coalesce(sum(amount), 0) FROM bill_lines WHERE bill_id = NEW.bill_id);
END;
