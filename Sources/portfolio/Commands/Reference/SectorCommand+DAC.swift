import ArgumentParser
import CSV
import PortfolioCore
import PortfolioReports
import PortfolioStore
import XML

extension SectorCommand {
    /// `portfolio sector load-dac [--file FILE]`
    struct LoadDAC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "load-dac",
            abstract: "Load the OECD DAC 3-digit sector codelist as reference data.",
            discussion: """
                Each code groups into one of the five seeded sectors (231-236 energy, 311-313
                agriculture, 321 manufacturing, 210 logistics, every other code other); change one
                with 'portfolio sector map-dac'. Loading again renames codes and keeps their
                grouping. Without --file the codelist built into this release is loaded (IATI's
                SectorCategory, CC BY 4.0, with the CRS sector groups such as 320 that AidData
                uses); --file reads a newer one in IATI's codelist XML.
                Examples:
                  portfolio sector load-dac
                  portfolio sector load-dac --file SectorCategory.xml
                """)
        @OptionGroup var database: DatabaseOptions
        @Option(help: "An IATI SectorCategory codelist file (XML).") var file: String?

        func run() throws {
            let entries = try file.map(Self.read) ?? DACSector.builtIn
            let connection = try database.connect()
            defer { connection.close() }
            let load = try SectorStore(connection).loadDAC(entries, actor: ChangeActor.current())
            try Console.out("loaded \(entries.count) DAC sector codes (\(load.added) added, \(load.updated) updated)\n")
        }

        static func read(_ path: String) throws -> [DACSector] {
            var source: CSVFileSource
            do {
                source = try CSVFileSource(path: path)
            } catch {
                throw StoreError.unreadable("\(path.escapedForMessage): cannot be read")
            }
            do {
                return try DACCodelistReader.read { try source.nextChunk() }
            } catch let error as XMLError {
                throw InputError(message: "\(path.escapedForMessage):\(error.line): \(error.message)", exitStatus: .dataError)
            } catch {
                throw StoreError.unreadable("\(path.escapedForMessage): cannot be read")
            }
        }
    }

    /// `portfolio sector map-dac CODE SECTOR`
    struct MapDAC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "map-dac",
            abstract: "Group a loaded DAC 3-digit code into another sector.",
            discussion: "Example: portfolio sector add mining \"Mining\" --dac 322 && portfolio sector map-dac 322 mining")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The DAC 3-digit code.") var code: String
        @Argument(help: "The sector it groups into.") var sector: String

        func run() throws {
            let typed = sector
            let checkedSector = try checked("sector") { try Sector.validateCode(typed) }
            let connection = try database.connect()
            defer { connection.close() }
            try SectorStore(connection).mapDAC(code, to: checkedSector, actor: ChangeActor.current())
            try Console.out("DAC \(code) now groups into \(checkedSector)\n")
        }
    }

    /// `portfolio sector dac`
    struct DAC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dac", abstract: "List the loaded DAC 3-digit codes and the sector each groups into.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let rows = try SectorStore(connection).listDAC()
            switch format {
            case .json: try Console.out(try Console.json(rows))
            case .csv: try Console.out(Console.csv(header: ["code", "name", "withdrawn", "sector"],
                                               rows: rows.map { [$0.code, $0.name, $0.withdrawn ? "yes" : "no", $0.sector] }))
            case .table:
                var table = TextTable([.init("DAC"), .init("NAME"), .init("SECTOR")])
                for row in rows { table.append([row.code, row.name + (row.withdrawn ? " (withdrawn)" : ""), row.sector]) }
                try Console.out(table.render())
            }
        }
    }
}
