-- The ledger indexes 0023 dropped or narrowed, as 0007 created them: gives a register of
-- this build the "before" schema for a paired measurement (stat.py, replay.sh).
DROP INDEX payments_employer_id;
CREATE INDEX bill_lines_program_code ON bill_lines (program_code);
CREATE INDEX bill_lines_payer_code ON bill_lines (payer_code);
CREATE INDEX payments_payer_code ON payments (payer_code);
CREATE INDEX payments_employer_id ON payments (employer_id);
CREATE INDEX payments_channel_code ON payments (channel_code);
CREATE INDEX payments_paid_at ON payments (paid_at);
