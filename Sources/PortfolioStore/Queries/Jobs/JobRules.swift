import Postgres

/// SQL shared by the queue's statements: the one written rule for a job that leaves `running`.
public enum JobRules {
    /// Whether another job of `j`'s kind and unique key waits (`available`), as the statement's
    /// snapshot sees it: a job leaving `running` while one waits is absorbed by it (cancelled),
    /// not put back. `jobs_leave_running` (migration 10) applies the same rule to a waiting job
    /// that commits meanwhile.
    static let waitingTwin: PostgresQuery = """
        j.unique_key IS NOT NULL AND EXISTS (
            SELECT 1 FROM jobs o WHERE o.kind = j.kind AND o.unique_key = j.unique_key AND o.state = 'available' AND o.id <> j.id)
        """

    /// Whether `owner` still runs `j` under one of `claims`: the fence of every state change of
    /// a running job (complete, fail, release, heartbeat). A claim's token is unique, so an
    /// attempt that lost its job (rescued, perhaps claimed again, even by the same worker)
    /// matches nothing.
    static func heldBy(_ claims: [JobClaim], owner: String) -> PostgresQuery {
        let (ids, tokens) = claims.idsAndTokens
        return """
            j.id = ANY(\(ids)::bigint[]) AND j.claim_token = ANY(\(tokens)::bigint[]) AND j.owner = \(owner) AND j.state = 'running'
            """
    }
}
