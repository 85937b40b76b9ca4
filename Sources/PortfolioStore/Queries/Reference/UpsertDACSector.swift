import Postgres
import PortfolioCore

/// Adds a DAC 3-digit code with the sector it groups into, or renames an existing one (its
/// sector, which may have been mapped elsewhere, stays); says whether it was added.
public struct UpsertDACSector: PostgresPreparedStatement {
    public var entry: DACSector
    public var sectorCode: String

    public init(_ entry: DACSector, sectorCode: String) {
        self.entry = entry
        self.sectorCode = sectorCode
    }

    public var query: PostgresQuery {
        """
        INSERT INTO dac_sectors (code, name, withdrawn, sector_code) VALUES (\(entry.code), \(entry.name), \(entry.withdrawn), \(sectorCode))
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, withdrawn = EXCLUDED.withdrawn, loaded_at = now()
        RETURNING (xmax = 0) AS added
        """
    }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "added") }
}
