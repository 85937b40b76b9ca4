-- Benchmark row 4: the transaction equivalent to applying one status change, for pgbench:
-- lock the project row, append a status_history row, update the project's status, and
-- enqueue the (unique, so usually absorbed) rollup job. Projects are taken in id order from
-- the sequence bench_status_seq, so every transaction moves a different project
-- committed -> ongoing. Run with -M prepared or -M extended.
BEGIN;
WITH n AS (SELECT nextval('bench_status_seq') AS id)
SELECT p.id AS pid, p.status AS from_status FROM projects p JOIN n ON p.id = n.id FOR UPDATE OF p
\gset
INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, forced, actor, request_key)
VALUES (:pid, :from_status, 'ongoing', DATE '2025-01-01', NULL, false, 'bench', 'pgbench:' || :pid::text);
UPDATE projects SET status = 'ongoing', version = version + 1, updated_at = now() WHERE id = :pid;
INSERT INTO jobs (kind, queue, priority, args, run_at, unique_key, max_attempts)
VALUES ('rollup.take', 'rollups', 0, '{"trigger":"change"}', now(), 'rollup', 20)
ON CONFLICT (kind, unique_key) WHERE unique_key IS NOT NULL AND state = 'available' DO NOTHING;
COMMIT;
