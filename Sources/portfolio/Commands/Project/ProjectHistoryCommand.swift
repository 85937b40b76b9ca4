import ArgumentParser
import Foundation
import PortfolioReports
import PortfolioStore

/// `portfolio project history CODE`
struct ProjectHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every recorded change of a project's fields and its transactions.",
        discussion: """
            Status, value (with its currency and value date), sector, lenders, name, start and end
            dates, location and description, each with the date it takes effect and the time it
            was recorded, and the ledger's transactions on their value dates. Corrections add
            rows; nothing is rewritten.
            Example: portfolio project history ILL-EN-01 --format json
            """
    )

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var database: ReadDatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Option(help: "table or json.") var format: Format = .table

    struct History: Encodable {
        let code: String
        let changes: [ProjectFieldHistory.Change]
    }

    func run() throws {
        let connection = try database.connectForReading()
        defer { connection.close() }
        let changes = try connection.transaction(isolation: .repeatableRead) { c in
            _ = try ProjectStore(c).require(code)
            return try c.run(ProjectFieldHistory(code: code))
        }
        switch format {
        case .json: try Console.out(try Console.json(History(code: code, changes: changes)))
        case .table:
            let formatter = ISO8601DateFormatter()
            var table = TextTable([.init("EFFECTIVE"), .init("FIELD"), .init("VALUE", maxWidth: 70), .init("RECORDED"),
                                   .init("BY", maxWidth: 24), .init("NOTE", maxWidth: 40)])
            for change in changes {
                table.append([change.effective.description, change.field, change.value, formatter.string(from: change.recordedAt),
                              change.actor, change.note])
            }
            try Console.out(table.render())
        }
    }
}
