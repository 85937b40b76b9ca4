import Foundation

/// How a job failed, which decides whether it is retried.
public enum JobError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Will never succeed (bad arguments, a refused transition): discard at once.
    case permanent(String)
    /// May succeed later: retry with backoff.
    case retryable(String)
    /// Not yet: put it back to run at a later time without counting an attempt as failed:
    /// `seconds` from now, and no earlier than `until` when given (what it waits for cannot
    /// happen before then).
    case snooze(seconds: Int, reason: String, until: Date? = nil)
    /// Not before a time (a change dated later): put it back to run then, without counting an
    /// attempt. Unlike a snooze, a `--once` run does not wait for it.
    case notBefore(Date, reason: String)
    /// The worker no longer owns the job (its lease expired and it was rescued, or it was
    /// cancelled): its effect was rolled back.
    case leaseLost(Int)

    public var description: String {
        switch self {
        case .permanent(let message), .retryable(let message): message
        case .snooze(let seconds, let reason, let until):
            if let until { "snoozed until \(until.formatted(.iso8601)): \(reason)" } else { "snoozed \(seconds)s: \(reason)" }
        case .notBefore(let date, let reason): "waits until \(date.formatted(.iso8601)): \(reason)"
        case .leaseLost(let id): "job \(id) is no longer owned by this worker; its effect was rolled back"
        }
    }
}
