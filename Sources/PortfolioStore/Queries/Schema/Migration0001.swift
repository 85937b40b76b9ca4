/// The first schema: reference data, projects and their lenders, status history, FX rates,
/// targets, rollup snapshots, the audit trail and the job queue.
enum Migration0001 {
    static let sql = #"""
    CREATE TABLE currencies (
        code         char(3) PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'),
        minor_digits smallint NOT NULL CHECK (minor_digits BETWEEN 0 AND 4)
    );

    INSERT INTO currencies (code, minor_digits) VALUES
        ('USD', 2), ('EUR', 2), ('CNY', 2), ('BYN', 2), ('RUB', 2), ('GBP', 2), ('CHF', 2),
        ('KZT', 2), ('UZS', 2), ('UAH', 2), ('PLN', 2), ('TRY', 2), ('INR', 2), ('BRL', 2),
        ('ZAR', 2), ('AUD', 2), ('CAD', 2), ('HKD', 2), ('SGD', 2), ('AED', 2), ('SAR', 2),
        ('EGP', 2), ('NGN', 2), ('KES', 2), ('ETB', 2), ('PKR', 2), ('IDR', 2), ('VND', 0),
        ('JPY', 0), ('KRW', 0), ('CLP', 0), ('ISK', 0), ('KWD', 3), ('BHD', 3), ('OMR', 3),
        ('JOD', 3), ('TND', 3);

