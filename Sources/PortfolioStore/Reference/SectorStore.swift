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
                try c.execute(InsertSector(sector))
            } catch let error as PostgresError where error.isUniqueViolation {
                throw StoreError.duplicate("a sector with code \(sector.code.quotedForMessage) exists already")
            }
            try AuditLog.record(c, actor: actor, action: "sector.add", entity: "sector", key: sector.code,
                                before: Row?.none, after: Row(code: sector.code, name: sector.name, dacCode: sector.dacCode, projects: 0))
        }
    }

    /// Every sector, by code.
    public func list() throws -> [Row] {
        try connection.run(ListSectors())
    }

    /// Throws `StoreError.sectorNotFound` unless the sector exists, naming the known ones.
    public func requireExists(_ code: String) throws {
        let known = try connection.run(SectorCodes())
        guard known.contains(code) else {
            throw StoreError.invalid("unknown sector \(code.quotedForMessage); known sectors: \(known.joined(separator: ", ")) (add one with 'portfolio sector add')")
        }
    }
}
