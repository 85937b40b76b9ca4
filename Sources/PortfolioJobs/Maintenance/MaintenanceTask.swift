import Postgres

/// Work the maintenance loop does on its connection besides the queue's own (rescue, pruning,
/// periodic jobs): a program registers its tasks with the worker, so the queue knows nothing
/// of the jobs it runs.
public protocol MaintenanceTask: Sendable {
    /// A short name for logs.
    var name: String { get }
    /// Whether only the elected leader runs it (work one worker does for all); otherwise every
    /// worker does, as it samples what its `/health` reports.
    var leaderOnly: Bool { get }
    /// The least time between two runs; `.zero` runs it on every pass.
    var interval: Duration { get }
    /// Runs once, on the maintenance connection. An error fails the pass, as the queue's own
    /// work does.
    func run(_ connection: Connection) throws
}

/// The queue's own maintenance, as tasks: the leader returns jobs whose lease expired and
/// prunes finished ones.
enum QueueMaintenance {
    /// Returns jobs whose lease expired to the queue (the leader, every pass).
    struct Rescue: MaintenanceTask {
        let name = "rescue"
        let leaderOnly = true
        let interval = Duration.zero

        func run(_ connection: Connection) throws {
            try JobQueue(connection).rescue()
        }
    }

    /// Deletes finished jobs older than `retention` (the leader, once a minute).
    struct Prune: MaintenanceTask {
        let name = "prune jobs"
        let leaderOnly = true
        let interval = Duration.seconds(60)
        let retention: Duration

        func run(_ connection: Connection) throws {
            try JobQueue(connection).prune(olderThan: retention)
        }
    }

    /// Inserts a periodic job when its period is due (the leader, every pass).
    struct Periodic: MaintenanceTask {
        let job: PeriodicJob
        let owner: String
        var name: String { "periodic \(job.name)" }
        let leaderOnly = true
        let interval = Duration.zero

        func run(_ connection: Connection) throws {
            try job.insertIfDue(connection, owner: owner)
        }
    }
}
