/// Claim tokens, and a job's way out of `running` that cannot fail on its unique key.
///
/// Every claim takes a new `claim_token` from a sequence, so a token names one attempt of one
/// job, never reused: a later claim of the same job by the same worker has another. Every state
/// change of a running job is fenced by it.
///
/// `jobs_leave_running` moves one running job its caller has locked to its next state: the
/// run time (when it goes back), attempt and error given (a NULL run time or error keeps the
/// job's own). A job going back to `available` with a unique key may meet a job of the same
/// kind and key enqueued by a transaction its caller's snapshot does not see (still open, or
/// committed since): the unique index of waiting keys then waits for that transaction and,
/// when it commits, refuses the row. The function tries `available` in a subtransaction and,
/// on that refusal, makes the job `cancelled` (superseded by the waiting one) instead, so the
/// statement does not fail. With `patience` given, a wait for such a transaction longer than
/// that leaves the job as it is and returns NULL (the rescuer's next pass takes it), so a
/// statement that holds many rows never waits long on one.
enum Migration0010 {
    static let sql = #"""
    CREATE SEQUENCE jobs_claim_token_seq;
    ALTER TABLE jobs ADD COLUMN claim_token bigint;
    UPDATE jobs SET claim_token = nextval('jobs_claim_token_seq') WHERE state = 'running';

    CREATE FUNCTION jobs_leave_running(
        job_id bigint, keyed boolean, next_state text, next_run_at timestamptz, next_attempt integer, error text,
        patience interval
    ) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
    DECLARE
        saved text := current_setting('lock_timeout');
    BEGIN
        IF next_state = 'available' THEN
            IF NOT keyed THEN
                UPDATE jobs SET state = 'available', owner = NULL, lease_expires_at = NULL, finished_at = NULL,
                       run_at = coalesce(next_run_at, run_at), attempt = next_attempt, last_error = coalesce(error, last_error)
                WHERE id = job_id;
                RETURN 'available';
            END IF;
            BEGIN
                IF patience IS NOT NULL THEN
                    PERFORM set_config('lock_timeout', (extract(epoch FROM patience) * 1000)::bigint::text, true);
                END IF;
                UPDATE jobs SET state = 'available', owner = NULL, lease_expires_at = NULL, finished_at = NULL,
                       run_at = coalesce(next_run_at, run_at), attempt = next_attempt, last_error = coalesce(error, last_error)
                WHERE id = job_id;
                PERFORM set_config('lock_timeout', saved, true);
                RETURN 'available';
            EXCEPTION
                WHEN unique_violation THEN
                    next_state := 'cancelled';
                WHEN lock_not_available THEN
                    IF patience IS NULL THEN RAISE; END IF;
                    RETURN NULL;
            END;
        END IF;
        UPDATE jobs SET state = next_state, owner = NULL, lease_expires_at = NULL, finished_at = now(),
               attempt = next_attempt, last_error = coalesce(error, last_error)
        WHERE id = job_id;
        RETURN next_state;
    END
    $$;
    """#
}
