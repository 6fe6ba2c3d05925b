-- 0030_allocation_totals_of_many.sql — a running total only for payments that settle many bills
--
-- payment_allocation_totals (0013) keeps, per payment, the sum of its allocations, so that the
-- guard "a payment cannot be allocated for more than was paid" reads one row instead of summing
-- the payment's allocations on every insert: an employer's payment settles one bill per wage
-- earner (thousands; summing them per insert would cost the square of that), and a sponsor's
-- may settle many members' months. A member paying their own dues (payer 'self') settles at
-- most the months they pay for (1, 3, 6 or 12 BPU months; one PMI placement): on a 1M-member,
-- 12-month register 6.85M such payments averaged 1.12 allocations and held 85 of the ledger's
-- 2,084 bytes per member-year as totals rows (BENCHMARKS Run 20). Their guard now sums their
-- few allocations through payment_allocations_payment_id; every other payer's payment keeps
-- its total, as before.
--
--   payment_allocation_totals   rows for payments whose payer_code is not 'self' only (the
--                               self-paid rows are deleted here); registry check's
--                               allocation_totals compares those, and reports a total kept for
--                               a self-paid payment
--   payment_allocations_check_on_insert   the payment-amount guard: the allocations' sum for a
--                               self-paid payment, the kept total for any other
--   payment_allocation_totals_on_insert   fires for payments not paid by 'self'
-- The project ledger's totals are unchanged: a project's payments are its contractor's.
-- Recreated here: the two triggers above and payment_allocation_totals_no_delete (dropped for
-- the delete below, the same definition). Nothing else reads the table.

DROP TRIGGER payment_allocation_totals_no_delete;
DELETE FROM payment_allocation_totals
WHERE payment_id IN (SELECT id FROM payments WHERE payer_code = 'self');
CREATE TRIGGER payment_allocation_totals_no_delete
BEFORE DELETE ON payment_allocation_totals
BEGIN
    SELECT RAISE(ABORT, 'payment_allocation_totals is kept by the allocations trigger: a total cannot be deleted');
END;

DROP TRIGGER payment_allocation_totals_on_insert;
CREATE TRIGGER payment_allocation_totals_on_insert
AFTER INSERT ON payment_allocations
WHEN (SELECT payer_code FROM payments WHERE id = NEW.payment_id) IS NOT 'self'
BEGIN
    INSERT INTO payment_allocation_totals (payment_id, allocated) VALUES (NEW.payment_id, NEW.amount)
    ON CONFLICT (payment_id) DO UPDATE SET allocated = allocated + excluded.allocated;
END;

DROP TRIGGER payment_allocations_check_on_insert;
CREATE TRIGGER payment_allocations_check_on_insert
BEFORE INSERT ON payment_allocations
BEGIN
    SELECT RAISE(ABORT, 'this allocation has already been reversed')
    WHERE NEW.reversal = 1
      AND EXISTS (SELECT 1 FROM payment_allocations
                  WHERE bill_id = NEW.bill_id AND payment_id = NEW.payment_id AND reversal = 1);
    SELECT RAISE(ABORT, 'a reversing allocation (reversal 1) needs the allocation of the same payment to the same bill (reversal 0) and exactly its negated amount')
    WHERE NEW.reversal = 1
      AND NOT EXISTS (SELECT 1 FROM payment_allocations o
                      WHERE o.bill_id = NEW.bill_id AND o.payment_id = NEW.payment_id AND o.reversal = 0
                        AND o.amount = -NEW.amount);
    SELECT RAISE(ABORT, 'allocations would exceed the payment amount: a payment cannot be allocated for more than was paid')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM payments WHERE id = NEW.payment_id)
      AND coalesce(CASE (SELECT payer_code FROM payments WHERE id = NEW.payment_id)
                       WHEN 'self' THEN (SELECT sum(amount) FROM payment_allocations WHERE payment_id = NEW.payment_id)
                       ELSE (SELECT allocated FROM payment_allocation_totals WHERE payment_id = NEW.payment_id)
                   END, 0)
          + NEW.amount > (SELECT sum(amount) FROM payments            -- net of a reversal, so a
                          WHERE id = NEW.payment_id                     -- bounced payment has
                             OR reverses_id = NEW.payment_id);          -- nothing left to allocate
    SELECT RAISE(ABORT, 'allocations would exceed the amount billed: a bill cannot be paid for more than the sum of its lines')
    WHERE NEW.amount > 0
      AND EXISTS (SELECT 1 FROM bills WHERE id = NEW.bill_id)
      AND (SELECT coalesce(sum(amount), 0) FROM payment_allocations WHERE bill_id = NEW.bill_id)
          + NEW.amount > (SELECT (coalesce(jkk_employer, 0) + coalesce(jkk_worker, 0) + coalesce(jkm_employer, 0) + coalesce(jkm_worker, 0) + coalesce(jht_employer, 0) + coalesce(jht_worker, 0) + coalesce(jp_employer, 0) + coalesce(jp_worker, 0))
                          FROM bills WHERE id = NEW.bill_id)
                         + (SELECT coalesce(sum(amount), 0) FROM bill_adjustments WHERE bill_id = NEW.bill_id);
END;
