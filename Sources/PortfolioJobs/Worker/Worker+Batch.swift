import Foundation
import Logging
import Postgres
import PortfolioStore

/// Running a claimed batch: one by one, or consecutive shareable jobs in one transaction, and
/// recording what failed.
extension Worker {
    struct LaneResult: Sendable {
        var completed = 0
        var failed = 0
    }

    /// Runs a claimed batch on one connection, in order. Runs on the connection's own queue.
    func process(_ jobs: [ClaimedJob], on connection: Connection) throws -> LaneResult {
        let queue = JobQueue(connection)
        let owner = options.workerID
        var result = LaneResult()
        var batchDone: [Int] = []
        var batchKinds: [String: Int] = [:]
        defer {
            if !batchDone.isEmpty {
                _ = try? queue.complete(batchDone, owner: owner)
                for (kind, count) in batchKinds { metrics.completed(kind: kind, count: count) }
            }
        }
        var sharedDone: Set<Int> = []
        for (position, job) in jobs.enumerated() {
            if sharedDone.contains(job.id) { continue }
            if !stop.isSet, let handler = handlers[job.kind], handler.isTransactional, handler.sharesTransactions {
                let run = Array(jobs[position...].prefix { next in
                    handlers[next.kind].map { $0.isTransactional && $0.sharesTransactions } ?? false
                })
                if run.count > 1, try runShared(run, on: connection) {
                    sharedDone.formUnion(run.map(\.id))
                    result.completed += run.count
                    continue
                }
            }
            if stop.isSet {
                let rest = jobs[position...].map(\.id)
                let released = try queue.release(rest, owner: owner)
                logger.info("returned unstarted jobs to the queue", metadata: ["count": "\(released)"])
                break
            }
            guard let handler = handlers[job.kind] else {
                try queue.fail(job.id, owner: owner, error: "no handler for job kind \(job.kind)", delay: .zero, permanent: true)
                metrics.failed(kind: job.kind, outcome: "discarded")
                result.failed += 1
                continue
            }
            do {
                if handler.isTransactional {
                    try connection.transaction { c in
                        try handler.run(job, connection: c)
                        try JobQueue(c).completeFenced(job.id, owner: owner)
                    }
                    metrics.completed(kind: job.kind)
                } else {
                    try handler.run(job, connection: connection)
                    batchDone.append(job.id)
                    batchKinds[job.kind, default: 0] += 1
                }
                result.completed += 1
            } catch let error as PostgresError where error.isConnectionFailure {
                // The lease will expire and the rescuer returns the job; the lane reconnects.
                throw error
            } catch {
                result.failed += try recordFailureOnce(job, error: error, queue: queue) ? 1 : 0
            }
        }
        return result
    }

    /// Runs consecutive jobs whose handlers share transactions in one transaction; false (and
    /// nothing written) when one of them failed, for the caller to run them one by one.
    ///
    /// One commit instead of one per job, and no BEGIN and COMMIT round trips between them.
    /// Each job's effect still commits with its own fenced completion.
    func runShared(_ jobs: [ClaimedJob], on connection: Connection) throws -> Bool {
        let owner = options.workerID
        do {
            try connection.transaction { c in
                for job in jobs {
                    guard let handler = handlers[job.kind] else { throw JobError.permanent("no handler for job kind \(job.kind)") }
                    try handler.run(job, connection: c)
                    try JobQueue(c).completeFenced(job.id, owner: owner)
                }
            }
        } catch let error as PostgresError where error.isConnectionFailure {
            throw error
        } catch {
            return false
        }
        for job in jobs { metrics.completed(kind: job.kind) }
        return true
    }

    /// Records a job's failure (see `recordFailure`), again when putting it back collided with
    /// another job of the same kind and unique key.
    ///
    /// A job leaving `running` is cancelled as superseded when a job with its key is waiting.
    /// When two such jobs ran at once (one claimed while the other was being decided, as
    /// rollups of a burst of changes are) and both are put back, the second statement cannot
    /// see the first one's uncommitted row and trips the unique index instead. Run again, it
    /// sees the waiting job and supersedes this one, as it would have without the race.
    /// Each collision means another such job committed meanwhile, so a few tries settle it.
    func recordFailureOnce(_ job: ClaimedJob, error: any Error, queue: JobQueue) throws -> Bool {
        var collisions = 0
        while true {
            do {
                return try recordFailure(job, error: error, queue: queue)
            } catch let collision as PostgresError where collision.isUniqueViolation && job.uniqueKey != nil && collisions < 3 {
                collisions += 1
            }
        }
    }

    /// Records a job's failure; true when it counts as failed (not a snooze).
    func recordFailure(_ job: ClaimedJob, error: any Error, queue: JobQueue) throws -> Bool {
        let owner = options.workerID
        switch error {
        case JobError.leaseLost:
            logger.warning("job lost its lease; its effect was rolled back", metadata: ["job": "\(job.id)", "kind": "\(job.kind)"])
            return true
        case JobError.snooze(let seconds, let reason):
            try queue.fail(job.id, owner: owner, error: reason, delay: .seconds(seconds), snooze: true)
            snoozed.withLock { _ = $0.insert(job.id) }
            return false
        case JobError.notBefore(let date, let reason):
            try queue.fail(job.id, owner: owner, error: reason, delay: .zero, snooze: true, notBefore: date)
            logger.info("job waits for its time", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "until": "\(date.formatted(.iso8601))"])
            return false
        case JobError.permanent(let message):
            try queue.fail(job.id, owner: owner, error: message, delay: .zero, permanent: true)
            metrics.failed(kind: job.kind, outcome: "discarded")
            logger.error("job discarded", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(message)"])
            return true
        default:
            let message = FailureReport.message(for: error)
            let delay = options.backoff.delay(afterAttempt: job.attempt, random: Double.random(in: 0...1))
            let outcome = try queue.fail(job.id, owner: owner, error: message, delay: .milliseconds(Int(delay * 1000)))
            metrics.failed(kind: job.kind, outcome: outcome.rawValue)
            logger.warning("job failed", metadata: [
                "job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)", "outcome": "\(outcome.rawValue)", "error": "\(message)",
            ])
            return true
        }
    }
}
