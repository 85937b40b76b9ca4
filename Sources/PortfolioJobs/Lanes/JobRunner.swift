import Foundation
import Logging
import Postgres
import PortfolioStore

/// Runs a claimed batch: one by one, or consecutive shareable jobs in one transaction, and
/// records what failed. A lane calls it on its connection's own queue.
struct JobRunner: Sendable {
    let handlers: [String: any JobHandler]
    let options: WorkerOptions
    let state: WorkerState
    let logger: Logger

    init(handlers: [any JobHandler], options: WorkerOptions, state: WorkerState, logger: Logger) {
        self.handlers = Dictionary(handlers.map { ($0.kind, $0) }, uniquingKeysWith: { _, last in last })
        self.options = options
        self.state = state
        self.logger = logger
    }

    var metrics: WorkerMetrics { state.metrics }

    struct LaneResult: Sendable {
        var completed = 0
        var failed = 0

        static func += (left: inout LaneResult, right: LaneResult) {
            left.completed += right.completed
            left.failed += right.failed
        }
    }

    /// Completions of non-transactional jobs, made together at the end of a batch.
    struct PendingCompletions {
        var claims: [JobClaim] = []
        var kinds: [String: Int] = [:]
    }

    /// Runs a claimed batch on one connection, in order. Runs on the connection's own queue.
    func process(_ jobs: [ClaimedJob], on connection: Connection) throws -> LaneResult {
        let queue = JobQueue(connection)
        let owner = options.workerID
        var result = LaneResult()
        var pending = PendingCompletions()
        defer {
            if !pending.claims.isEmpty {
                _ = try? queue.complete(pending.claims, owner: owner)
                for (kind, count) in pending.kinds { metrics.completed(kind: kind, count: count) }
            }
        }
        var position = 0
        while position < jobs.count {
            if state.stop.isSet {
                returnUnstarted(jobs[position...], queue: queue)
                break
            }
            let run = jobs[position...].prefix { sharesTransactions($0) }
            if run.count > 1 {
                result += try runShared(run, on: connection, queue: queue, pending: &pending)
                position += run.count
                continue
            }
            result += try runAlone(jobs[position], on: connection, queue: queue, pending: &pending)
            position += 1
        }
        return result
    }

    private func sharesTransactions(_ job: ClaimedJob) -> Bool {
        handlers[job.kind].map { $0.isTransactional && $0.sharesTransactions } ?? false
    }

    /// Gives jobs not started back to the queue (on stop), their attempts undone.
    private func returnUnstarted(_ jobs: ArraySlice<ClaimedJob>, queue: JobQueue) {
        guard !jobs.isEmpty else { return }
        do {
            let released = try queue.release(jobs.map(\.claim), owner: options.workerID)
            logger.info("returned unstarted jobs to the queue", metadata: ["count": "\(released)"])
        } catch {
            // Their leases run out and the rescuer returns them.
            logger.warning("could not return unstarted jobs; their leases will expire", metadata: [
                "count": "\(jobs.count)", "error": "\(FailureReport.message(for: error))",
            ])
        }
    }

    /// Runs one job in a transaction of its own (transactional handlers) or on its own, its
    /// completion then left to `pending`; records its failure.
    func runAlone(_ job: ClaimedJob, on connection: Connection, queue: JobQueue, pending: inout PendingCompletions) throws -> LaneResult {
        let owner = options.workerID
        guard let handler = handlers[job.kind] else {
            let outcome = try queue.fail(job.claim, owner: owner, error: "no handler for job kind \(job.kind)", delay: .zero, permanent: true)
            if outcome == .notOwned { logLostLease(job) } else { metrics.failed(kind: job.kind, outcome: "discarded") }
            return LaneResult(failed: 1)
        }
        do {
            if handler.isTransactional {
                try connection.transaction { c in
                    try handler.run(job, connection: c)
                    try JobQueue(c).completeFenced(job.claim, owner: owner)
                }
                metrics.completed(kind: job.kind)
            } else {
                try handler.run(job, connection: connection)
                pending.claims.append(job.claim)
                pending.kinds[job.kind, default: 0] += 1
            }
            return LaneResult(completed: 1)
        } catch let error as PostgresError where error.isConnectionFailure {
            // The lease will expire and the rescuer returns the job; the lane reconnects.
            throw error
        } catch {
            return LaneResult(failed: try recordFailure(job, error: error, queue: queue) ? 1 : 0)
        }
    }

    /// How a shared transaction ended.
    enum SharedOutcome: Equatable {
        case committed
        /// The job at this index (of the run) failed; nothing was written.
        case failed(at: Int)
        /// The commit itself failed; nothing was written, and no one job is to blame.
        case commitFailed
    }

    /// Runs consecutive jobs whose handlers share transactions, as few transactions as their
    /// failures allow, in order.
    ///
    /// The run goes in one transaction. When job `f` of it fails, the transaction rolls back;
    /// the jobs before `f` go again in one transaction (they did not fail), `f` runs alone and
    /// records its failure, and the jobs after it go on as a new run. Each job takes part in
    /// at most one failed transaction, so a run of `n` with `k` failures makes at most
    /// `2n + k` handler runs. A commit that fails blames no one job: the run is halved.
    func runShared(
        _ run: ArraySlice<ClaimedJob>, on connection: Connection, queue: JobQueue, pending: inout PendingCompletions
    ) throws -> LaneResult {
        var result = LaneResult()
        // Segments still to run, the next one last.
        var segments: [ArraySlice<ClaimedJob>] = [run]
        while let segment = segments.popLast() {
            if state.stop.isSet {
                returnUnstarted(ArraySlice(([segment] + segments.reversed()).joined()), queue: queue)
                break
            }
            if segment.count == 1, let only = segment.first {
                result += try runAlone(only, on: connection, queue: queue, pending: &pending)
                continue
            }
            switch try attemptShared(segment, on: connection) {
            case .committed:
                for job in segment { metrics.completed(kind: job.kind) }
                result.completed += segment.count
            case .failed(let index):
                if index + 1 < segment.endIndex { segments.append(segment[(index + 1)...]) }
                segments.append(segment[index...index])
                if index > segment.startIndex { segments.append(segment[..<index]) }
            case .commitFailed:
                let middle = segment.startIndex + segment.count / 2
                segments.append(segment[middle...])
                segments.append(segment[..<middle])
            }
        }
        return result
    }

    /// One transaction for the whole segment: one commit instead of one per job, and no BEGIN
    /// and COMMIT round trips between them. Each job's effect still commits with its own fenced
    /// completion.
    func attemptShared(_ jobs: ArraySlice<ClaimedJob>, on connection: Connection) throws -> SharedOutcome {
        let owner = options.workerID
        var reached = jobs.startIndex
        do {
            try connection.transaction { c in
                for index in jobs.indices {
                    reached = index
                    let job = jobs[index]
                    guard let handler = handlers[job.kind] else { throw JobError.permanent("no handler for job kind \(job.kind)") }
                    try handler.run(job, connection: c)
                    try JobQueue(c).completeFenced(job.claim, owner: owner)
                }
                reached = jobs.endIndex
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch {
            return reached < jobs.endIndex ? .failed(at: reached) : .commitFailed
        }
        return .committed
    }
}
