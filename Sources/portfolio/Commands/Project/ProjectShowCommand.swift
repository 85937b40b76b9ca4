import ArgumentParser
import PortfolioCore
import PortfolioStore

/// `portfolio project show CODE`
struct ProjectShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one project with its lenders and status history.",
        discussion: "Example: portfolio project show ILL-EN-01 --format json"
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Option(help: "Output: text or json.") var format: RecordFormat = .text

    struct Shown: Encodable {
        let project: Project
        let history: [StatusHistoryEntry]
        let scheduled: [ScheduledStatusChange]
    }

    func run() throws {
        let connection = try database.connect()
        defer { connection.close() }
        let project = try ProjectStore(connection).require(code)
        let statuses = StatusStore(connection)
        let shown = Shown(project: project, history: try statuses.history(code), scheduled: try statuses.pending(code))
        switch format {
        case .json: try Console.out(try Console.json(shown))
        case .text: try Console.out(ProjectShowCommand.text(shown))
        }
    }

    static func text(_ shown: Shown) -> String {
        let p = shown.project
        var lines: [(String, String)] = [
            ("code", p.code.rawValue), ("name", p.name), ("sector", p.sectorCode), ("status", p.status.rawValue),
            ("value", "\(p.value.formatted(grouping: true)) \(p.value.currency.code)"), ("value date", p.valueDate.description),
        ]
        for (index, share) in p.lenders.enumerated() {
            lines.append((index == 0 ? "lenders" : "", "\(share.lender) (\(share.percentText)%)"))
        }
        if let start = p.startDate { lines.append(("start", start.description)) }
        if let end = p.endDate { lines.append(("planned end", end.description)) }
        if let location = p.location { lines.append(("location", location)) }
        if let description = p.description { lines.append(("description", description)) }
        lines.append(("version", String(p.version)))
        let width = lines.map(\.0.count).max() ?? 0
        var out = lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        out += "\nstatus history\n"
        out += StatusHistoryCommand.table(shown.history, scheduled: shown.scheduled)
        return out
    }
}
