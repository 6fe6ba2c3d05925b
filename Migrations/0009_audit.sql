-- 0009_audit.sql — audit log of workers, memberships, employers and agents
--
-- Every INSERT / UPDATE / DELETE on those tables is recorded by a trigger:
-- table name, row key, old and new row as JSON (json_object), time, actor.
-- The audit log itself is append-only (UPDATE and DELETE are refused).
--
-- WHO DID IT — audit_context
-- A trigger cannot read TEMP tables of the connection, and an app-defined
-- SQL function would break the sqlite3 shell, so the actor lives in a
-- one-row table of the main database, read by the triggers as
--     (SELECT actor FROM audit_context WHERE id = 1)
-- The library sets the actor at the start of each write transaction and
-- sets it back to NULL just before COMMIT, inside the same transaction, so
-- no other connection ever sees a non-NULL value. A shell user does the same:
--     BEGIN;
--     UPDATE audit_context SET actor = 'clerk:siti' WHERE id = 1;
--     UPDATE workers SET phone = '081234567890' WHERE id = 42;
--     UPDATE audit_context SET actor = NULL WHERE id = 1;
--     COMMIT;
-- Changes made without setting it are logged with actor NULL (unknown).

CREATE TABLE audit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    actor TEXT
) STRICT;
INSERT INTO audit_context (id, actor) VALUES (1, NULL);

CREATE TRIGGER audit_context_no_delete BEFORE DELETE ON audit_context
BEGIN
    SELECT RAISE(ABORT, 'audit_context must keep its single row (id = 1): set actor to NULL instead');
END;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,                   -- the row's id, as text
    operation TEXT NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    old_values TEXT CHECK (old_values IS NULL OR json_valid(old_values)),   -- JSON object
    new_values TEXT CHECK (new_values IS NULL OR json_valid(new_values)),   -- JSON object
    changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        CHECK (changed_at IS strftime('%Y-%m-%dT%H:%M:%fZ', changed_at, '+0 days')),
    actor TEXT
) STRICT;
CREATE INDEX audit_log_row ON audit_log (table_name, row_key, id);
CREATE INDEX audit_log_changed_at ON audit_log (changed_at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: audit rows cannot be changed');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: audit rows cannot be deleted');
END;
-- INSERT OR REPLACE would delete an audit row without firing the trigger above
-- (see 0007_dues_ledger.sql): a new audit row's id must be new.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only: an audit row with this id already exists (INSERT OR REPLACE cannot overwrite it)')
    WHERE EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id);
END;

