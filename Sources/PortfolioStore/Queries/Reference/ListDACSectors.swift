import Postgres

/// The loaded DAC 3-digit codes with the sector each groups into, by code.
public struct ListDACSectors: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT code, name, withdrawn, sector_code FROM dac_sectors ORDER BY code" }

    public func decode(_ row: PostgresRow) throws -> SectorStore.DACRow {
        SectorStore.DACRow(code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                           withdrawn: try row.decode(Bool.self, "withdrawn"), sector: try row.decode(String.self, "sector_code"))
    }
}
