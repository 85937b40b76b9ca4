/// A database call that did not finish within its time.
public struct DeadlineExceeded: Error, CustomStringConvertible, Sendable {
    /// What was being done, e.g. "heartbeat".
    public let what: String
    public let limit: Duration

    public var description: String { "\(what): the database did not answer within \(limit)" }
}

/// How a call raced against its watcher came out.
enum Raced<T: Sendable>: Sendable {
    case finished(T)
    /// The watcher returned first; the call was cancelled and has ended.
    case stopped
}

/// Runs `body` until `watcher` returns: then `body` is cancelled and, once it has ended, the
/// result is `.stopped`. Errors of `body` before that are thrown; its error after being
/// cancelled is not (the watcher's reason says more).
func race<T: Sendable>(
    _ body: @escaping @Sendable () async throws -> T, stoppedWhen watcher: @escaping @Sendable () async throws -> Void
) async throws -> Raced<T> {
    try await withThrowingTaskGroup(of: Raced<T>.self) { group in
        group.addTask { .finished(try await body()) }
        group.addTask {
            try await watcher()
            return .stopped
        }
        defer { group.cancelAll() }
        guard let first = try await group.next() else { return .stopped }
        if case .stopped = first {
            group.cancelAll()
            while let _ = try? await group.next() {}
        }
        return first
    }
}

/// Runs `body` with a time limit: when `limit` passes, `onExpiry` runs at once; when
/// `cancelAfter` (at least `limit`; `limit` when nil) passes, `body` is cancelled and, once it
/// has ended, `DeadlineExceeded` is thrown.
///
/// `onExpiry` runs before `body` has ended: a call into a database that stopped answering
/// returns only once the pool has severed its connection (its cancellation grace) or a new
/// connection's attempt has timed out, and what depends on the answer (such as `/health`) must
/// not wait that long. A later `cancelAfter` lets work that is slow but answering (a long
/// maintenance pass on a busy database) finish rather than be cut off and started again, over
/// and over, each time on a new connection.
func withDeadline<T: Sendable>(
    _ limit: Duration, _ what: String, onExpiry: @escaping @Sendable () -> Void = {}, cancelAfter: Duration? = nil,
    _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let cancelAt = max(limit, cancelAfter ?? limit)
    let outcome = try await race(body) {
        try await Task.sleep(for: limit)
        onExpiry()
        if cancelAt > limit { try await Task.sleep(for: cancelAt - limit) }
    }
    guard case .finished(let value) = outcome else { throw DeadlineExceeded(what: what, limit: cancelAt) }
    return value
}
