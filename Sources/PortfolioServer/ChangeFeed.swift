import Foundation
import Logging
import PortfolioJobs
import PortfolioStore
import Postgres
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Hears the database's `NOTIFY portfolio_changes` (migration 16) on one connection of its own,
/// on a thread of its own, and tells every subscriber (each open dashboard's event stream).
/// Notifications that arrive within `coalescing` of each other are told once. Reconnects
/// with backoff when the database goes away, and tells subscribers once it is back, since
/// changes may have been missed.
///
/// Through a connection pooler, where LISTEN cannot be trusted, it reads the change counter
/// every `pollInterval` instead and tells subscribers when it moves; answers are then never
/// kept in memory, since nothing would say when they went stale.
public final class ChangeFeed: Service, Sendable {
    public static let channel = "portfolio_changes"

    let configuration: ConnectionConfiguration
    let logger: Logger
    let cancellation: CancellationSignal
    let coalescing: Duration
    /// How often the change counter is read when LISTEN is not available.
    let pollInterval: Duration
    /// The most subscribers at once; more are refused (429).
    public let maxSubscribers: Int

    private struct State {
        var subscribers: [Int: AsyncStream<Int>.Continuation] = [:]
        var nextID = 0
        var sequence = 0
        var stopped = false
        /// Whether the feed listens now: only then does a cached counter stay true.
        var listening = false
        /// The change counter as read at a generation (`sequence`).
        var counter: (generation: Int, value: String)?
    }

    private let state = Mutex(State())

    public init(
        configuration: ConnectionConfiguration, maxSubscribers: Int, coalescing: Duration = .milliseconds(100),
        pollInterval: Duration = .seconds(1), logger: Logger
    ) throws {
        self.configuration = configuration
        self.maxSubscribers = maxSubscribers
        self.coalescing = coalescing
        self.pollInterval = pollInterval
        self.logger = logger
        self.cancellation = try CancellationSignal()
    }

    /// A stream of change numbers (1, 2, …; 0 is a keepalive), until the subscriber goes or
    /// the feed stops; nil when `maxSubscribers` are listening already. A slow subscriber keeps
    /// the newest few: the latest change is never lost, and a page reloads to it.
    public func subscribe() -> AsyncStream<Int>? {
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let id: Int? = state.withLock { state in
            guard !state.stopped, state.subscribers.count < maxSubscribers else { return nil }
            state.nextID += 1
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        guard let id else {
            continuation.finish()
            return nil
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// The change generation: it moves with every change the feed hears (and on reconnecting).
    public var generation: Int { state.withLock { $0.sequence } }

    /// The change counter last stored, while the feed listens and has heard no change since;
    /// else nil, and the caller reads the database.
    public func cachedCounter() -> String? {
        state.withLock { state in
            guard state.listening, let counter = state.counter, counter.generation == state.sequence else { return nil }
            return counter.value
        }
    }

    /// Keeps `counter`, read after `generation` was taken, unless a change came meanwhile.
    public func store(counter: String, generation: Int) {
        state.withLock { state in
            if state.listening && state.sequence == generation { state.counter = (generation, counter) }
        }
    }

    /// How many subscribers listen now.
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Tells every subscriber the stream is alive (0), so proxies keep it and dead clients show.
    func keepalive() {
        state.withLock { state in
            for continuation in state.subscribers.values { continuation.yield(0) }
        }
    }

    /// Tells every subscriber of a change.
    func broadcast() {
        state.withLock { state in
            state.sequence += 1
            for continuation in state.subscribers.values { continuation.yield(state.sequence) }
        }
    }

    /// Listens until the service group shuts down; then ends every subscriber's stream.
    public func run() async throws {
        await withGracefulShutdownHandler {
            await DedicatedThread.run(name: "portfolio-change-feed") { [self] in self.loop() }
        } onGracefulShutdown: {
            self.stop()
        }
    }

    /// Stops listening and ends every subscriber's stream.
    public func stop() {
        cancellation.cancel()
        let continuations = state.withLock { state in
            state.stopped = true
            state.listening = false
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        for continuation in continuations { continuation.finish() }
    }

    private func loop() {
        var failures = 0
        var toldOfPooler = false
        while !cancellation.isCancelled {
            do {
                let connection = try Connection(configuration: configuration)
                defer { connection.close() }
                guard !connection.isPooled else {
                    if !toldOfPooler {
                        logger.notice(
                            "change feed: the database connection goes through a pooler, where notifications cannot be relied on; the change counter is read instead",
                            metadata: ["interval": "\(pollInterval)"])
                        toldOfPooler = true
                    }
                    try poll(connection, afterFailures: &failures)
                    continue
                }
                try connection.listen(Self.channel)
                // Whatever changed before now is in the database: a new generation begins.
                broadcast()
                state.withLock { $0.listening = true }
                if failures > 0 { logger.info("change feed reconnected") }
                failures = 0
                while true {
                    guard try connection.waitForNotification(timeout: .seconds(30), cancellation: cancellation) != nil else {
                        keepalive()
                        continue
                    }
                    // Let a burst of commits settle, then tell once.
                    while try connection.waitForNotification(timeout: coalescing, cancellation: cancellation) != nil {}
                    broadcast()
                }
            } catch let error as PostgresError where error.kind == .cancelled {
                return
            } catch {
                state.withLock { $0.listening = false }
                failures += 1
                let delay = min(30.0, 0.5 * pow(2.0, Double(min(failures, 6))))
                logger.warning("change feed lost the database; retrying", metadata: ["error": "\(error)", "retry_in_s": "\(delay)"])
                if wait(seconds: delay) { return }
            }
        }
    }

    /// Reads the change counter every `pollInterval` and tells subscribers when it moves,
    /// until the connection fails (thrown) or the feed stops (returns).
    private func poll(_ connection: Connection, afterFailures failures: inout Int) throws {
        var last = try connection.one(ChangeCounter())
        // Whatever changed before now is in the database: a new generation begins.
        broadcast()
        if failures > 0 { logger.info("change feed reconnected") }
        failures = 0
        let seconds = Double(pollInterval.components.seconds) + Double(pollInterval.components.attoseconds) / 1e18
        var sinceKeepalive = 0.0
        while !wait(seconds: seconds) {
            let counter = try connection.one(ChangeCounter())
            if counter != last {
                last = counter
                broadcast()
            }
            sinceKeepalive += seconds
            if sinceKeepalive >= 30 {
                sinceKeepalive = 0
                keepalive()
            }
        }
    }

    /// Waits up to `seconds`; true when the feed was stopped meanwhile.
    private func wait(seconds: Double) -> Bool {
        var fds = [pollfd(fd: cancellation.fileDescriptorForWaiting, events: Int16(POLLIN), revents: 0)]
        return Glibc.poll(&fds, 1, Int32(max(1, seconds * 1000))) > 0
    }
}
