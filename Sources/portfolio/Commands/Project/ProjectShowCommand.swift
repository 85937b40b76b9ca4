import Foundation
import ArgumentParser
import PortfolioCore
import PortfolioStore
import PortfolioService

/// `portfolio project show CODE`
struct ProjectShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one project with its lenders and status history, now or as it was.",
        discussion: """
            --as-of D shows the project as it was on D, every field rebuilt from its history
            (status, value, sector, lenders, name, dates, location, description), with the
            status history up to D; --as-recorded T counts only what was recorded by T (see
            'report --help').
            Examples:
              portfolio project show ILL-EN-01 --format json
              portfolio project show ILL-EN-01 --as-of 2015-12-31 --as-recorded 2026-03-31
            """
    )

    @OptionGroup var database: ReadDatabaseOptions
    @Argument(help: "The project's code.") var code: String
    @Option(help: "Output: text or json.") var format: RecordFormat = .text
    @Option(name: .customLong("as-of"), help: "Show the project as it was on this date (YYYY-MM-DD).") var asOf: String?
    @Option(name: .customLong("as-recorded"), help: "Count only what was recorded by this time (ISO 8601, or a date: its end, UTC).")
    var asRecorded: String?

    struct Shown: Encodable {
        let project: Project
        let history: [StatusHistoryEntry]
        let scheduled: [ScheduledStatusChange]
        /// Where an imported project came from; nil for one entered here.
        var source: ProjectSource? = nil
    }

    func run() throws {
        let recordedBy = try asRecorded.map { text in try checked("--as-recorded") { try RecordingTime.parse(text) } }
        let date = try asOf.map { text in try checked("--as-of") { try LocalDate.parse(text) } } ?? recordedBy.map { LocalDate($0) }
        let connection = try database.connectForReading()
        defer { connection.close() }
        let shown = try connection.transaction(isolation: .repeatableRead) { c in
            let statuses = StatusStore(c)
            guard let date else {
                return Shown(project: try ProjectStore(c).require(code), history: try statuses.history(code), scheduled: try statuses.pending(code),
                             source: try ProjectStore(c).source(code))
            }
            return Shown(project: try ProjectStore(c).asOf(code, date: date, recordedBy: recordedBy),
                         history: try statuses.history(code, asOf: date, recordedBy: recordedBy), scheduled: [],
                         source: try ProjectStore(c).source(code))
        }
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
        if let source = shown.source {
            lines.append(("source", "\(source.dataset) record \(source.recordID), value from \(source.amountBasis)"))
            if source.sharesEstimated { lines.append(("shares", "estimated: equal parts (the source publishes none)")) }
            if !source.coFinanciers.isEmpty { lines.append(("co-financiers", source.coFinanciers.joined(separator: "; ") + " (not in the value)")) }
            if !source.aggregates { lines.append(("aggregates", "left out: the source does not recommend the record for aggregates")) }
        }
        lines.append(("version", String(p.version)))
        let width = lines.map(\.0.count).max() ?? 0
        var out = lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n") + "\n"
        out += "\nstatus history\n"
        out += StatusHistoryCommand.table(shown.history, scheduled: shown.scheduled)
        return out
    }
}
