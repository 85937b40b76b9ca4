import Foundation
import Logging
import Postgres
import PortfolioStore

/// Recording a job's failure: a retry with backoff, a snooze, a wait for its time, or a discard.
extension JobRunner {
    func logLostLease(_ job: ClaimedJob) {
        logger.warning("job lost its lease; its effect was rolled back", metadata: [
            "job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)",
        ])
    }

    /// Records a job's failure; true when it counts as failed (not a snooze). A claim that no
    /// longer holds its job (the lease ran out and the job was rescued, perhaps claimed again)
    /// changes nothing and counts as failed.
    ///
    /// A job put back while another of its kind and key waits is superseded by the queue's
    /// statement itself, also when that other job's transaction commits meanwhile, so an
    /// enqueue of the same key cannot make recording the failure fail.
    func recordFailure(_ job: ClaimedJob, error: any Error, queue: JobQueue) throws -> Bool {
        let owner = options.workerID
        switch error {
        case JobError.leaseLost:
            logLostLease(job)
            return true
        case JobError.snooze(let seconds, let reason, let until):
            let outcome = try queue.fail(job.claim, owner: owner, error: reason, delay: .seconds(seconds), snooze: true, notBefore: until)
            if outcome == .notOwned { logLostLease(job); return true }
            if outcome == .retrying { state.snoozed.withLock { _ = $0.insert(job.id) } }
            return false
        case JobError.notBefore(let date, let reason):
            let outcome = try queue.fail(job.claim, owner: owner, error: reason, delay: .zero, snooze: true, notBefore: date)
            if outcome == .notOwned { logLostLease(job); return true }
            logger.info("job waits for its time", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "until": "\(date.formatted(.iso8601))"])
            return false
        case JobError.permanent(let message):
            let outcome = try queue.fail(job.claim, owner: owner, error: message, delay: .zero, permanent: true)
            if outcome == .notOwned { logLostLease(job); return true }
            metrics.failed(kind: job.kind, outcome: "discarded")
            logger.error("job discarded", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "error": "\(message)"])
            return true
        default:
            let message = FailureReport.message(for: error)
            let delay = options.backoff.delay(afterAttempt: job.attempt, random: Double.random(in: 0...1))
            let outcome = try queue.fail(job.claim, owner: owner, error: message, delay: .milliseconds(Int(delay * 1000)))
            if outcome == .notOwned { logLostLease(job); return true }
            metrics.failed(kind: job.kind, outcome: outcome.rawValue)
            logger.warning("job failed", metadata: [
                "job": "\(job.id)", "kind": "\(job.kind)", "attempt": "\(job.attempt)", "outcome": "\(outcome.rawValue)", "error": "\(message)",
            ])
            return true
        }
    }
}
