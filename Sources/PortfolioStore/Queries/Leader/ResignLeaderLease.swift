import Postgres

/// Gives the lease `name` up if `owner` holds it.
public struct ResignLeaderLease: PostgresPreparedStatement {
    public var name: String
    public var owner: String

    public init(name: String, owner: String) {
        self.name = name
        self.owner = owner
    }

    public var query: PostgresQuery { "DELETE FROM leader_leases WHERE name = \(name) AND owner = \(owner)" }
}
