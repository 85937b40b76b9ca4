-- Adds history to the 10,000 GRW- projects of projects.sql, in the real tables, spread evenly
-- over them: :status_n status changes, :ledger_n ledger transactions, :audit_n audit entries
-- and :jobs_n completed jobs awaiting pruning. :step (1, 2, …) keeps references unique across
-- runs; audit entries are dated from :'audit_from' to :'audit_to'.
\set ON_ERROR_STOP on
CREATE TEMP TABLE growth_projects AS
SELECT p.id, p.code, p.value_date, row_number() OVER (ORDER BY p.id) AS rn FROM projects p WHERE p.code LIKE 'GRW-%';
CREATE TEMP TABLE growth_pairs AS
SELECT pl.project_id, pl.lender_id, pl.part_minor, p.value_date, row_number() OVER (ORDER BY pl.project_id, pl.lender_id) AS rn
FROM project_lenders pl JOIN projects p ON p.id = pl.project_id WHERE p.code LIKE 'GRW-%';
ANALYZE growth_projects;
ANALYZE growth_pairs;

-- Status changes strictly between a project's first status (its value date) and its current
-- one (2000 days later), so the current status stays the project's last.
INSERT INTO status_history (project_id, from_status, to_status, effective_date, actor)
SELECT gp.id, (ARRAY['ongoing', 'committed', 'ongoing', 'suspended'])[1 + s.i % 4],
       (ARRAY['committed', 'ongoing', 'suspended', 'ongoing'])[1 + s.i % 4],
       gp.value_date + 1 + ((s.i * 37 + :step) % 1998)::int, 'growth'
FROM (SELECT g, (g - 1) / 10000 AS i, 1 + (g - 1) % 10000 AS rn FROM generate_series(1, :status_n) g) s
JOIN growth_projects gp ON gp.rn = s.rn
ORDER BY s.g;

-- Transactions per project and lender in rounds of four on one value date: a commitment of A,
-- a disbursement of A, a repayment of A/2 and interest of A/20, A a thousandth of the lender's
-- part. Each disbursement follows a commitment at least as large, so every pair stays within
-- its commitment; all are in the project's currency (USD), on or before yesterday, with a
-- reference unique in the project. The insert check (ledger_transactions_check) sums a pair's
-- whole ledger for each disbursement, which makes a bulk load quadratic: it is off for this
-- statement only, and the rules it enforces are checked over the whole ledger below.
ALTER TABLE ledger_transactions DISABLE TRIGGER ledger_transactions_check;
INSERT INTO ledger_transactions (project_id, lender_id, type, amount_minor, currency, value_date, reference, actor)
SELECT gp.project_id, gp.lender_id, (ARRAY['commitment', 'disbursement', 'repayment', 'interest'])[1 + s.i % 4],
       CASE s.i % 4 WHEN 2 THEN greatest(gp.part_minor / 2000, 1) WHEN 3 THEN greatest(gp.part_minor / 20000, 1)
                    ELSE greatest(gp.part_minor / 1000, 1) END,
       'USD', least(gp.value_date + ((s.i / 4) * 9 + :step * 5) % 6000, current_date - 1),
       format('G%s-%s-%s', :step, gp.lender_id, s.i), 'growth'
FROM (SELECT g, (g - 1) / 20000 AS i, 1 + (g - 1) % 20000 AS rn FROM generate_series(1, :ledger_n) g) s
JOIN growth_pairs gp ON gp.rn = s.rn
ORDER BY s.g;
ALTER TABLE ledger_transactions ENABLE TRIGGER ledger_transactions_check;

INSERT INTO audit_log (at, actor, action, entity, entity_key, after)
SELECT :'audit_from'::timestamptz + (s.g::float8 / :audit_n) * (:'audit_to'::timestamptz - :'audit_from'::timestamptz),
       'uid:1000', (ARRAY['status.change', 'transaction.add', 'project.update'])[1 + s.g % 3], 'project', gp.code,
       jsonb_build_object('type', 'disbursement', 'amount', (s.g % 100000)::text || '.00', 'forced', false,
                          'currency', 'USD', 'reference', format('G%s-%s', :step, s.g), 'valueDate', '2024-07-20')
FROM (SELECT g, 1 + (g - 1) % 10000 AS rn FROM generate_series(1, :audit_n) g) s
JOIN growth_projects gp ON gp.rn = s.rn
ORDER BY s.g;

-- Completed within the last day: the worker's retention (24 h) keeps them until then.
INSERT INTO jobs (kind, queue, state, args, attempt, run_at, attempted_at, finished_at, created_at)
SELECT (ARRAY['status.apply', 'ledger.record', 'rollup.take'])[1 + s.g % 3], (ARRAY['default', 'ledger', 'rollups'])[1 + s.g % 3],
       'completed', jsonb_build_object('code', gp.code), 1, s.t - interval '2 seconds', s.t - interval '1 second', s.t,
       s.t - interval '2 seconds'
FROM (SELECT g, now() - (g % 86000) * interval '1 second' AS t, 1 + (g - 1) % 10000 AS rn FROM generate_series(1, :jobs_n) g) s
JOIN growth_projects gp ON gp.rn = s.rn;

-- What ledger_transactions_check enforces, over the whole ledger: each lender finances its
-- project, no value date is in the future, and no unforced disbursement total is above the
-- lender's part plus its commitments less its cancellations.
DO $$
DECLARE
    bad bigint;
BEGIN
    SELECT count(*) INTO bad FROM ledger_transactions t
    WHERE t.value_date > current_date
       OR NOT EXISTS (SELECT 1 FROM project_lenders pl WHERE pl.project_id = t.project_id AND pl.lender_id = t.lender_id);
    IF bad > 0 THEN RAISE EXCEPTION '% transactions break the ledger rules', bad; END IF;
    SELECT count(*) INTO bad FROM (
        SELECT t.project_id, t.lender_id,
               sum(t.amount_minor) FILTER (WHERE t.type = 'disbursement') AS disbursed,
               sum(CASE t.type WHEN 'commitment' THEN t.amount_minor WHEN 'cancellation' THEN -t.amount_minor ELSE 0 END) AS moved
        FROM ledger_transactions t WHERE t.currency = 'USD' AND NOT t.forced GROUP BY t.project_id, t.lender_id) s
    JOIN project_lenders pl ON pl.project_id = s.project_id AND pl.lender_id = s.lender_id
    JOIN projects p ON p.id = s.project_id AND p.currency = 'USD' AND p.code LIKE 'GRW-%'
    WHERE s.disbursed > pl.part_minor + s.moved;
    IF bad > 0 THEN RAISE EXCEPTION '% lender pairs are disbursed above their commitment', bad; END IF;
END $$;

-- The rollup learns of the bulk history as of a bulk import: a full recomputation.
INSERT INTO rollup_deltas (reset, reason) VALUES (true, 'growth load of history');
