import Postgres

/// Elects one leader among the workers through a lease row that only its owner renews.
public struct LeaderElector: Sendable {
    public let connection: Connection
    public let name: String

    public init(_ connection: Connection, name: String = "portfolio-worker") {
        self.connection = connection
        self.name = name
    }

    /// Takes or renews the lease for `owner`; true when `owner` leads afterwards.
    ///
    /// A lease is taken over only once it has expired, so a live leader keeps it.
    public func acquireOrRenew(owner: String, lease: Duration) throws -> Bool {
        let rows = try connection.query(
            """
            INSERT INTO leader_leases (name, owner, expires_at) VALUES ($1, $2, now() + $3 * interval '1 millisecond')
            ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
            WHERE leader_leases.owner = EXCLUDED.owner OR leader_leases.expires_at < now()
            RETURNING owner
            """, name, owner, JobQueue.millis(lease))
        return try rows.first?.decode(String.self, at: 0) == owner
    }

    /// Gives the lease up if `owner` holds it.
    public func resign(owner: String) throws {
        try connection.query("DELETE FROM leader_leases WHERE name = $1 AND owner = $2", name, owner)
    }

    /// The current leader, if its lease holds.
    public func currentLeader() throws -> String? {
        try connection.query("SELECT owner FROM leader_leases WHERE name = $1 AND expires_at > now()", name)
            .first?.decode(String.self, at: 0)
    }
}
