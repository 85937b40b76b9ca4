import ArgumentParser
import Foundation
import PortfolioCore
import PortfolioJobs
import PortfolioReports
import PortfolioService
import PortfolioStore

/// `portfolio rollup …`
struct RollupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rollup", abstract: "Take, list, show and compare rollup snapshots.",
        subcommands: [Run.self, List.self, Show.self, Diff.self])

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask the worker for a rollup snapshot now.",
            discussion: "With --wait, waits (up to --timeout seconds) for the worker to take it.")
        @OptionGroup var database: DatabaseOptions
        @Flag(help: "Wait for the snapshot and print it.") var wait = false
        @Option(help: "Seconds to wait with --wait, 1 to 86400.", transform: WholeNumber.parser(WholeNumber.seconds)) var timeout = 60

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let (jobID, added) = try JobInserter.enqueueOrJoin(connection, .manualRollup())
            guard wait else {
                try Console.out("rollup queued as job \(jobID); the worker takes it\n")
                return
            }
            let deadline = Date().addingTimeInterval(TimeInterval(timeout))
            while Date() < deadline {
                switch try JobQueue(connection).state(of: jobID) {
                case .completed:
                    let snapshot = try RollupStore(connection).list(limit: 1)
                    guard let latest = snapshot.first else { throw StoreError.invalid("the rollup job finished but no snapshot is stored") }
                    try Console.out(RollupCommand.summary(latest))
                    return
                case .discarded, .cancelled:
                    throw StoreError.invalid("the rollup job \(jobID) did not complete; see 'portfolio jobs list --kind rollup.take'")
                default:
                    usleep(100_000)
                }
            }
            // A request this command made and no worker started is taken back, so that the
            // failed command leaves the queue as it found it.
            if added, try JobQueue(connection).withdraw(jobID) {
                throw WaitTimeout(message: "no worker took the rollup within \(timeout) s, so it was withdrawn; is portfolio-worker running?")
            }
            throw WaitTimeout(message: "rollup job \(jobID) did not finish within \(timeout) s; it goes on (see 'portfolio jobs list --kind rollup.take')")
        }
    }

    struct WaitTimeout: CommandFailure {
        let message: String
        var exitStatus: ExitStatus { .tempFailure }
        var description: String { message }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List snapshots, newest first.")
        @OptionGroup var database: ReadDatabaseOptions
        @Option(help: "At most this many, 1 to 100000.", transform: WholeNumber.parser(WholeNumber.limit)) var limit = 20
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func run() throws {
            let connection = try database.connectForReading()
            defer { connection.close() }
            let snapshots = try RollupStore(connection).list(limit: limit)
            let formatter = ISO8601DateFormatter()
            let rows = RollupListing.rows(snapshots)
            let header = RollupListing.header
            switch format {
            case .json: try Console.out(Console.csvJSON(header: header, rows: rows))
            case .csv: try Console.out(Console.csv(header: header, rows: rows))
            case .table:
                var table = TextTable([.init("ID", .right), .init("TAKEN AT"), .init("AS OF"), .init("TRIGGER"), .init("PROJECTS", .right),
                                       .init("TOTAL", .right), .init("COUNTED", .right), .init("PROGRESS", .right), .init("CUR")])
                for s in snapshots {
                    table.append([String(s.id), formatter.string(from: s.takenAt), s.rollup.asOf.description, s.trigger,
                                  String(s.rollup.projectCount), s.rollup.total.formatted(grouping: true),
                                  s.rollup.counted.formatted(grouping: true), s.rollup.progressText, s.rollup.currency.code])
                }
                try Console.out(table.render())
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one snapshot with every breakdown.")
        @OptionGroup var database: ReadDatabaseOptions
        @Argument(help: "The snapshot's id.", transform: WholeNumber.parser(WholeNumber.identifier)) var id: Int
        @Option(help: "text or json.") var format: RecordFormat = .text

        func run() throws {
            let connection = try database.connectForReading()
            defer { connection.close() }
            let snapshot = try RollupStore(connection).snapshot(id)
            switch format {
            case .json: try Console.out(try Console.json(snapshot.rollup))
            case .text:
                try Console.out(RollupCommand.summary(snapshot))
                for kind in [ReportKind.sectors, .statuses, .lenders] {
                    try Console.out("\n" + (try Report(kind, of: snapshot.rollup)).rendered(as: .table))
                }
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What moved between two snapshots, down to the projects, with back-dated corrections apart.",
            discussion: """
                The change is split in two: corrections are what records made after the earlier
                snapshot, back-dated to its date or before, changed about that date; movement is
                the change from the earlier snapshot's date to the later one's, as known when the
                later one was taken. Corrections and movement add up to the change.
                Example: portfolio rollup diff 3 7
                """)
        @OptionGroup var database: ReadDatabaseOptions
        @Argument(help: "The earlier snapshot.", transform: WholeNumber.parser(WholeNumber.identifier)) var from: Int
        @Argument(help: "The later snapshot.", transform: WholeNumber.parser(WholeNumber.identifier)) var to: Int
        @Option(help: "text or json.") var format: RecordFormat = .text

        func run() throws {
            let connection = try database.connectForReading()
            defer { connection.close() }
            let store = RollupStore(connection)
            let difference = try RollupListing.difference(store, from: from, to: to)
            switch format {
            case .json:
                try Console.out(try Console.json(difference))
            case .text:
                try Console.out(RollupCommand.diffText(difference.diff, projects: difference.projects, from: from, to: to)
                                + RollupCommand.splitText(RollupStore.SplitDiff(corrections: difference.corrections, movement: difference.movement)))
            }
        }
    }

    static func summary(_ s: RollupStore.Snapshot) -> String {
        let r = s.rollup
        return """
            snapshot \(s.id) as of \(r.asOf) (\(s.trigger)\(s.fullRecompute ? ", full" : ", \(s.deltasApplied) changes folded in"))
            projects   \(r.projectCount)
            total      \(r.total.formatted(grouping: true)) \(r.currency.code)
            counted    \(r.counted.formatted(grouping: true)) \(r.currency.code)  (\(r.progressText) of \(r.target.formatted(grouping: true)))
            pipeline   \(r.pipeline.formatted(grouping: true))
            suspended  \(r.suspended.formatted(grouping: true))
            cancelled  \(r.cancelled.formatted(grouping: true))

            """
    }

    static func diffText(_ diff: RollupDiff, projects: [RollupStore.ProjectChange], from: Int, to: Int) -> String {
        var out = "snapshot \(from) → \(to): total \(signed(diff.totalDelta)), counted \(signed(diff.countedDelta)) \(diff.currency.code)\n"
        if diff.isEmpty && projects.isEmpty { return out + "nothing moved\n" }
        for (title, rows) in [("sector", diff.bySector), ("status", diff.byStatus), ("lender", diff.byLender)] where !rows.isEmpty {
            var table = TextTable([.init(title.uppercased()), .init("BEFORE", .right), .init("AFTER", .right), .init("CHANGE", .right), .init("PROJECTS", .right)])
            for row in rows {
                table.append([row.key, row.before.value.formatted(grouping: true), row.after.value.formatted(grouping: true),
                              signed(row.delta), row.projectsDelta == 0 ? "" : (row.projectsDelta > 0 ? "+\(row.projectsDelta)" : "\(row.projectsDelta)")])
            }
            out += "\n" + table.render()
        }
        if !projects.isEmpty {
            var table = TextTable([.init("PROJECT"), .init("SNAPSHOT", .right), .init("BEFORE"), .init("AFTER")])
            for change in projects {
                let (before, after) = changeText(change)
                table.append([change.code, String(change.snapshot), before, after])
            }
            out += "\n" + table.render()
        }
        return out
    }

    /// A project change's before and after: only the facts that changed when the project was on
    /// both sides, every fact when it was added or removed ("-" on the missing side).
    static func changeText(_ change: RollupStore.ProjectChange) -> (before: String, after: String) {
        func text(_ facts: [RollupInput.Fact]) -> String { facts.map(\.description).joined(separator: "; ") }
        switch (change.before, change.after) {
        case let (before?, after?):
            let changed = before.changedFacts(to: after)
            if changed.isEmpty { return (text(before.facts), text(after.facts)) }
            return (text(changed.map(\.before)), text(changed.map(\.after)))
        case let (before?, nil): return (text(before.facts), "-")
        case let (nil, after?): return ("-", text(after.facts))
        case (nil, nil): return ("-", "-")
        }
    }

    /// The change told apart: back-dated corrections (with their rows) and real movement.
    static func splitText(_ split: RollupStore.SplitDiff) -> String {
        let corrections = split.corrections
        var out = "\ncorrections to \(corrections.beforeAsOf), recorded since: total \(signed(corrections.totalDelta)), "
            + "counted \(signed(corrections.countedDelta)) \(corrections.currency.code)\n"
        for (title, rows) in [("sector", corrections.bySector), ("status", corrections.byStatus), ("lender", corrections.byLender)]
        where !rows.isEmpty {
            var table = TextTable([.init(title.uppercased()), .init("AS PUBLISHED", .right), .init("AS CORRECTED", .right), .init("CORRECTION", .right)])
            for row in rows {
                table.append([row.key, row.before.value.formatted(grouping: true), row.after.value.formatted(grouping: true), signed(row.delta)])
            }
            out += table.render()
        }
        let movement = split.movement
        out += "movement from \(movement.beforeAsOf) to \(movement.afterAsOf): total \(signed(movement.totalDelta)), "
            + "counted \(signed(movement.countedDelta)) \(movement.currency.code)\n"
        return out
    }

    static func signed(_ money: Money) -> String {
        money.minorUnits > 0 ? "+" + money.formatted(grouping: true) : money.formatted(grouping: true)
    }
}
