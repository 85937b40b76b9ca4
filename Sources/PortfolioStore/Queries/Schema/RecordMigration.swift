import Postgres

/// Records a migration as applied.
public struct RecordMigration: PostgresPreparedStatement {
    public var version: Int
    public var name: String
    public var checksum: String

    public init(version: Int, name: String, checksum: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
    }

    public var query: PostgresQuery {
        "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(version), \(name), \(checksum))"
    }
}
