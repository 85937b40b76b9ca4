import Postgres

/// Sectors with how many projects each has, by code.
public struct ListSectors: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT s.code, s.name, s.dac_code, count(p.id) AS projects
        FROM sectors s LEFT JOIN projects p ON p.sector_code = s.code
        GROUP BY s.code ORDER BY s.code
        """
    }

    public func decode(_ row: PostgresRow) throws -> SectorStore.Row {
        SectorStore.Row(code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                        dacCode: try row.decode(String?.self, "dac_code"), projects: try row.decode(Int.self, "projects"))
    }
}
