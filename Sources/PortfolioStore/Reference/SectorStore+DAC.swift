import Postgres
import PortfolioCore

extension SectorStore {
    /// A loaded DAC 3-digit code and the sector it groups into.
    public struct DACRow: Sendable, Codable, Equatable {
        public let code: String
        public let name: String
        public let withdrawn: Bool
        public let sector: String
    }

    /// What loading the codelist did.
    public struct DACLoad: Sendable, Equatable {
        public var added = 0
        public var updated = 0
    }

    /// Loads DAC 3-digit codes as reference data, each grouped into `DACSector.grouping`'s
    /// sector when new; a code loaded before keeps the sector it groups into and takes the new
    /// name. One transaction, one audit entry.
    public func loadDAC(_ entries: [DACSector], actor: String) throws -> DACLoad {
        try connection.transaction { c in
            var load = DACLoad()
            for entry in entries {
                let sector = DACSector.grouping(entry.code)
                try SectorStore(c).requireExists(sector)
                if try c.one(UpsertDACSector(entry, sectorCode: sector)) { load.added += 1 } else { load.updated += 1 }
            }
            try AuditLog.record(c, actor: actor, action: "sector.load-dac", entity: "dac_sectors", key: "codelist",
                                before: [String: Int]?.none, after: ["added": load.added, "updated": load.updated])
            return load
        }
    }

    /// Groups a loaded DAC code into `sector`.
    ///
    /// - Throws: `StoreError.invalid` for a code not loaded or an unknown sector.
    public func mapDAC(_ code: String, to sector: String, actor: String) throws {
        try connection.transaction { c in
            try SectorStore(c).requireExists(sector)
            guard let before = try c.first(MapDACSector(code: code, sectorCode: sector)) else {
                throw StoreError.invalid("DAC code \(code.quotedForMessage) is not loaded; run 'portfolio sector load-dac' first")
            }
            try AuditLog.record(c, actor: actor, action: "sector.map-dac", entity: "dac_sectors", key: code,
                                before: ["sector": before], after: ["sector": sector])
        }
    }

    /// The loaded DAC codes, by code.
    public func listDAC() throws -> [DACRow] {
        try connection.run(ListDACSectors())
    }

    /// The tracker sector for each DAC 3-digit code an import may meet: the loaded mapping, the
    /// built-in codelist grouped by `DACSector.grouping` for codes not loaded; with
    /// `ImportSectors.dac`, a sector of its own per code. Names come from the loaded codelist,
    /// else the built-in one.
    public func importSectors(_ choice: ImportSectors) throws -> [String: Sector] {
        var byCode: [String: Sector] = [:]
        var names: [String: DACSector] = [:]
        for entry in DACSector.builtIn { names[entry.code] = entry }
        let loaded = try listDAC()
        var grouping: [String: String] = [:]
        for row in loaded {
            names[row.code] = (try? DACSector(code: row.code, name: row.name, withdrawn: row.withdrawn)) ?? names[row.code]
            grouping[row.code] = row.sector
        }
        let sectors = Dictionary(try list().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        for (code, entry) in names {
            switch choice {
            case .dac:
                byCode[code] = entry.ownSector
            case .grouped:
                let target = grouping[code] ?? DACSector.grouping(code)
                let row = sectors[target]
                byCode[code] = (try? Sector(code: target, name: row?.name ?? target, dacCode: row?.dacCode)) ?? entry.ownSector
            }
        }
        return byCode
    }
}
