-- Benchmark row 3: our bare claim-and-complete SQL, as the worker sends it
-- (Sources/PortfolioJobs/Queue/JobQueue.swift: claim, then complete), for pgbench.
-- __BATCH__ is replaced by the claim batch size (the worker puts it in as a literal too);
-- `$3` (the queues, NULL for every queue) is a NULL literal; the owner is one per client.
-- The claimed ids and their claim tokens come back as two arrays (pgbench carries one row
-- between statements).
-- Run with -M prepared or -M extended (the ids travel as a bound parameter).
WITH next AS (
    SELECT id FROM jobs
    WHERE state = 'available' AND run_at <= now() AND (NULL::text[] IS NULL OR queue = ANY(NULL::text[]))
    ORDER BY priority, run_at, id
    LIMIT __BATCH__
    FOR UPDATE SKIP LOCKED
), claimed AS (
    UPDATE jobs j SET state = 'running', owner = 'pgbench-' || :client_id::text, attempt = j.attempt + 1, attempted_at = now(),
           lease_expires_at = now() + 30000 * interval '1 millisecond', claim_token = nextval('jobs_claim_token_seq')
    FROM next WHERE j.id = next.id
    RETURNING j.id, j.kind, j.queue, j.args::text, j.attempt, j.max_attempts, j.unique_key, j.run_at, j.priority, j.claim_token
)
SELECT coalesce(array_agg(id), '{}')::text AS ids, coalesce(array_agg(claim_token), '{}')::text AS tokens FROM claimed
\gset
UPDATE jobs SET state = 'completed', finished_at = now(), owner = NULL, lease_expires_at = NULL, last_error = NULL
WHERE id = ANY(:ids::bigint[]) AND claim_token = ANY(:tokens::bigint[]) AND owner = 'pgbench-' || :client_id::text AND state = 'running';
