-- pgbench script of row 10: the writes `portfolio tx import` makes for one transaction — the
-- ledger row (its BEFORE INSERT check: lock, reference, financing lender, date, rate, the
-- commitment sum) and an audit entry. Each client takes its pairs from its own sequence.
\set pair random(1, :pairs)
INSERT INTO ledger_transactions (project_id, lender_id, type, amount_minor, currency, value_date, reference, actor)
SELECT b.project_id, b.lender_id, 'disbursement', 1, b.currency, DATE '2025-01-01', 'PG-' || nextval('bench_tx_seq'), 'bench'
FROM bench_pairs b WHERE b.n = :pair;
INSERT INTO audit_log (actor, action, entity, entity_key, before, after)
VALUES ('bench', 'transaction.add', 'project', 'bench', NULL, '{"type": "disbursement", "amount": "0.01"}'::jsonb);
