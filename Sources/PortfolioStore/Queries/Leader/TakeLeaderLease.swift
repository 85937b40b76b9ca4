import Postgres

/// Takes or renews the lease `name` for `owner` until `lease` from now: a lease is taken over
/// only once it has expired. Returns the owner afterwards.
public struct TakeLeaderLease: PostgresPreparedStatement {
    public var name: String
    public var owner: String
    public var lease: Duration

    public init(name: String, owner: String, lease: Duration) {
        self.name = name
        self.owner = owner
        self.lease = lease
    }

    public var query: PostgresQuery {
        """
        INSERT INTO leader_leases (name, owner, expires_at) VALUES (\(name), \(owner), now() + \(milliseconds: lease))
        ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
        WHERE leader_leases.owner = EXCLUDED.owner OR leader_leases.expires_at < now()
        RETURNING owner
        """
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "owner") }
}
