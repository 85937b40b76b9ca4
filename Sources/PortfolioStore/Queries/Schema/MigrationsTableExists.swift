import Postgres

/// Whether the table of applied migrations exists.
public struct MigrationsTableExists: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists" }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "exists") }
}
