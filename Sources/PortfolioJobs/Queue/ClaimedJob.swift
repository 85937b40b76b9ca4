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

    /// Decodes the arguments.
    public func decodeArgs<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try args.decode(type)
        } catch {
            throw JobError.permanent("job \(id) (\(kind)) has arguments that do not decode: \(error)")
        }
    }
}

/// A job as listed for administrators.
public struct JobRow: Sendable, Codable, Hashable {
    public let id: Int
    public let kind: String
    public let queue: String
    public let state: JobState
    public let priority: Int
    public let attempt: Int
    public let maxAttempts: Int
    public let runAt: Date
    public let uniqueKey: String?
    public let owner: String?
    public let lastError: String?
    public let args: String
}

/// Counts of jobs by kind and state.
public struct JobStats: Sendable, Codable, Hashable {
    public struct Row: Sendable, Codable, Hashable {
        public let kind: String
        public let state: JobState
        public let count: Int
    }
    public let rows: [Row]
    /// Jobs due now and not yet started.
    public let due: Int
    /// Seconds the oldest due job has waited.
    public let oldestDueSeconds: Double
}
