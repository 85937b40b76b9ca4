import Foundation
import Synchronization

/// What the worker knows about itself, for `/health`.
public final class WorkerStatus: Sendable {
    public struct Snapshot: Sendable, Codable, Equatable {
        public var workerID: String
        public var databaseReachable: Bool
        public var leader: Bool
        public var queueDepth: Int
        public var jobsCompleted: Int
        public var jobsFailed: Int
        public var lastError: String?
        /// Claim queries the lanes have run: it grows with work and idle polls, never faster.
        public var claimQueries = 0
        /// Heartbeats that renewed the held leases.
        public var heartbeats = 0
        /// Batches a lane gave up because their leases went unrenewed for a whole lease.
        public var batchesGivenUp = 0
        /// When the maintenance loop last reached the database.
        public var checkedAt: Date?
    }

    private let state: Mutex<Snapshot>

    public init(workerID: String) {
        state = Mutex(Snapshot(workerID: workerID, databaseReachable: false, leader: false, queueDepth: 0,
                               jobsCompleted: 0, jobsFailed: 0, lastError: nil))
    }

    public var snapshot: Snapshot { state.withLock { $0 } }

    public func update(_ body: (inout Snapshot) -> Void) { state.withLock { body(&$0) } }
}
