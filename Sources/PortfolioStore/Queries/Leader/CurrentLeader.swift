import Postgres

/// The owner of the lease `name` while it holds.
public struct CurrentLeader: PostgresPreparedStatement {
    public var name: String

    public init(name: String) { self.name = name }

    public var query: PostgresQuery { "SELECT owner FROM leader_leases WHERE name = \(name) AND expires_at > now()" }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "owner") }
}
