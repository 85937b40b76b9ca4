import Postgres
import PortfolioCore
import PortfolioJobs
import PortfolioStore

/// Takes a rollup snapshot; its snapshot and the job's completion commit together.
///
/// It runs in the worker's READ COMMITTED transaction, where `RollupStore.take` takes the rollup
/// lock and then reads every input in one statement, so from one view that starts after the
/// lock was granted. The snapshot, the marks on the changes it folded and the job's completion,
/// fenced by its owner, commit in that transaction: a worker that lost the job's lease fails the
/// fenced completion and rolls the snapshot back with it, so a rescued job never stores a second
/// snapshot of the same changes. The snapshot is dated the database's current date in UTC, the
/// clock the queue runs on, not the worker's.
///
/// A rollup triggered by a change waits (it is snoozed a second at a time) until it is
/// `minimumAge` old and no status change is due or being applied, or until it is
/// `maximumWait` old, whichever is first. While it waits, every change that commits finds it
/// waiting and joins it instead of enqueueing another. So a burst of changes, queued (an
/// import) or made one command at a time, makes one snapshot about a second after it ends,
/// and a longer stream one about every `maximumWait`. Periodic and manual rollups never wait.
///
/// A snapshot folds every change committed before it, so a change-triggered rollup still
/// waiting when one is taken (enqueued by a change that committed just after this job was
/// claimed) has nothing left to do: it is cancelled in the snapshot's transaction.
public struct RollupTakeHandler: JobHandler {
    public let kind = "rollup.take"
    public let isTransactional = true
    /// How long a change-triggered rollup waits for more changes to join it.
    public let minimumAge: Duration
    /// The longest a change-triggered rollup waits for status changes that keep coming.
    public let maximumWait: Duration

    /// A daemon gives `minimumAge` a second, so that changes made one command at a time share
    /// a snapshot too; zero (the default) suits `--once`, which exits once nothing is due: the
    /// rollup is then taken as soon as the status changes in hand are applied.
    public init(minimumAge: Duration = .zero, maximumWait: Duration = .seconds(10)) {
        self.minimumAge = minimumAge
        self.maximumWait = maximumWait
    }

    struct Args: Decodable {
        let trigger: RollupStore.Trigger?
    }

    public func run(_ job: ClaimedJob, connection: Connection) throws {
        let args = try job.decodeArgs(Args.self)
        let trigger = args.trigger ?? .change
        if trigger == .change, try burstContinues(job, connection) {
            throw JobError.snooze(seconds: 1, reason: "waiting for more changes to join this rollup")
        }
        try absorbWaitingChangeRollups(job, connection)
        do {
            try RollupStore(connection).take(trigger: trigger, asOf: try DatabaseClock.today(connection))
        } catch let error as StoreError {
            throw JobError.retryable(error.description)
        }
    }

    /// Cancels the change-triggered rollups waiting beside this one. A change committing
    /// meanwhile waits for this transaction, then enqueues a rollup of its own.
    func absorbWaitingChangeRollups(_ job: ClaimedJob, _ connection: Connection) throws {
        try connection.execute(AbsorbWaitingRollups(id: job.id, kind: kind, uniqueKey: JobRequest.rollupAfterChange().uniqueKey))
    }

    /// Whether this job should wait: younger than `minimumAge`, or a status change is due or
    /// running and it is younger than `maximumWait`. Served by the partial index on pending
    /// status changes.
    func burstContinues(_ job: ClaimedJob, _ connection: Connection) throws -> Bool {
        try connection.one(RollupBurstContinues(
            id: job.id, minimumAge: minimumAge, maximumWait: maximumWait))
    }
}
