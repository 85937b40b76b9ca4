import ArgumentParser
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// `portfolio sector …`
struct SectorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sector", abstract: "Add and list sectors, and the OECD DAC codes they group.",
        subcommands: [Add.self, List.self, LoadDAC.self, MapDAC.self, DAC.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a sector.",
            discussion: "Example: portfolio sector add mining \"Mining\" --dac 322")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Code: lower-case letters, digits, '-', '_'.") var code: String
        @Argument(help: "Display name.") var name: String
        @Option(help: "OECD DAC 3-digit sector code.") var dac: String?

        func run() throws {
            let sector = try checked("sector") { try Sector(code: code, name: name, dacCode: dac) }
            let connection = try database.connect()
            defer { connection.close() }
            try SectorStore(connection).add(sector, actor: ChangeActor.current())
            try Console.out("added sector \(sector.code)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List sectors with their project counts.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let rows = try SectorStore(connection).list()
            switch format {
            case .json: try Console.out(try Console.json(rows))
            case .csv: try Console.out(Console.csv(header: ["code", "name", "dac", "projects"],
                                               rows: rows.map { [$0.code, $0.name, $0.dacCode ?? "", String($0.projects)] }))
            case .table:
                var table = TextTable([.init("CODE"), .init("NAME"), .init("DAC"), .init("PROJECTS", .right)])
                for row in rows { table.append([row.code, row.name, row.dacCode ?? "-", String(row.projects)]) }
                try Console.out(table.render())
            }
        }
    }
}
