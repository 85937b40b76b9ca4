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

    static let states = ["available", "running", "completed", "discarded", "cancelled"]

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
            let jobs = try JobQueue(connection).list(state: state, kind: kind, limit: limit)
            let formatter = ISO8601DateFormatter()
            let rows = jobs.map { job in
                [String(job.id), job.kind, job.queue, job.state, "\(job.attempt)/\(job.maxAttempts)",
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
                for row in stats.rows { table.append([row.kind, row.state, String(row.count)]) }
                try Console.out(table.render())
                try Console.out("due now: \(stats.due); oldest due waited \(String(format: "%.1f", stats.oldestDueSeconds)) s\n")
            }
        }
    }

    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run a discarded, cancelled or completed job again now.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.", transform: WholeNumber.parser(WholeNumber.identifier)) var id: Int

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            guard try JobQueue(connection).retry(id) else {
                throw JobsCommand.refusal(id, try JobQueue(connection).state(of: id), "retried")
            }
            try Console.out("job \(id) will run again\n")
        }
    }

    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a waiting or running job.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The job's id.", transform: WholeNumber.parser(WholeNumber.identifier)) var id: Int

        func run() throws {
            let connection = try database.connect()
            defer { connection.close() }
            guard try JobQueue(connection).cancel(id, actor: ChangeActor.current()) else {
                throw JobsCommand.refusal(id, try JobQueue(connection).state(of: id), "cancelled")
            }
            try Console.out("job \(id) cancelled\n")
        }
    }

    static func refusal(_ id: Int, _ state: String?, _ verb: String) -> StoreError {
        guard let state else { return .invalid("no job with id \(id)") }
        return .invalid("job \(id) is \(state) and cannot be \(verb)")
    }
}
