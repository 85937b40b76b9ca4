import Postgres

/// The migrations applied, by version, with their checksums.
public struct AppliedMigrations: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT version, name, checksum FROM schema_migrations ORDER BY version" }

    public func decode(_ row: PostgresRow) throws -> (version: Int, checksum: String) {
        (try row.decode(Int.self, "version"), try row.decode(String.self, "checksum"))
    }
}
