import Postgres

/// Groups a loaded DAC 3-digit code into another sector; returns the sector it grouped into.
public struct MapDACSector: PostgresPreparedStatement {
    public var code: String
    public var sectorCode: String

    public init(code: String, sectorCode: String) {
        self.code = code
        self.sectorCode = sectorCode
    }

    public var query: PostgresQuery {
        """
        UPDATE dac_sectors d SET sector_code = \(sectorCode) FROM dac_sectors old
        WHERE d.code = \(code) AND old.code = d.code
        RETURNING old.sector_code AS before
        """
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "before") }
}
