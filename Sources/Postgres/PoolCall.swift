import Dispatch
import Synchronization

/// One `ConnectionPool.withConnection` call, as its cancellation handler sees it.
///
/// The handler may run on any thread at any time, so it never calls libpq itself: it marks
/// the call, interrupts the connection and sends the cancel request from a dispatch queue.
final class PoolCall: Sendable {
    private struct State {
        var cancelled = false
        var running: Connection?
        var started = false
    }

    private let state = Mutex(State())

    /// Whether the calling task was cancelled.
    var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Records that `body` is about to run on `connection`; false if the call was cancelled.
    func begin(_ connection: Connection) -> Bool {
        state.withLock { state in
            guard !state.cancelled else { return false }
            state.running = connection
            state.started = true
            return true
        }
    }

    /// Records that `body` returned (or never started); returns whether the call was
    /// cancelled while `body` ran, in which case the connection must not be reused.
    func end() -> Bool {
        state.withLock { state in
            state.running = nil
            return state.cancelled && state.started
        }
    }

    /// Cancels the call: the connection refuses further statements, the server is asked to
    /// cancel the running one, and after `grace` a statement still running has its
    /// connection severed.
    func cancel(grace: Duration) {
        let connection = state.withLock { state -> Connection? in
            state.cancelled = true
            return state.running
        }
        guard let connection else { return }
        connection.interrupt()
        CancelRequests.shared.send(for: connection)
        let millis = Int(clamping: grace.roundedUpMilliseconds)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(millis)) { [self] in
            let stillRunning = state.withLock { $0.running === connection }
            if stillRunning { connection.abort() }
        }
    }
}

/// Cancel requests in flight, at most `limit` at once.
///
/// libpq's `PQcancel` blocks until the server closes the cancel connection, with no timeout:
/// against a host that stopped answering it never returns. Each request holds a thread while
/// it waits, so requests beyond the limit are not sent; the pool's grace period then severs
/// the connection all the same.
final class CancelRequests: Sendable {
    /// The one every pool uses.
    static let shared = CancelRequests(limit: 4)

    let limit: Int
    private let inFlight = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    /// Sends `connection`'s cancel request on a background thread unless `limit` are waiting;
    /// false when it was not sent.
    @discardableResult
    func send(for connection: Connection) -> Bool {
        guard inFlight.add(1, ordering: .acquiringAndReleasing).newValue <= limit else {
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
            return false
        }
        DispatchQueue.global().async { [self] in
            try? connection.cancel()
            inFlight.subtract(1, ordering: .acquiringAndReleasing)
        }
        return true
    }

    /// How many are waiting now.
    var waiting: Int { inFlight.load(ordering: .acquiring) }
}
