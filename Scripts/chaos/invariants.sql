-- The invariants checked after every chaos scenario. One row per check:
--   check|violations|what it means
-- g checks the ledger: no lender's disbursements to a project above its commitment unless one
-- was forced, and one audit entry per transaction.
-- Every count must be 0. Run by Scripts/chaos.sh as the superuser, after the workers have
-- stopped, their leases have expired and a rescue pass (`portfolio-worker --once`) has run.
--
-- d (the rollup) recomputes the portfolio in SQL, independently of the Swift code: totals by
-- status category, rows by sector and status, and rows by lender with the largest-remainder
-- split of co-financed projects (each lender gets value * share_bp / 10000 rounded down; the
-- minor units left over go one each to the largest remainders, ties to the name that sorts
-- first). It compares that, to the minor unit, with the newest rollup snapshot. FX conversion is
-- not redone in SQL: the chaos portfolio holds only projects in the target's currency, and d0
-- counts any project that is not, so the comparison never silently skips one.
\set ON_ERROR_STOP on

WITH
-- a. Requested changes, each in the history exactly once -------------------------------------
req_job AS (
    SELECT r.*, (SELECT count(*) FROM status_history h JOIN projects p ON p.id = h.project_id
                 WHERE h.request_key = r.key AND p.code = r.code AND h.to_status = r.status
                   AND h.effective_date = r.effective) AS found
    FROM chaos.requested_status r WHERE r.source = 'job'
),
req_cli AS (
    SELECT r.*, (SELECT count(*) FROM status_history h JOIN projects p ON p.id = h.project_id
                 WHERE h.note = r.note AND p.code = r.code AND h.to_status = r.status
                   AND h.effective_date = r.effective) AS found
    FROM chaos.requested_status r WHERE r.source = 'cli'
),
phantom AS (
    SELECT h.id FROM status_history h JOIN projects p ON p.id = h.project_id
    WHERE h.from_status IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM chaos.requested_status r WHERE r.source = 'job' AND r.key = h.request_key)
      AND NOT EXISTS (SELECT 1 FROM chaos.requested_status r WHERE r.source = 'cli' AND r.note = h.note AND r.code = p.code)
),
-- b. Each project's status is its last history entry -----------------------------------------
last_by_date AS (
    SELECT DISTINCT ON (project_id) project_id, to_status FROM status_history ORDER BY project_id, effective_date DESC, id DESC
),
last_by_id AS (
    SELECT DISTINCT ON (project_id) project_id, to_status FROM status_history ORDER BY project_id, id DESC
),
-- d. The newest rollup against a recomputation in SQL ----------------------------------------
snap AS (SELECT * FROM rollup_snapshots ORDER BY id DESC LIMIT 1),
scale AS (SELECT (10::numeric ^ c.minor_digits) AS f FROM currencies c JOIN snap s ON c.code = s.currency),
p AS (
    SELECT p.id, p.code, p.sector_code, p.status, p.value_minor, p.currency,
           p.status IN ('committed', 'ongoing', 'finished') AS counts
    FROM projects p
),
stored_rows AS (
    SELECT b.kind, r->>'key' AS key, (r->>'projects')::bigint AS projects,
           ((r->'value'->>'amount')::numeric * (SELECT f FROM scale))::bigint AS value_minor,
           ((r->'counted'->>'amount')::numeric * (SELECT f FROM scale))::bigint AS counted_minor
    FROM snap,
         LATERAL (VALUES ('sector', snap.breakdown->'by_sector'), ('status', snap.breakdown->'by_status'),
                         ('lender', snap.breakdown->'by_lender')) AS b(kind, rows),
         LATERAL jsonb_array_elements(b.rows) AS r
),
lender_parts AS (
    SELECT pl.project_id, l.name, p.counts, p.value_minor,
           (p.value_minor::numeric * pl.share_bp) / 10000 AS exact
    FROM project_lenders pl JOIN lenders l ON l.id = pl.lender_id JOIN p ON p.id = pl.project_id
),
lender_ranked AS (
    SELECT project_id, name, counts, floor(exact)::bigint AS part,
           value_minor - sum(floor(exact)::bigint) OVER (PARTITION BY project_id) AS leftover,
           row_number() OVER (PARTITION BY project_id ORDER BY exact - floor(exact) DESC, name COLLATE "C") AS rank
    FROM lender_parts
),
lender_split AS (
    SELECT project_id, name, counts, part + CASE WHEN rank <= leftover THEN 1 ELSE 0 END AS amount FROM lender_ranked
),
expected_rows AS (
    SELECT 'sector' AS kind, sector_code AS key, count(*) AS projects, sum(value_minor)::bigint AS value_minor,
           sum(CASE WHEN counts THEN value_minor ELSE 0 END)::bigint AS counted_minor
    FROM p GROUP BY sector_code
    UNION ALL
    SELECT 'status', status, count(*), sum(value_minor)::bigint, sum(CASE WHEN counts THEN value_minor ELSE 0 END)::bigint
    FROM p GROUP BY status
    UNION ALL
    SELECT 'lender', name, count(DISTINCT project_id), sum(amount)::bigint, sum(CASE WHEN counts THEN amount ELSE 0 END)::bigint
    FROM lender_split GROUP BY name
),
expected_totals AS (
    SELECT count(*) AS project_count,
           coalesce(sum(value_minor), 0) AS total,
           coalesce(sum(value_minor) FILTER (WHERE counts), 0) AS counted,
           coalesce(sum(value_minor) FILTER (WHERE status = 'pledged'), 0) AS pipeline,
           coalesce(sum(value_minor) FILTER (WHERE status = 'suspended'), 0) AS suspended,
           coalesce(sum(value_minor) FILTER (WHERE status = 'cancelled'), 0) AS cancelled
    FROM p
),
-- e. One audit entry per change ---------------------------------------------------------------
status_audit AS (
    SELECT entity_key AS code, count(*) AS n FROM audit_log
    WHERE entity = 'project' AND action IN ('status.set', 'status.force') GROUP BY entity_key
),
status_changes AS (
    SELECT p.code, count(*) AS n FROM status_history h JOIN projects p ON p.id = h.project_id
    WHERE h.from_status IS NOT NULL GROUP BY p.code
),
keyed_audit AS (
    SELECT after->>'key' AS key, count(*) AS n FROM audit_log
    WHERE action IN ('status.set', 'status.force') AND after ? 'key' GROUP BY 1
),
update_audit AS (
    SELECT entity_key AS code, after->>'location' AS location, count(*) AS n FROM audit_log
    WHERE action = 'project.update' GROUP BY 1, 2
),
entry_audit AS (
    SELECT entity_key AS code, count(*) AS n FROM audit_log
    WHERE entity = 'project' AND action IN ('project.import', 'project.add') GROUP BY entity_key
)
SELECT * FROM (VALUES
    ('a1', (SELECT count(*) FROM req_job WHERE found <> 1),
     'queued changes (by key) not in the status history exactly once'),
    ('a2', (SELECT count(*) FROM req_cli WHERE found <> 1),
     'accepted status set commands (by note) not in the status history exactly once'),
    ('a3', (SELECT count(*) FROM phantom),
     'history entries that nobody requested (or whose command reported failure)'),
    ('a4', (SELECT count(*) FROM jobs j WHERE j.kind = 'status.apply' AND j.state IN ('discarded', 'cancelled')),
     'status.apply jobs discarded or cancelled instead of applied'),
    ('b1', (SELECT count(*) FROM projects pr LEFT JOIN last_by_date l ON l.project_id = pr.id
            WHERE l.to_status IS DISTINCT FROM pr.status),
     'projects whose status is not their last history entry (by effective date)'),
    ('b2', (SELECT count(*) FROM projects pr LEFT JOIN last_by_id l ON l.project_id = pr.id
            WHERE l.to_status IS DISTINCT FROM pr.status),
     'projects whose status is not their last history entry (as recorded)'),
    ('c1', (SELECT count(*) FROM jobs WHERE state = 'running'),
     'jobs still running after the workers stopped and a rescue pass'),
    ('c2', (SELECT count(*) FROM jobs WHERE state = 'available' AND run_at <= now()),
     'jobs left due after the run'),
    ('d0', (SELECT count(*) FROM projects pr, snap WHERE pr.currency <> snap.currency),
     'projects outside the reporting currency (the SQL recomputation would not cover them)'),
    ('d1', (SELECT count(*) FROM rollup_deltas WHERE snapshot_id IS NULL),
     'changes not folded into any rollup snapshot'),
    ('d2', CASE WHEN NOT EXISTS (SELECT 1 FROM snap) THEN 1 ELSE
           (SELECT (s.project_count <> e.project_count)::int + (s.total_minor <> e.total)::int
                   + (s.counted_minor <> e.counted)::int + (s.pipeline_minor <> e.pipeline)::int
                   + (s.suspended_minor <> e.suspended)::int + (s.cancelled_minor <> e.cancelled)::int
                   + (s.target_minor <> (SELECT amount_minor FROM targets ORDER BY id DESC LIMIT 1))::int
            FROM snap s, expected_totals e) END,
     'newest snapshot totals (projects, total, counted, pipeline, suspended, cancelled, target) differing from SQL'),
    ('d3', (SELECT count(*) FROM stored_rows s FULL JOIN expected_rows e ON e.kind = s.kind AND e.key = s.key
            WHERE s.projects IS DISTINCT FROM e.projects OR s.value_minor IS DISTINCT FROM e.value_minor
               OR s.counted_minor IS DISTINCT FROM e.counted_minor),
     'newest snapshot rows by sector, status and lender differing from SQL (to the minor unit)'),
    ('e1', (SELECT count(*) FROM status_changes c FULL JOIN status_audit a USING (code)
            WHERE coalesce(c.n, 0) <> coalesce(a.n, 0)),
     'projects whose status changes and status.set/status.force audit entries differ in number'),
    ('e2', (SELECT count(*) FROM status_history h LEFT JOIN keyed_audit a ON a.key = h.request_key
            WHERE h.request_key IS NOT NULL AND coalesce(a.n, 0) <> 1),
     'keyed status changes without exactly one audit entry naming the key'),
    ('e3', (SELECT count(*) FROM projects pr LEFT JOIN entry_audit a ON a.code = pr.code WHERE coalesce(a.n, 0) <> 1),
     'projects without exactly one project.import/project.add audit entry'),
    ('e4', (SELECT count(*) FROM chaos.requested_update u
            LEFT JOIN update_audit a ON a.code = u.code AND a.location = u.location WHERE coalesce(a.n, 0) <> 1),
     'accepted project updates without exactly one project.update audit entry'),
    ('e5', abs((SELECT count(*) FROM audit_log WHERE action = 'project.update')
               - (SELECT count(*) FROM chaos.requested_update)),
     'project.update audit entries that no accepted update accounts for'),
    ('e6', abs((SELECT count(*) FROM audit_log WHERE action = 'status.import')
               - (SELECT count(*) FROM chaos.status_imports)),
     'status.import audit entries differing from the imports that succeeded'),
    ('f1', (SELECT count(*) FROM status_history
            WHERE from_status IS NOT NULL AND effective_date > (recorded_at AT TIME ZONE 'UTC')::date),
     'status changes recorded before their effective date (a change applied early)'),
    ('g1', (SELECT count(*) FROM (
                SELECT pl.project_id, pl.lender_id
                FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
                JOIN ledger_transactions t ON t.project_id = pl.project_id AND t.lender_id = pl.lender_id
                GROUP BY pl.project_id, pl.lender_id, pl.part_minor, p.currency
                HAVING NOT bool_or(t.forced AND t.type = 'disbursement')
                   AND coalesce(sum(ledger_convert(t.amount_minor, t.currency, p.currency, t.value_date))
                                FILTER (WHERE t.type = 'disbursement'), 0)
                       > pl.part_minor + coalesce(sum(CASE t.type WHEN 'commitment' THEN 1 WHEN 'cancellation' THEN -1 ELSE 0 END
                                                     * ledger_convert(t.amount_minor, t.currency, p.currency, t.value_date)), 0)
            ) over_committed),
     'lenders whose disbursements to a project exceed their commitment with no forced disbursement'),
    ('g2', abs((SELECT count(*) FROM ledger_transactions)
               - (SELECT count(*) FROM audit_log WHERE action = 'transaction.add')),
     'ledger transactions and transaction.add audit entries differing in number')
) AS checks(check_id, violations, description)
ORDER BY check_id;
