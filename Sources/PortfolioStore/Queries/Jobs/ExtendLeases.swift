import Postgres

/// Extends to `lease` from now the leases of the claims `owner` still runs.
public struct ExtendLeases: PostgresPreparedStatement {
    public var claims: [JobClaim]
    public var owner: String
    public var lease: Duration

    public init(_ claims: [JobClaim], owner: String, lease: Duration) {
        self.claims = claims
        self.owner = owner
        self.lease = lease
    }

    public var query: PostgresQuery {
        """
        UPDATE jobs j SET lease_expires_at = now() + \(milliseconds: lease)
        WHERE \(JobRules.heldBy(claims, owner: owner))
        """
    }
}
