-- What the chaos run asked for, kept apart from the application's tables (schema `chaos`, owned by
-- the superuser; the application role cannot see it). The invariants compare the application's
-- history and audit trail against these lists.
CREATE SCHEMA IF NOT EXISTS chaos;

-- Every status change the run requested and the application accepted: queued through
-- `status import` (source 'job', identified by its key) or applied by `status set` that exited 0
-- (source 'cli', identified by its unique note).
CREATE TABLE IF NOT EXISTS chaos.requested_status (
    scenario  text NOT NULL,
    source    text NOT NULL CHECK (source IN ('job', 'cli')),
    code      text NOT NULL,
    status    text NOT NULL,
    effective date NOT NULL,
    key       text,
    note      text,
    CHECK ((source = 'job') = (key IS NOT NULL))
);

-- Every `project update` that exited 0, identified by the unique location it set.
CREATE TABLE IF NOT EXISTS chaos.requested_update (
    scenario text NOT NULL,
    code     text NOT NULL,
    location text NOT NULL
);

-- Every `status import` that exited 0 (each writes one audit entry).
CREATE TABLE IF NOT EXISTS chaos.status_imports (
    scenario text NOT NULL,
    file     text NOT NULL
);

CREATE INDEX IF NOT EXISTS requested_status_key_idx ON chaos.requested_status (key);
CREATE INDEX IF NOT EXISTS requested_status_note_idx ON chaos.requested_status (code, note);
