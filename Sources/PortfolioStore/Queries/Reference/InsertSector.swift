import Postgres
import PortfolioCore

/// Adds a sector.
public struct InsertSector: PostgresPreparedStatement {
    public var sector: Sector

    public init(_ sector: Sector) { self.sector = sector }

    public var query: PostgresQuery {
        "INSERT INTO sectors (code, name, dac_code) VALUES (\(sector.code), \(sector.name), \(sector.dacCode))"
    }
}
