import Foundation
import Postgres

/// A job a worker has claimed: it is `running`, owned by that worker, under a lease.
public struct ClaimedJob: Sendable, Hashable {
    public let id: Int
    /// This claim's token: it fences every later state change of this attempt.
    public let token: Int
    public let kind: String
    public let queue: String
    /// The arguments as JSON.
    public let args: PostgresJSON
    /// Which attempt this is, from 1.
    public let attempt: Int
    public let maxAttempts: Int
    public let uniqueKey: String?
    /// When it was due; the claim latency is measured from here.
    public let runAt: Date

    /// The claim that fences this attempt.
    public var claim: JobClaim { JobClaim(id: id, token: token) }

    public init(
        id: Int, token: Int, kind: String, queue: String, args: PostgresJSON, attempt: Int, maxAttempts: Int,
        uniqueKey: String?, runAt: Date
    ) {
        self.id = id
        self.token = token
        self.kind = kind
        self.queue = queue
        self.args = args
        self.attempt = attempt
        self.maxAttempts = maxAttempts
        self.uniqueKey = uniqueKey
        self.runAt = runAt
    }
}
