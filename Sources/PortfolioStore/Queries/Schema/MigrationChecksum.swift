import Postgres

/// The SHA-256 of a migration's SQL, as the server computes it (hex).
public struct MigrationChecksum: PostgresPreparedStatement {
    public var sql: String

    public init(sql: String) { self.sql = sql }

    public var query: PostgresQuery { "SELECT encode(sha256(convert_to(\(sql), 'UTF8')), 'hex') AS checksum" }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "checksum") }
}