-- ---- workers -------------------------------------------------------------
CREATE TRIGGER workers_audit_insert AFTER INSERT ON workers
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('workers', NEW.id, 'INSERT', NULL,
            json_object('id', NEW.id, 'nik', NEW.nik, 'full_name', NEW.full_name,
                        'birth_date', NEW.birth_date, 'sex', NEW.sex,
                        'village_code', NEW.village_code, 'occupation', NEW.occupation,
                        'phone', NEW.phone, 'kpj', NEW.kpj, 'registered_at', NEW.registered_at,
                        'registered_by_agent_id', NEW.registered_by_agent_id,
                        'branch_office_id', NEW.branch_office_id),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER workers_audit_update AFTER UPDATE ON workers
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('workers', NEW.id, 'UPDATE',
            json_object('id', OLD.id, 'nik', OLD.nik, 'full_name', OLD.full_name,
                        'birth_date', OLD.birth_date, 'sex', OLD.sex,
                        'village_code', OLD.village_code, 'occupation', OLD.occupation,
                        'phone', OLD.phone, 'kpj', OLD.kpj, 'registered_at', OLD.registered_at,
                        'registered_by_agent_id', OLD.registered_by_agent_id,
                        'branch_office_id', OLD.branch_office_id),
            json_object('id', NEW.id, 'nik', NEW.nik, 'full_name', NEW.full_name,
                        'birth_date', NEW.birth_date, 'sex', NEW.sex,
                        'village_code', NEW.village_code, 'occupation', NEW.occupation,
                        'phone', NEW.phone, 'kpj', NEW.kpj, 'registered_at', NEW.registered_at,
                        'registered_by_agent_id', NEW.registered_by_agent_id,
                        'branch_office_id', NEW.branch_office_id),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER workers_audit_delete AFTER DELETE ON workers
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('workers', OLD.id, 'DELETE',
            json_object('id', OLD.id, 'nik', OLD.nik, 'full_name', OLD.full_name,
                        'birth_date', OLD.birth_date, 'sex', OLD.sex,
                        'village_code', OLD.village_code, 'occupation', OLD.occupation,
                        'phone', OLD.phone, 'kpj', OLD.kpj, 'registered_at', OLD.registered_at,
                        'registered_by_agent_id', OLD.registered_by_agent_id,
                        'branch_office_id', OLD.branch_office_id),
            NULL,
            (SELECT actor FROM audit_context WHERE id = 1));
END;

-- ---- memberships ---------------------------------------------------------
CREATE TRIGGER memberships_audit_insert AFTER INSERT ON memberships
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('memberships', NEW.id, 'INSERT', NULL,
            json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'segment_code', NEW.segment_code,
                        'employer_id', NEW.employer_id,
                        'construction_project_id', NEW.construction_project_id,
                        'payer_code', NEW.payer_code, 'declared_income', NEW.declared_income,
                        'start_date', NEW.start_date, 'end_date', NEW.end_date,
                        'end_reason_code', NEW.end_reason_code, 'registered_at', NEW.registered_at),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER memberships_audit_update AFTER UPDATE ON memberships
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('memberships', NEW.id, 'UPDATE',
            json_object('id', OLD.id, 'worker_id', OLD.worker_id, 'segment_code', OLD.segment_code,
                        'employer_id', OLD.employer_id,
                        'construction_project_id', OLD.construction_project_id,
                        'payer_code', OLD.payer_code, 'declared_income', OLD.declared_income,
                        'start_date', OLD.start_date, 'end_date', OLD.end_date,
                        'end_reason_code', OLD.end_reason_code, 'registered_at', OLD.registered_at),
            json_object('id', NEW.id, 'worker_id', NEW.worker_id, 'segment_code', NEW.segment_code,
                        'employer_id', NEW.employer_id,
                        'construction_project_id', NEW.construction_project_id,
                        'payer_code', NEW.payer_code, 'declared_income', NEW.declared_income,
                        'start_date', NEW.start_date, 'end_date', NEW.end_date,
                        'end_reason_code', NEW.end_reason_code, 'registered_at', NEW.registered_at),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER memberships_audit_delete AFTER DELETE ON memberships
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('memberships', OLD.id, 'DELETE',
            json_object('id', OLD.id, 'worker_id', OLD.worker_id, 'segment_code', OLD.segment_code,
                        'employer_id', OLD.employer_id,
                        'construction_project_id', OLD.construction_project_id,
                        'payer_code', OLD.payer_code, 'declared_income', OLD.declared_income,
                        'start_date', OLD.start_date, 'end_date', OLD.end_date,
                        'end_reason_code', OLD.end_reason_code, 'registered_at', OLD.registered_at),
            NULL,
            (SELECT actor FROM audit_context WHERE id = 1));
END;

-- ---- employers -----------------------------------------------------------
CREATE TRIGGER employers_audit_insert AFTER INSERT ON employers
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('employers', NEW.id, 'INSERT', NULL,
            json_object('id', NEW.id, 'npp', NEW.npp, 'name', NEW.name,
                        'size_class', NEW.size_class, 'jkk_risk_group', NEW.jkk_risk_group,
                        'labour_intensive', NEW.labour_intensive, 'village_code', NEW.village_code,
                        'branch_office_id', NEW.branch_office_id, 'registered_at', NEW.registered_at),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER employers_audit_update AFTER UPDATE ON employers
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('employers', NEW.id, 'UPDATE',
            json_object('id', OLD.id, 'npp', OLD.npp, 'name', OLD.name,
                        'size_class', OLD.size_class, 'jkk_risk_group', OLD.jkk_risk_group,
                        'labour_intensive', OLD.labour_intensive, 'village_code', OLD.village_code,
                        'branch_office_id', OLD.branch_office_id, 'registered_at', OLD.registered_at),
            json_object('id', NEW.id, 'npp', NEW.npp, 'name', NEW.name,
                        'size_class', NEW.size_class, 'jkk_risk_group', NEW.jkk_risk_group,
                        'labour_intensive', NEW.labour_intensive, 'village_code', NEW.village_code,
                        'branch_office_id', NEW.branch_office_id, 'registered_at', NEW.registered_at),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER employers_audit_delete AFTER DELETE ON employers
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('employers', OLD.id, 'DELETE',
            json_object('id', OLD.id, 'npp', OLD.npp, 'name', OLD.name,
                        'size_class', OLD.size_class, 'jkk_risk_group', OLD.jkk_risk_group,
                        'labour_intensive', OLD.labour_intensive, 'village_code', OLD.village_code,
                        'branch_office_id', OLD.branch_office_id, 'registered_at', OLD.registered_at),
            NULL,
            (SELECT actor FROM audit_context WHERE id = 1));
END;

-- ---- agents (Perisai) ----------------------------------------------------
CREATE TRIGGER agents_audit_insert AFTER INSERT ON agents
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('agents', NEW.id, 'INSERT', NULL,
            json_object('id', NEW.id, 'full_name', NEW.full_name, 'nik', NEW.nik, 'phone', NEW.phone,
                        'branch_office_id', NEW.branch_office_id,
                        'active_from', NEW.active_from, 'active_to', NEW.active_to),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER agents_audit_update AFTER UPDATE ON agents
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('agents', NEW.id, 'UPDATE',
            json_object('id', OLD.id, 'full_name', OLD.full_name, 'nik', OLD.nik, 'phone', OLD.phone,
                        'branch_office_id', OLD.branch_office_id,
                        'active_from', OLD.active_from, 'active_to', OLD.active_to),
            json_object('id', NEW.id, 'full_name', NEW.full_name, 'nik', NEW.nik, 'phone', NEW.phone,
                        'branch_office_id', NEW.branch_office_id,
                        'active_from', NEW.active_from, 'active_to', NEW.active_to),
            (SELECT actor FROM audit_context WHERE id = 1));
END;

CREATE TRIGGER agents_audit_delete AFTER DELETE ON agents
BEGIN
    INSERT INTO audit_log (table_name, row_key, operation, old_values, new_values, actor)
    VALUES ('agents', OLD.id, 'DELETE',
            json_object('id', OLD.id, 'full_name', OLD.full_name, 'nik', OLD.nik, 'phone', OLD.phone,
                        'branch_office_id', OLD.branch_office_id,
                        'active_from', OLD.active_from, 'active_to', OLD.active_to),
            NULL,
            (SELECT actor FROM audit_context WHERE id = 1));
END;
