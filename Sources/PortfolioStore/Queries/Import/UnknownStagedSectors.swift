import Postgres

/// Staged rows whose sector is not known, by line.
public struct UnknownStagedSectors: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT s.line, s.sector FROM import_staging s LEFT JOIN sectors x ON x.code = s.sector
        WHERE x.code IS NULL ORDER BY s.line
        """
    }

    public func decode(_ row: PostgresRow) throws -> (line: Int, sector: String) {
        (try row.decode(Int.self, "line"), try row.decode(String.self, "sector"))
    }
}
