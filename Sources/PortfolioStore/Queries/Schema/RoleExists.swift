import Postgres

/// Whether a role of this name exists.
public struct RoleExists: PostgresPreparedStatement {
    public var role: String

    public init(role: String) { self.role = role }

    public var query: PostgresQuery { "SELECT count(*) = 1 AS exists FROM pg_roles WHERE rolname = \(role)" }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "exists") }
}
