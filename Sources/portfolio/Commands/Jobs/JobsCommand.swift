import ArgumentParser
import Foundation
import PortfolioJobs
import PortfolioReports
import PortfolioStore

/// `portfolio jobs …`
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Inspect and steer the job queue.",
        subcommands: [List.self, Stats.self, Retry.self, Cancel.self])

    static let states = JobState.allCases.map(\.rawValue)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List jobs, newest first.", discussion: "Example: portfolio jobs list --state discarded")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "available, running, completed, discarded or cancelled.") var state: String?
        @Option(help: "A job kind, e.g. status.apply or rollup.take.") var kind: String?
        @Option(help: "At most this many, 1 to 100000.", transform: WholeNumber.parser(WholeNumber.limit)) var limit = 50
        @Option(help: "table, csv or json.") var format: ListFormat = .table

        func validate() throws {
            if let state, !JobsCommand.states.contains(state) {
                throw ValidationError("--state must be one of \(JobsCommand.states.joined(separator: ", "))")
            }
        }

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let jobs = try JobQueue(connection).list(state: state.flatMap(JobState.init(rawValue:)), kind: kind, limit: limit)
            let formatter = ISO8601DateFormatter()
            let rows = jobs.map { job in
                [String(job.id), job.kind, job.queue, job.state.rawValue, "\(job.attempt)/\(job.maxAttempts)",
                 formatter.string(from: job.runAt), job.uniqueKey ?? "", job.lastError ?? ""]
            }
            switch format {
            case .json: try Console.out(try Console.json(jobs))
            case .csv: try Console.out(Console.csv(header: ["id", "kind", "queue", "state", "attempts", "run_at", "unique_key", "last_error"], rows: rows))
            case .table:
                var table = TextTable([.init("ID", .right), .init("KIND"), .init("QUEUE"), .init("STATE"), .init("TRIES", .right),
                                       .init("RUN AT"), .init("KEY", maxWidth: 30), .init("LAST ERROR", maxWidth: 60)])
                for row in rows { table.append(row) }
                try Console.out(table.render())
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Count jobs by kind and state.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "text or json.") var format: RecordFormat = .text

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let stats = try JobQueue(connection).stats()
            switch format {
            case .json: try Console.out(try Console.json(stats))
            case .text:
                var table = TextTable([.init("KIND"), .init("STATE"), .init("JOBS", .right)])
                for row in stats.rows { table.append([row.kind, row.state.rawValue, String(row.count)]) }
                try Console.out(table.render())
                try Console.out("due now: \(stats.due); oldest due waited \(String(format: "%.1f", stats.oldestDueSeconds)) s\n")
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a discarded, cancelled or completed job again.",
            discussion: """
                The job runs now, or at its scheduled time when that is still to come: a status change
                cancelled before its effective date and retried applies on that date, not earlier.
                Its attempts and last error are cleared; the audit log records who retried it.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.", transform: WholeNumber.parser(WholeNumber.identifier)) var id: Int

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let id = self.id
            let runAt = try connection.transaction { c -> Date? in
                guard let runAt = try JobQueue(c).retry(id) else { return nil }
                try AuditLog.record(c, actor: ChangeActor.current(), action: "job.retry", entity: "job", key: String(id),
                                    before: String?.none, after: ["run_at": ISO8601DateFormatter().string(from: runAt)])
                return runAt
            }
            guard let runAt else {
                throw JobsCommand.refusal(id, try JobQueue(connection).state(of: id), "retried")
            }
            if runAt > Date() {
                try Console.out("job \(id) will run again at \(ISO8601DateFormatter().string(from: runAt)), its scheduled time\n")
            } else {
                try Console.out("job \(id) will run again now\n")
            }
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a waiting or running job.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.", transform: WholeNumber.parser(WholeNumber.identifier)) var id: Int

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            let id = self.id
            let actor = ChangeActor.current()
            let cancelled = try connection.transaction { c in
                guard try JobQueue(c).cancel(id, actor: actor) else { return false }
                try AuditLog.record(c, actor: actor, action: "job.cancel", entity: "job", key: String(id),
                                    before: String?.none, after: String?.none)
                return true
            }
            guard cancelled else {
                throw JobsCommand.refusal(id, try JobQueue(connection).state(of: id), "cancelled")
            }
            try Console.out("job \(id) cancelled\n")
        }
    }

    static func refusal(_ id: Int, _ state: JobState?, _ verb: String) -> StoreError {
        guard let state else { return .invalid("no job with id \(id)") }
        return .invalid("job \(id) is \(state.rawValue) and cannot be \(verb)")
    }
}
