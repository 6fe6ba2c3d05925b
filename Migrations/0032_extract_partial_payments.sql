-- 0032_extract_partial_payments.sql — a payment an extract holds only part of
--
-- An extract (0021) holds its area's workers and, of a payment shared with workers elsewhere
-- (an employer's monthly payment settles one bill per wage earner, wherever they live), only the
-- allocations to the area's bills: the co-workers outside the area, their NIKs and ledgers stay
-- at the centre. The rest of such a payment is allocated there, and the extract must know how
-- much, or its own checks would call the payment unallocated:
--
--   sync_extract_partial_payments   per payment the extract holds only part of: the sum of its
--                                   allocations (to membership and project bills) left at the
--                                   centre when it was extracted. Written once, by the extract;
--                                   empty in a central register. Not a fact: it never travels
--                                   in a changeset.
--
-- The extract's payment_allocation_totals row of such a payment is the centre's (what the whole
-- payment has allocated), so the over-allocation guard refuses offline what the centre would.
-- registry check adds allocated_centrally to the allocations it sums (payment_allocation,
-- unallocated_payment, allocation_totals), and reports a row of this table in a register that
-- is not an extract.

CREATE TABLE sync_extract_partial_payments (
    payment_id INTEGER PRIMARY KEY REFERENCES payments (id),
    allocated_centrally INTEGER NOT NULL
) STRICT;

CREATE TRIGGER sync_extract_partial_payments_no_update
BEFORE UPDATE ON sync_extract_partial_payments
BEGIN
    SELECT RAISE(ABORT, 'sync_extract_partial_payments is written once, when the extract is made: extract the area again');
END;

CREATE TRIGGER sync_extract_partial_payments_no_delete
BEFORE DELETE ON sync_extract_partial_payments
BEGIN
    SELECT RAISE(ABORT, 'sync_extract_partial_payments is written once, when the extract is made: extract the area again');
END;
