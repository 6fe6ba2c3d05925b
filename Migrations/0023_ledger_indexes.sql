-- 0023_ledger_indexes.sql — the dues ledger keeps only the indexes a query reads
--
-- The ledger is the register's largest part and grows by about ten rows per member a month;
-- every index on it is written with each row and stored for good. 0007 indexed every column
-- that refers to another table. No query, view or trigger looks these up by their leading
-- column (tests pin the plans that matter: LedgerQueryPlanTests), so they are dropped:
--
--   bill_lines_program_code, bill_lines_payer_code   five programs and three payers over
--       every line: no query asks for the lines of one program or payer without their bill,
--       and at that selectivity a scan of the bill's lines (bill_lines_bill_id) is the plan.
--   payments_payer_code, payments_channel_code       the same, over every payment.
--   payments_paid_at                                 the reports read payment days through
--       substr(paid_at, 1, 10), which no index on paid_at serves, and the day sums in the
--       standing tables (dues_received).
--
-- payments_employer_id is narrowed to the employers' payments: an informal payment (most of
-- them) has no employer, and a NULL is never looked up. SQLite's own check of the foreign key
-- when an employer row is deleted or renumbered asks `employer_id = ?`, which implies
-- `employer_id IS NOT NULL`, so it still finds its rows through the partial index.
--
-- Foreign keys to the code tables (programs, payers, payment_channels) lose their child
-- index: deleting a code row would scan the ledger to check it is unused. Code rows are
-- seeded by migrations and `registry check` compares them with the migrations (check
-- rule_rows); nothing in the library deletes one.
--
-- Not changed here. The UNIQUE on reverses_id (bill_lines, payments, payment_allocations) is
-- a column constraint: its index (sqlite_autoindex_…) holds an entry for every row, NULL
-- included, and cannot be dropped or made partial without rebuilding the table, which waits
-- for the compact ledger (docs/ledger-design.md). bill_lines_bill_id,
-- payment_allocations_payment_id and payment_allocations_bill_id are read by the balances,
-- the triggers' checks and the payment and sync paths; the bills' UNIQUE (membership_id,
-- contribution_month) is how a membership's bills are found.

DROP INDEX bill_lines_program_code;
DROP INDEX bill_lines_payer_code;
DROP INDEX payments_payer_code;
DROP INDEX payments_channel_code;
DROP INDEX payments_paid_at;
DROP INDEX payments_employer_id;
CREATE INDEX payments_employer_id ON payments (employer_id) WHERE employer_id IS NOT NULL;