    CREATE TABLE sectors (
        code       text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_-]{0,31}$'),
        name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        dac_code   text CHECK (dac_code ~ '^[0-9]{3}$'),
        created_at timestamptz NOT NULL DEFAULT now()
    );

    INSERT INTO sectors (code, name, dac_code) VALUES
        ('energy', 'Energy', '230'),
        ('manufacturing', 'Manufacturing', '321'),
        ('agriculture', 'Agriculture', '311'),
        ('logistics', 'Logistics', '210'),
        ('other', 'Other', '998');

    CREATE TABLE lenders (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200 AND name = btrim(name)),
        country    char(2) CHECK (country ~ '^[A-Z]{2}$'),
        kind       text NOT NULL DEFAULT 'other'
                   CHECK (kind IN ('policy_bank', 'commercial_bank', 'fund', 'other')),
        created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX lenders_name_key ON lenders (lower(name));

    CREATE TABLE projects (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        code        text NOT NULL CHECK (code ~ '^[A-Za-z0-9._-]{1,32}$'),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        sector_code text NOT NULL REFERENCES sectors (code),
        status      text NOT NULL CHECK (status IN
                    ('pledged', 'committed', 'ongoing', 'finished', 'suspended', 'cancelled')),
        value_minor bigint NOT NULL CHECK (value_minor >= 0),
        currency    char(3) NOT NULL REFERENCES currencies (code),
        value_date  date NOT NULL,
        start_date  date,
        end_date    date,
        location    text CHECK (length(location) <= 200),
        description text CHECK (length(description) <= 2000),
        version     integer NOT NULL DEFAULT 1 CHECK (version >= 1),
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT projects_code_key UNIQUE (code),
        CONSTRAINT projects_dates_check CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
    );
    CREATE INDEX projects_sector_idx ON projects (sector_code);
    CREATE INDEX projects_status_idx ON projects (status);

    -- Shares are kept in basis points (1/100 of a percent); a project's shares add up to
    -- 10000, checked when its transaction commits.
    CREATE TABLE project_lenders (
        project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
        lender_id  bigint NOT NULL REFERENCES lenders (id),
        share_bp   integer NOT NULL CHECK (share_bp BETWEEN 1 AND 10000),
        PRIMARY KEY (project_id, lender_id)
    );
    CREATE INDEX project_lenders_lender_idx ON project_lenders (lender_id);

    CREATE FUNCTION check_project_shares() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        pid bigint;
        total bigint;
    BEGIN
        IF TG_TABLE_NAME = 'projects' THEN
            pid := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
            pid := OLD.project_id;
        ELSE
            pid := NEW.project_id;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM projects WHERE id = pid) THEN
            RETURN NULL;
        END IF;
        SELECT coalesce(sum(share_bp), 0) INTO total FROM project_lenders WHERE project_id = pid;
        IF total <> 10000 THEN
            RAISE EXCEPTION 'lender shares of project % add up to % basis points, not 10000', pid, total
                USING ERRCODE = 'check_violation', CONSTRAINT = 'project_lenders_shares_total';
        END IF;
        RETURN NULL;
    END $$;

    CREATE CONSTRAINT TRIGGER project_shares_total
        AFTER INSERT OR UPDATE OR DELETE ON project_lenders
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_project_shares();
    CREATE CONSTRAINT TRIGGER project_has_lenders
        AFTER INSERT ON projects
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_project_shares();

    -- Append-only: effective_date is when the change takes effect, recorded_at when it was
    -- written down.
    CREATE TABLE status_history (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id     bigint NOT NULL REFERENCES projects (id),
        from_status    text CHECK (from_status IN
                       ('pledged', 'committed', 'ongoing', 'finished', 'suspended', 'cancelled')),
        to_status      text NOT NULL CHECK (to_status IN
                       ('pledged', 'committed', 'ongoing', 'finished', 'suspended', 'cancelled')),
        effective_date date NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        note           text CHECK (length(note) <= 2000),
        forced         boolean NOT NULL DEFAULT false,
        actor          text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        request_key    text UNIQUE CHECK (length(request_key) BETWEEN 1 AND 200),
        CONSTRAINT status_history_forced_note CHECK (NOT forced OR coalesce(length(btrim(note)), 0) > 0)
    );
    CREATE INDEX status_history_project_idx ON status_history (project_id, effective_date, id);

    -- Value history, for rebuilding the portfolio as of a past date.
    CREATE TABLE value_history (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id     bigint NOT NULL REFERENCES projects (id),
        value_minor    bigint NOT NULL CHECK (value_minor >= 0),
        currency       char(3) NOT NULL REFERENCES currencies (code),
        value_date     date NOT NULL,
        effective_date date NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor          text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200)
    );
    CREATE INDEX value_history_project_idx ON value_history (project_id, effective_date, id);

    CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
    END $$;

    CREATE TRIGGER status_history_append_only BEFORE UPDATE OR DELETE ON status_history
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER value_history_append_only BEFORE UPDATE OR DELETE ON value_history
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- rate: units of quote currency for one unit of currency, on rate_date.
    CREATE TABLE fx_rates (
        currency  char(3) NOT NULL REFERENCES currencies (code),
        quote     char(3) NOT NULL REFERENCES currencies (code),
        rate_date date NOT NULL,
        rate      numeric(30, 12) NOT NULL CHECK (rate > 0),
        source    text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (currency, quote, rate_date),
        CHECK (currency <> quote)
    );

    -- The portfolio's target; the latest row is in force.
    CREATE TABLE targets (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        amount_minor bigint NOT NULL CHECK (amount_minor > 0),
        currency     char(3) NOT NULL REFERENCES currencies (code),
        set_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor        text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200)
    );
    INSERT INTO targets (amount_minor, currency, actor) VALUES (800000000000, 'USD', 'system');

    CREATE TABLE rollup_snapshots (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        taken_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
        as_of           date NOT NULL,
        trigger         text NOT NULL CHECK (trigger IN ('periodic', 'manual', 'change')),
        currency        char(3) NOT NULL REFERENCES currencies (code),
        target_minor    bigint NOT NULL CHECK (target_minor > 0),
        total_minor     bigint NOT NULL CHECK (total_minor >= 0),
        counted_minor   bigint NOT NULL CHECK (counted_minor >= 0),
        pipeline_minor  bigint NOT NULL CHECK (pipeline_minor >= 0),
        suspended_minor bigint NOT NULL CHECK (suspended_minor >= 0),
        cancelled_minor bigint NOT NULL CHECK (cancelled_minor >= 0),
        project_count   integer NOT NULL CHECK (project_count >= 0),
        breakdown       jsonb NOT NULL,
        CHECK (counted_minor + pipeline_minor + suspended_minor + cancelled_minor = total_minor)
    );
    CREATE INDEX rollup_snapshots_taken_idx ON rollup_snapshots (taken_at DESC);

    -- Append-only record of every change: who, when, what, before and after.
    CREATE TABLE audit_log (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at          timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor       text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        action      text NOT NULL CHECK (length(action) BETWEEN 1 AND 100),
        entity      text NOT NULL,
        entity_key  text NOT NULL,
        before      jsonb,
        after       jsonb
    );
    CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_key, id);
    CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

    CREATE TABLE jobs (
        id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind             text NOT NULL CHECK (length(kind) BETWEEN 1 AND 100),
        queue            text NOT NULL DEFAULT 'default' CHECK (length(queue) BETWEEN 1 AND 100),
        priority         smallint NOT NULL DEFAULT 0 CHECK (priority BETWEEN -100 AND 100),
        state            text NOT NULL DEFAULT 'available' CHECK (state IN
                         ('available', 'running', 'completed', 'discarded', 'cancelled')),
        args             jsonb NOT NULL DEFAULT '{}',
        attempt          integer NOT NULL DEFAULT 0 CHECK (attempt >= 0),
        max_attempts     integer NOT NULL DEFAULT 20 CHECK (max_attempts >= 1),
        run_at           timestamptz NOT NULL DEFAULT now(),
        unique_key       text CHECK (length(unique_key) BETWEEN 1 AND 300),
        owner            text,
        lease_expires_at timestamptz,
        attempted_at     timestamptz,
        finished_at      timestamptz,
        last_error       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        CHECK ((state = 'running') = (owner IS NOT NULL AND lease_expires_at IS NOT NULL))
    );
    CREATE INDEX jobs_claim_idx ON jobs (queue, priority, run_at, id) WHERE state = 'available';
    CREATE INDEX jobs_lease_idx ON jobs (lease_expires_at) WHERE state = 'running';
    CREATE INDEX jobs_finished_idx ON jobs (finished_at) WHERE state IN ('completed', 'discarded', 'cancelled');
    CREATE UNIQUE INDEX jobs_unique_pending_key ON jobs (kind, unique_key)
        WHERE unique_key IS NOT NULL AND state = 'available';

    -- One row per elected role; renewed only by its owner before it expires.
    CREATE TABLE leader_leases (
        name       text PRIMARY KEY,
        owner      text NOT NULL,
        expires_at timestamptz NOT NULL
    );
    """#
}
