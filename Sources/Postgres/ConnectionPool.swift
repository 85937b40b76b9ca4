import Dispatch
import Synchronization

/// A fixed number of connections for concurrent async callers.
///
/// Each slot owns one connection and one serial dispatch queue; the connection is only
/// ever used on that queue, so libpq's blocking calls never run on Swift's cooperative pool.
/// A connection found broken after use is closed and replaced on the slot's next use.
public final class ConnectionPool: Sendable {
    /// A slot: a serial queue that owns at most one connection.
    final class Slot: Sendable {
        let queue: DispatchQueue
        /// Touched only on `queue`; the mutex makes that safe to state to the compiler.
        let connection = Mutex<Connection?>(nil)

        init(index: Int) {
            queue = DispatchQueue(label: "postgres.pool.slot.\(index)")
        }
    }

    struct State: ~Copyable {
        var idle: [Slot]
        var waiters: [(id: UInt64, continuation: CheckedContinuation<Slot, any Error>)] = []
        var nextWaiterID: UInt64 = 0
        var closed = false
    }

    public let configuration: ConnectionConfiguration
    public let size: Int
    /// How long a cancelled call's statement may take to end after the server was asked to
    /// cancel it, before the pool severs its connection (`Connection.abort()`).
    public let cancellationGrace: Duration
    /// How many callers may wait for a connection at once; one more is refused at once with a
    /// `PostgresError` of kind `.busy`, so callers cannot pile up without bound behind a
    /// database that stopped answering.
    public let maxWaiters: Int
    private let state: Mutex<State>
    private let slots: [Slot]

    /// Creates a pool of `size` connections, opened lazily on first use.
    ///
    /// - Parameters:
    ///   - cancellationGrace: see `cancellationGrace`; 2 s unless given.
    ///   - maxWaiters: see `maxWaiters`; 1,000 unless given, at least 0.
    public init(configuration: ConnectionConfiguration, size: Int, cancellationGrace: Duration = .seconds(2), maxWaiters: Int = 1000) {
        self.configuration = configuration
        self.size = max(1, size)
        self.cancellationGrace = max(.zero, cancellationGrace)
        self.maxWaiters = max(0, maxWaiters)
        let slots = (0..<max(1, size)).map(Slot.init(index:))
        self.slots = slots
        state = Mutex(State(idle: slots))
    }

    /// Runs `body` with a connection on that connection's own queue and returns its result.
    ///
    /// A connection that sat idle is checked first (`Connection.isStillOpen`): one the server
    /// closed meanwhile, by a restart or a terminated backend, is replaced before `body` sees it.
    /// Waits for a free connection when all are busy (or throws `PostgresError` of kind
    /// `.busy` when `maxWaiters` callers wait already). Afterwards the connection goes back
    /// idle: a transaction `body` left open or failed is rolled back, and a connection that
    /// is broken, in pipeline mode or busy is closed and replaced before its next use.
    ///
    /// Cancelling the calling task cancels the call: before `body` starts it throws
    /// `CancellationError`; while `body` runs, the statement in progress is cancelled on the
    /// server (it throws SQLSTATE 57014), later statements of `body` throw `PostgresError`
    /// of kind `.cancelled`, and if the statement has not ended after `cancellationGrace`
    /// (a server that no longer answers) the connection is severed, so it throws a
    /// connection error. The connection of a cancelled call is closed and replaced.
    public func withConnection<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        let slot = try await acquire()
        defer { release(slot) }
        let configuration = self.configuration
        let call = PoolCall()
        let grace = cancellationGrace
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                slot.queue.async {
                    let result = Result<T, any Error> {
                        if call.isCancelled { throw CancellationError() }
                        let connection = try slot.connection.withLock { current -> Connection in
                            if let current, current.isStillOpen { return current }
                            current?.close()
                            let fresh = try Connection(configuration: configuration)
                            current = fresh
                            return fresh
                        }
                        defer {
                            // The next caller gets an idle session or a new one.
                            let cancelled = call.end()
                            if cancelled || !connection.resetForReuse() {
                                connection.close()
                                slot.connection.withLock { $0 = nil }
                            }
                        }
                        guard call.begin(connection) else { throw CancellationError() }
                        return try body(connection)
                    }
                    continuation.resume(with: result)
                }
            }
        } onCancel: {
            call.cancel(grace: grace)
        }
    }

    /// Runs `body` in a transaction on a pooled connection.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await withConnection { connection in try connection.transaction(body) }
    }

    /// Closes every idle connection and refuses new work; waiting callers get an error.
    public func close() async {
        let waiters = state.withLock { state -> [CheckedContinuation<Slot, any Error>] in
            state.closed = true
            let waiting = state.waiters.map(\.continuation)
            state.waiters.removeAll()
            return waiting
        }
        for waiter in waiters {
            waiter.resume(throwing: PostgresError(.usage, "the connection pool is closed"))
        }
        for slot in slots {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                slot.queue.async {
                    slot.connection.withLock { current in
                        current?.close()
                        current = nil
                    }
                    continuation.resume()
                }
            }
        }
    }

    /// Callers waiting for a connection now.
    var waitingCount: Int { state.withLock { $0.waiters.count } }

    private func acquire() async throws -> Slot {
        let immediate = try state.withLock { state -> Slot? in
            if state.closed { throw PostgresError(.usage, "the connection pool is closed") }
            return state.idle.popLast()
        }
        if let immediate { return immediate }
        let id = state.withLock { state -> UInt64 in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let resumeNow: Result<Slot, any Error>? = state.withLock { state in
                    if state.closed { return .failure(PostgresError(.usage, "the connection pool is closed")) }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if let slot = state.idle.popLast() { return .success(slot) }
                    if state.waiters.count >= maxWaiters {
                        return .failure(PostgresError(.busy, "every connection is in use and \(maxWaiters) callers are waiting already"))
                    }
                    state.waiters.append((id, continuation))
                    return nil
                }
                if let resumeNow { continuation.resume(with: resumeNow) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Slot, any Error>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    private func release(_ slot: Slot) {
        let waiter = state.withLock { state -> CheckedContinuation<Slot, any Error>? in
            if !state.waiters.isEmpty { return state.waiters.removeFirst().continuation }
            state.idle.append(slot)
            return nil
        }
        waiter?.resume(returning: slot)
    }
}
