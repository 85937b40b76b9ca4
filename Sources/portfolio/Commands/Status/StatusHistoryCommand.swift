import ArgumentParser
import PortfolioReports
import PortfolioStore

/// `portfolio status history CODE`
struct StatusHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show a project's status history, with changes still scheduled.",
        discussion: "Example: portfolio status history ILL-EN-01 --format json"
    )

    enum Format: String, ExpressibleByArgument { case table, json }

    @OptionGroup var database: ReadDatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Option(help: "table or json.") var format: Format = .table

    struct History: Encodable {
        let code: String
        let history: [StatusHistoryEntry]
        let scheduled: [ScheduledStatusChange]
    }

    func run() throws {
        let connection = try database.connectForReading()
        defer { connection.close() }
        _ = try ProjectStore(connection).require(code)
        let store = StatusStore(connection)
        let history = try store.history(code)
        let scheduled = try store.pending(code)
        switch format {
        case .json: try Console.out(try Console.json(History(code: code, history: history, scheduled: scheduled)))
        case .table: try Console.out(StatusHistoryCommand.table(history, scheduled: scheduled))
        }
    }

    static func table(_ history: [StatusHistoryEntry], scheduled: [ScheduledStatusChange]) -> String {
        var table = TextTable([.init("EFFECTIVE"), .init("FROM"), .init("TO"), .init("STATE"), .init("BY", maxWidth: 24),
                               .init("RECORDED"), .init("NOTE", maxWidth: 50)])
        for entry in history {
            table.append([entry.effective.description, entry.from?.rawValue ?? "-", entry.to.rawValue,
                          entry.forced ? "forced" : "applied", entry.actor, entry.recordedAt, entry.note ?? ""])
        }
        for change in scheduled {
            table.append([change.request.effective.description, "", change.request.status.rawValue,
                          change.state == "running" ? "applying" : "scheduled", change.request.actor, "job \(change.jobID)",
                          change.lastError.map { "last error: \($0)" } ?? change.request.note ?? ""])
        }
        return table.render()
    }
}
