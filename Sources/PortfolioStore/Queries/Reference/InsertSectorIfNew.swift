import Postgres
import PortfolioCore

/// Adds a sector unless one of its code exists; says whether it was added.
public struct InsertSectorIfNew: PostgresPreparedStatement {
    public var sector: Sector

    public init(_ sector: Sector) { self.sector = sector }

    public var query: PostgresQuery {
        """
        INSERT INTO sectors (code, name, dac_code) VALUES (\(sector.code), \(sector.name), \(sector.dacCode))
        ON CONFLICT (code) DO NOTHING RETURNING code
        """
    }

    public func decode(_ row: PostgresRow) throws -> String { try row.decode(String.self, "code") }
}
