-- The worker's claim (Sources/PortfolioStore/Queries/Jobs/ClaimJobs.swift) as it sends it: a
-- prepared statement with every queue (NULL), its owner and a 30 s lease bound as parameters
-- and the batch of 100 written into the text.
PREPARE growth_claim(text[], text, bigint) AS
WITH next AS (
    SELECT id FROM jobs
    WHERE state = 'available' AND run_at <= now() AND ($1::text[] IS NULL OR queue = ANY($1::text[]))
    ORDER BY priority, run_at, id
    LIMIT 100
    FOR UPDATE SKIP LOCKED
)
UPDATE jobs j SET state = 'running', owner = $2, attempt = j.attempt + 1, attempted_at = now(),
       lease_expires_at = now() + ($3::bigint * interval '1 millisecond'), claim_token = nextval('jobs_claim_token_seq')
FROM next WHERE j.id = next.id
RETURNING j.id, j.kind, j.queue, j.args::text AS args, j.attempt, j.max_attempts, j.unique_key, j.run_at, j.priority,
          j.claim_token;
