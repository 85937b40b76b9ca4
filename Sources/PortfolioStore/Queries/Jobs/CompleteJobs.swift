import Postgres

/// Marks jobs completed where `owner` still runs them under these claims. A completed job has
/// no `last_error`: the errors of earlier attempts no longer describe it.
public struct CompleteJobs: PostgresPreparedStatement {
    public var claims: [JobClaim]
    public var owner: String

    public init(_ claims: [JobClaim], owner: String) {
        self.claims = claims
        self.owner = owner
    }

    public var query: PostgresQuery {
        """
        UPDATE jobs j SET state = 'completed', finished_at = now(), owner = NULL, lease_expires_at = NULL, last_error = NULL
        WHERE \(JobRules.heldBy(claims, owner: owner))
        """
    }
}
