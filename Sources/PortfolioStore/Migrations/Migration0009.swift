/// Claim tokens and pending-key locks for the job queue.
///
/// Every claim takes a new `claim_token` from a sequence, so a token names one attempt of one
/// job, never reused: a later claim of the same job by the same worker has another. Every state
/// change of a running job is fenced by it.
///
/// A job leaving `running` may only become `available` while no other job of its kind and key
/// waits (the partial unique index `jobs_unique_pending_key`). Whoever makes a keyed job
/// `available` — an insert, a retry — holds a shared transaction-level advisory lock on the key
/// (the trigger below, in namespace 1785684595, "jobs"), taken before the row reaches the
/// index. `jobs_key_waiting` takes the same lock exclusively and then looks with a fresh
/// snapshot: every insert of the key has committed or rolled back by then, and any later one
/// waits for the caller's commit and then finds its job waiting. So the statements that put a
/// job back choose `cancelled` (superseded) instead of tripping the unique index.
enum Migration0009 {
    static let sql = #"""
    CREATE SEQUENCE jobs_claim_token_seq;
    ALTER TABLE jobs ADD COLUMN claim_token bigint;
    UPDATE jobs SET claim_token = nextval('jobs_claim_token_seq') WHERE state = 'running';

    CREATE FUNCTION jobs_pending_key_lock() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND OLD.state = 'available' AND OLD.kind = NEW.kind AND OLD.unique_key = NEW.unique_key THEN
            RETURN NEW;
        END IF;
        PERFORM pg_advisory_xact_lock_shared(1785684595, hashtext(NEW.kind || E'\n' || NEW.unique_key));
        RETURN NEW;
    END
    $$;
    CREATE TRIGGER jobs_pending_key_lock BEFORE INSERT OR UPDATE OF state, kind, unique_key ON jobs
        FOR EACH ROW WHEN (NEW.unique_key IS NOT NULL AND NEW.state = 'available')
        EXECUTE FUNCTION jobs_pending_key_lock();

    -- Whether another job of this kind and key waits, asked under the key's exclusive lock.
    -- With wait false, NULL when the lock is taken (the caller leaves the job for later).
    CREATE FUNCTION jobs_key_waiting(job_kind text, job_key text, job_id bigint, wait boolean) RETURNS boolean
    LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
        IF wait THEN
            PERFORM pg_advisory_xact_lock(1785684595, hashtext(job_kind || E'\n' || job_key));
        ELSIF NOT pg_try_advisory_xact_lock(1785684595, hashtext(job_kind || E'\n' || job_key)) THEN
            RETURN NULL;
        END IF;
        PERFORM 1 FROM jobs WHERE kind = job_kind AND unique_key = job_key AND state = 'available' AND id <> job_id;
        RETURN FOUND;
    END
    $$;
    """#
}
