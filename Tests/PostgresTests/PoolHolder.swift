import Dispatch
import Postgres
import TestSupport

/// A pool's one connection held by a task of its own until `release()`, for tests of the
/// callers that wait for it. `value` is what the holder's statement returned (1).
final class PoolHolder: Sendable {
    private let task: Task<Int, any Error>
    private let releaseSignal: DispatchSemaphore

    private init(task: Task<Int, any Error>, releaseSignal: DispatchSemaphore) {
        self.task = task
        self.releaseSignal = releaseSignal
    }

    /// Returns once the holder has the connection.
    static func hold(_ pool: ConnectionPool) async throws -> PoolHolder {
        let started = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let task = Task {
            try await pool.withConnection { c -> Int in
                started.signal()
                release.wait()
                return try c.query("SELECT 1").scalar(Int.self)
            }
        }
        try await Blocking.run { started.wait() }
        return PoolHolder(task: task, releaseSignal: release)
    }

    /// Lets go of the connection; returns what the holder's statement returned.
    func release() async throws -> Int {
        releaseSignal.signal()
        return try await task.value
    }
}
