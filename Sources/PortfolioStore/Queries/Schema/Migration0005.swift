/// Bounds that keep every sum of the portfolio in range, and a history of every fact reports use.
///
/// Values are at most 10^18 − 1 minor units, rates at most 1,000,000 and project ids 32-bit,
/// so sums converted into any currency stay below 2 × 10^37 (`Money.maxValueMinorUnits` has the
/// proof); snapshot totals become `numeric(38,0)`. Every project and value-history entry in a
/// currency other than the reporting currency must have a rate on or before its value date.
/// Existing data that breaks a bound is refused with a message naming it and the fix, and
/// nothing is altered; value-history entries, which are append-only, keep their old values
/// (the sums stay in range for any `bigint`) and new ones are checked.
///
/// Sector and lender changes get their own append-only histories, like the status and the value,
/// so `--as-of` shows each field as it was; each project starts with one entry of its current
/// sector and lenders, effective on the day it entered the portfolio.
enum Migration0005 {
    static let sql = #"""
    DO $$
    DECLARE
        found text;
        reporting char(3);
    BEGIN
        SELECT string_agg(format('%s (%s)', code, value_minor), ', ' ORDER BY code) INTO found
          FROM (SELECT code, value_minor FROM projects WHERE value_minor > 999999999999999999 ORDER BY code LIMIT 5) big;
        IF found IS NOT NULL THEN
            RAISE EXCEPTION 'migration 5 cannot be applied: these projects are worth more than 999999999999999999 minor units, the largest value: %; lower each with the previous release (''portfolio project update CODE --value V'') or in psql (UPDATE projects SET value_minor = ..., with its project_lenders parts), then run ''portfolio migrate'' again', found;
        END IF;

        SELECT format('%s %s', amount_minor, currency) INTO found
          FROM (SELECT amount_minor, currency FROM targets ORDER BY id DESC LIMIT 1) t WHERE amount_minor > 999999999999999999;
        IF found IS NOT NULL THEN
            RAISE EXCEPTION 'migration 5 cannot be applied: the target (%) is more than 999999999999999999 minor units; set a smaller one with the previous release (''portfolio target set AMOUNT CUR'') or in psql (INSERT INTO targets (amount_minor, currency, actor) VALUES (...)), then run ''portfolio migrate'' again', found;
        END IF;

        SELECT string_agg(format('%s/%s %s %s', currency, quote, rate_date, rate), ', ' ORDER BY currency, quote, rate_date) INTO found
          FROM (SELECT * FROM fx_rates WHERE rate > 1000000 ORDER BY currency, quote, rate_date LIMIT 5) big;
        IF found IS NOT NULL THEN
            RAISE EXCEPTION 'migration 5 cannot be applied: these FX rates are above 1000000, the largest rate: %; replace each with ''portfolio fx set CUR DATE RATE --quote QUOTE'' or in psql (UPDATE fx_rates SET rate = ...), then run ''portfolio migrate'' again', found;
        END IF;

        IF EXISTS (SELECT 1 FROM projects WHERE id > 2147483647) THEN
            RAISE EXCEPTION 'migration 5 cannot be applied: a project id is above 2147483647, the most projects a portfolio may hold';
        END IF;

        SELECT coalesce((SELECT currency FROM targets ORDER BY id DESC LIMIT 1), 'USD') INTO reporting;
        SELECT string_agg(format('%s in %s on %s', code, currency, value_date), ', ' ORDER BY code, value_date) INTO found
          FROM (SELECT DISTINCT p.code, v.currency, v.value_date
                  FROM (SELECT id AS project_id, currency, value_date FROM projects
                        UNION SELECT project_id, currency, value_date FROM value_history) v
                  JOIN projects p ON p.id = v.project_id
                 WHERE v.currency <> reporting
                   AND NOT EXISTS (SELECT 1 FROM fx_rates r WHERE r.currency = v.currency AND r.quote = reporting
                                   AND r.rate_date <= v.value_date)
                 ORDER BY p.code, v.value_date LIMIT 5) missing;
        IF found IS NOT NULL THEN
            RAISE EXCEPTION 'migration 5 cannot be applied: these values have no % rate on or before their value date, so no report can convert them: %; add each rate with ''portfolio fx set CUR DATE RATE --quote %'' or in psql (INSERT INTO fx_rates ...), then run ''portfolio migrate'' again', reporting, found, reporting;
        END IF;
    END $$;

    ALTER TABLE projects ADD CONSTRAINT projects_value_bound CHECK (value_minor <= 999999999999999999);
    ALTER TABLE projects ADD CONSTRAINT projects_id_bound CHECK (id BETWEEN 1 AND 2147483647);
    ALTER TABLE value_history ADD CONSTRAINT value_history_value_bound CHECK (value_minor <= 999999999999999999) NOT VALID;
    ALTER TABLE targets ADD CONSTRAINT targets_amount_bound CHECK (amount_minor <= 999999999999999999) NOT VALID;
    ALTER TABLE fx_rates ADD CONSTRAINT fx_rates_rate_bound CHECK (rate <= 1000000);

    ALTER TABLE rollup_snapshots
        ALTER COLUMN target_minor TYPE numeric(38, 0),
        ALTER COLUMN total_minor TYPE numeric(38, 0),
        ALTER COLUMN counted_minor TYPE numeric(38, 0),
        ALTER COLUMN pipeline_minor TYPE numeric(38, 0),
        ALTER COLUMN suspended_minor TYPE numeric(38, 0),
        ALTER COLUMN cancelled_minor TYPE numeric(38, 0);

    -- Append-only, like status_history and value_history: effective_date is when the change
    -- takes effect, recorded_at when it was written down.
    CREATE TABLE sector_history (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id     bigint NOT NULL REFERENCES projects (id),
        sector_code    text NOT NULL REFERENCES sectors (code),
        effective_date date NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor          text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200)
    );
    CREATE INDEX sector_history_project_idx ON sector_history (project_id, id);

    -- Lenders by name with their shares in basis points, in the order reports list them.
    CREATE TABLE lender_history (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id     bigint NOT NULL REFERENCES projects (id),
        lender_names   text[] NOT NULL,
        lender_shares  integer[] NOT NULL,
        effective_date date NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor          text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        CHECK (cardinality(lender_names) >= 1 AND cardinality(lender_names) = cardinality(lender_shares))
    );
    CREATE INDEX lender_history_project_idx ON lender_history (project_id, id);

    CREATE TRIGGER sector_history_append_only BEFORE UPDATE OR DELETE ON sector_history
        FOR EACH ROW EXECUTE FUNCTION refuse_change();
    CREATE TRIGGER lender_history_append_only BEFORE UPDATE OR DELETE ON lender_history
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

    WITH entered AS (
        SELECT p.id, least(p.value_date,
                           (SELECT min(effective_date) FROM status_history h WHERE h.project_id = p.id),
                           (SELECT min(effective_date) FROM value_history v WHERE v.project_id = p.id)) AS day
        FROM projects p
    ), sectors_in AS (
        INSERT INTO sector_history (project_id, sector_code, effective_date, actor)
        SELECT p.id, p.sector_code, e.day, 'migration 5' FROM projects p JOIN entered e ON e.id = p.id
    )
    INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor)
    SELECT p.id, array_agg(l.name ORDER BY pl.share_bp DESC, l.name), array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name),
           e.day, 'migration 5'
    FROM projects p JOIN entered e ON e.id = p.id
    JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id
    GROUP BY p.id, e.day;
    """#
}
