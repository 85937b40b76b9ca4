import ArgumentParser
import PortfolioCore
import PortfolioReports
import PortfolioStore

/// `portfolio project list`
struct ProjectListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List projects, optionally by sector, status or lender.",
        discussion: "Example: portfolio project list --sector energy --status ongoing --format csv"
    )

    @OptionGroup var database: ReadDatabaseOptions
    @Option(help: "Only this sector.") var sector: String?
    @Option(help: "Only this status.") var status: String?
    @Option(help: "Only projects this lender finances.") var lender: String?
    @Option(help: "Output: table, csv or json.") var format: ListFormat = .table

    func run() throws {
        let filter = ProjectStore.Filter(
            sector: try sector.map { text in try checked("--sector") { try Sector.validateCode(text) } },
            status: try status.map { text in try checked("--status") { try ProjectStatus.parse(text) } },
            lender: lender)
        let connection = try database.connectForReading()
        defer { connection.close() }
        let projects = try ProjectStore(connection).list(filter)
        switch format {
        case .json: try Console.out(try Console.json(projects))
        case .csv: try Console.out(Console.csv(header: ProjectCSV.header, rows: projects.map(ProjectCSV.encode)))
        case .table: try Console.out(ProjectListCommand.table(projects))
        }
    }

    static func table(_ projects: [Project]) -> String {
        var table = TextTable([
            .init("CODE"), .init("NAME", maxWidth: 44), .init("SECTOR"), .init("STATUS"),
            .init("VALUE", .right), .init("CUR"), .init("LENDERS", maxWidth: 60),
        ])
        for p in projects {
            table.append([p.code.rawValue, p.name, p.sectorCode, p.status.rawValue, p.value.formatted(grouping: true),
                          p.value.currency.code, LenderShare.format(p.lenders)])
        }
        return table.render() + "\(projects.count) project\(projects.count == 1 ? "" : "s")\n"
    }
}
