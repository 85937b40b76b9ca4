import Postgres
import PortfolioCore

/// Sectors: reference data with an OECD DAC code.
public struct SectorStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// A sector with how many projects it has.
    public struct Row: Sendable, Codable, Equatable {
        public let code: String
        public let name: String
        public let dacCode: String?
        public let projects: Int
    }

    /// Adds a sector.
    ///
    /// - Throws: `StoreError.duplicate` if the code exists.
    public func add(_ sector: Sector, actor: String) throws {
        try connection.transaction { c in
            do {
                try c.query("INSERT INTO sectors (code, name, dac_code) VALUES ($1, $2, $3)", sector.code, sector.name, sector.dacCode)
            } catch let error as PostgresError where error.isUniqueViolation {
                throw StoreError.duplicate("a sector with code \(sector.code.quotedForMessage) exists already")
            }
            try AuditLog.record(c, actor: actor, action: "sector.add", entity: "sector", key: sector.code,
                                before: Row?.none, after: Row(code: sector.code, name: sector.name, dacCode: sector.dacCode, projects: 0))
        }
    }

    /// Every sector, by code.
    public func list() throws -> [Row] {
        try connection.query("""
            SELECT s.code, s.name, s.dac_code, count(p.id) AS projects
            FROM sectors s LEFT JOIN projects p ON p.sector_code = s.code
            GROUP BY s.code ORDER BY s.code
            """).map { row in
            Row(code: try row.decode(String.self, "code"), name: try row.decode(String.self, "name"),
                dacCode: try row.decode(String?.self, "dac_code"), projects: try row.decode(Int.self, "projects"))
        }
    }

    /// Throws `StoreError.sectorNotFound` unless the sector exists, naming the known ones.
    public func requireExists(_ code: String) throws {
        let known = try connection.query("SELECT code FROM sectors ORDER BY code").map { try $0.decode(String.self, at: 0) }
        guard known.contains(code) else {
            throw StoreError.invalid("unknown sector \(code.quotedForMessage); known sectors: \(known.joined(separator: ", ")) (add one with 'portfolio sector add')")
        }
    }
}
