import ArgumentParser
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// `portfolio lender …`
struct LenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lender", abstract: "Add and list lenders.",
        subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a lender.",
            discussion: "Example: portfolio lender add \"China Development Bank\" --country CN --kind policy_bank")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The lender's name (unique regardless of case).") var name: String
        @Option(help: "ISO 3166-1 alpha-2 country code, e.g. CN.") var country: String?
        @Option(help: "policy_bank, commercial_bank, fund or other.") var kind = "other"

        func run() throws {
            let checkedName = try checked("name") { try Lender.validateName(name) }
            let checkedCountry = try country.map { text in try checked("--country") { try Lender.validateCountry(text) } }
            let checkedKind = try checked("--kind") { try LenderKind.parse(kind) }
            let connection = try database.connect()
            defer { connection.close() }
            try LenderStore(connection).add(name: checkedName, country: checkedCountry, kind: checkedKind, actor: ChangeActor.current())
            try Console.out("added lender \(checkedName)\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List lenders with how many projects each finances.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let rows = try LenderStore(connection).list()
            switch format {
            case .json: try Console.out(try Console.json(rows))
            case .csv: try Console.out(Console.csv(header: ["name", "country", "kind", "projects"],
                                               rows: rows.map { [$0.name, $0.country ?? "", $0.kind, String($0.projects)] }))
            case .table:
                var table = TextTable([.init("NAME"), .init("COUNTRY"), .init("KIND"), .init("PROJECTS", .right)])
                for row in rows { table.append([row.name, row.country ?? "-", row.kind, String(row.projects)]) }
                try Console.out(table.render())
            }
        }
    }
}
