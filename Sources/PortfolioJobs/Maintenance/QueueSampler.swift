import Foundation
import Postgres

/// Reads the queue's depth (jobs due and not started) at the end of each maintenance pass, for
/// `/health` and the metrics; a sample also marks the database reachable.
///
/// It runs on the maintenance loop's connection rather than as a service with a connection of
/// its own: one cheap query a pass does not need one more connection per worker.
struct QueueSampler: Sendable {
    let state: WorkerState

    func sample(_ connection: Connection) throws {
        let due = try JobQueue(connection).dueCount()
        state.status.update {
            $0.queueDepth = due
            $0.databaseReachable = true
            $0.checkedAt = Date()
        }
        state.metrics.queueDepth(due)
    }
}
