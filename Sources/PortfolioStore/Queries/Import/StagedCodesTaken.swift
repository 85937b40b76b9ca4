import Postgres

/// Staged rows whose code (regardless of case) a stored project has, with the stored code.
public struct StagedCodesTaken: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT s.line, s.code, p.code AS stored FROM import_staging s JOIN projects p ON lower(p.code) = lower(s.code) ORDER BY s.line
        """
    }

    public func decode(_ row: PostgresRow) throws -> (line: Int, code: String, stored: String) {
        (try row.decode(Int.self, "line"), try row.decode(String.self, "code"), try row.decode(String.self, "stored"))
    }
}
