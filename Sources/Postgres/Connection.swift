import Foundation
import CLibPQ
import Synchronization

/// One libpq connection.
///
/// libpq is blocking: call a connection from a thread you own (the CLI's main thread, or a
/// `ConnectionPool` slot's serial queue), never from Swift's cooperative pool. The `PGconn`
/// pointer lives inside a `Mutex` and never leaves `withLock`, so a connection is used by one
/// thread at a time and is freed exactly once, when the connection is closed or deinitialised.
public final class Connection: Sendable {
    private let state: Mutex<ConnectionHandle>
    /// The cancel request for this session, in a lock of its own so that another thread can
    /// send it while a statement holds `state`.
    private let canceller: Mutex<CancelHandle>
    /// The session's socket, for `abort()`; -1 once the connection is closed.
    private let socket: Mutex<Int32>
    /// Set by `interrupt()`: statements not yet started refuse to run.
    private let interrupted = Atomic<Bool>(false)
    let secrets: [String]
    /// Whether the session goes through a connection pooler (PgBouncer and the like), which
    /// may run each transaction on a different server session: statements then run unnamed,
    /// the timeouts are set per transaction, and LISTEN is refused.
    public let isPooled: Bool
    /// Appended to each `BEGIN`: the timeouts as `SET LOCAL` through a pooler, else empty.
    let transactionSettings: String

    /// Opens a connection and sets the session up (UTC time zone, ISO dates, UTF-8, and the
    /// configuration's timeouts, per transaction when the session goes through a pooler).
    ///
    /// Applies `ConnectionConfiguration.connectionDefaults` where the configuration and the
    /// environment leave them unset.
    ///
    /// - Throws: `PostgresError` of kind `.connection` with a one-line message that never
    ///   contains the password.
    public init(configuration: ConnectionConfiguration) throws {
        secrets = configuration.secrets
        // Entries before the expanded connection string are overridden by it.
        let defaults = configuration.defaultsToApply(environment: ConnectionConfiguration.libpqEnvironment())
        var keywords = defaults.map(\.keyword) + ["dbname", "fallback_application_name"]
        var values = defaults.map(\.value) + [configuration.connectionString, configuration.applicationName]
        if let database = configuration.database {
            // A second dbname is a plain name and overrides the one in the string.
            keywords.append("dbname")
            values.append(database)
        }
        let pointer = Connection.connect(keywords: keywords, values: values)
        guard let pointer else {
            throw PostgresError(.connection, "out of memory allocating a connection")
        }
        var handle = ConnectionHandle(pointer)
        guard PQstatus(pointer) == CONNECTION_OK else {
            let message = Connection.errorMessage(pointer)
            handle.close()
            throw PostgresError(.connection, Redaction.scrub(message, secrets: configuration.secrets))
        }
        PQsetNoticeReceiver(pointer, { _, _ in }, nil)
        guard let serverPID = Connection.setUp(pointer, configuration.sessionSetup) else {
            let message = Connection.errorMessage(pointer)
            handle.close()
            throw PostgresError(.connection, Redaction.scrub(message, secrets: configuration.secrets))
        }
        // A pooler hands its client a cancel key of its own, so the process id libpq was given
        // at login is not the one of the server session that answered.
        let pooled = serverPID != PQbackendPID(pointer)
        let timeouts = configuration.timeoutSettings(local: pooled)
        if !pooled, !timeouts.isEmpty, Connection.setUp(pointer, timeouts) == nil {
            let message = Connection.errorMessage(pointer)
            handle.close()
            throw PostgresError(.connection, Redaction.scrub(message, secrets: configuration.secrets))
        }
        isPooled = pooled
        transactionSettings = pooled && !timeouts.isEmpty ? "; " + timeouts : ""
        if pooled { handle.statements = StatementCache(named: false) }
        canceller = Mutex(CancelHandle(PQgetCancel(pointer)))
        socket = Mutex(PQsocket(pointer))
        state = Mutex(handle)
    }

    /// Runs a setup script; returns the integer its last statement returned (0 when it returns
    /// no row), or nil when the script failed.
    private static func setUp(_ pointer: OpaquePointer, _ script: String) -> Int32? {
        guard let result = PQexec(pointer, script) else { return nil }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK: return 0
        case PGRES_TUPLES_OK:
            guard PQntuples(result) == 1, let text = PQgetvalue(result, 0, 0) else { return nil }
            return Int32(String(cString: text))
        default: return nil
        }
    }

    static func connect(keywords: [String], values: [String]) -> OpaquePointer? {
        let cKeywords = keywords.map { strdup($0) }
        let cValues = values.map { strdup($0) }
        defer {
            cKeywords.forEach { free($0) }
            cValues.forEach { free($0) }
        }
        var keywordPointers: [UnsafePointer<CChar>?] = cKeywords.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = cValues.map { UnsafePointer($0) } + [nil]
        return keywordPointers.withUnsafeMutableBufferPointer { k in
            valuePointers.withUnsafeMutableBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
    }

    /// Closes the connection; later calls throw. Closing twice is harmless.
    ///
    /// Waits for a statement running on another thread to end (`abort()` ends it at once).
    public func close() {
        // The socket is forgotten first, so that `abort()` can never reach a descriptor
        // number the system has handed out again.
        socket.withLock { $0 = -1 }
        state.withLock { $0.close() }
    }

    /// Asks the server to cancel the statement this connection is running, from any thread.
    ///
    /// Does not wait for the statement: it ends with SQLSTATE 57014 (query canceled) if the
    /// request arrived in time, and the connection stays usable. With no statement running
    /// the request does nothing. Sending it opens a short second connection to the server
    /// (`PQcancel`), so this blocks the calling thread for a round trip: do not call it on
    /// Swift's cooperative pool.
    ///
    /// - Throws: `PostgresError` of kind `.connection` if the request could not be sent.
    @available(*, noasync)
    public func cancel() throws {
        let failure = canceller.withLock { handle -> String? in
            guard let pointer = handle.pointer else { return "the connection has no cancel key" }
            var buffer = [CChar](repeating: 0, count: 256)
            if PQcancel(pointer, &buffer, Int32(buffer.count)) == 1 { return nil }
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        if let failure {
            throw PostgresError(.connection, Redaction.scrub("cannot cancel: " + PostgresError.oneLine(failure), secrets: secrets))
        }
    }

    /// Severs the connection's socket from any thread, without waiting: a statement in
    /// progress fails at once with a connection error, even when the server no longer
    /// answers, and the connection is unusable afterwards (close it).
    public func abort() {
        socket.withLock { descriptor in
            if descriptor >= 0 { _ = shutdown(descriptor, Int32(SHUT_RDWR)) }
        }
    }

    /// Makes every statement started from now on fail with `PostgresError` of kind
    /// `.cancelled`, for a caller that gives the connection up (a pool call whose task was
    /// cancelled). There is no way back: the connection is to be closed.
    func interrupt() {
        interrupted.store(true, ordering: .releasing)
    }

    /// Whether `interrupt()` was called.
    var isInterrupted: Bool { interrupted.load(ordering: .acquiring) }

    /// The connection options in effect (libpq's `PQconninfo`), without passwords.
    public var effectiveOptions: [String: String] {
        state.withLock { handle in
            guard let pointer = handle.pointer, let options = PQconninfo(pointer) else { return [:] }
            defer { PQconninfoFree(options) }
            var values = ConnectionConfiguration.values(options)
            values["password"] = nil
            values["sslpassword"] = nil
            return values
        }
    }

    /// Whether the connection is open and healthy as far as libpq knows.
    public var isHealthy: Bool {
        state.withLock { handle in
            guard let pointer = handle.pointer else { return false }
            return PQstatus(pointer) == CONNECTION_OK
        }
    }

    /// Whether the session still looks open, judged without a round trip: when input is
    /// waiting on an idle connection's socket (after a server restart or a terminated backend:
    /// the server's last message and end of file), libpq reads it and says whether the
    /// connection survived. A pool checks this before it hands out a connection that sat idle.
    var isStillOpen: Bool {
        state.withLock { handle in
            guard let pointer = handle.pointer, PQstatus(pointer) == CONNECTION_OK else { return false }
            let descriptor = PQsocket(pointer)
            guard descriptor >= 0 else { return false }
            // Until nothing more waits: the server's goodbye and its end of file may take two
            // reads (bounded, in case a server keeps sending).
            for _ in 0..<8 {
                var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                guard poll(&waiting, 1, 0) > 0 else { break }
                if PQconsumeInput(pointer) == 0 { return false }
            }
            return PQstatus(pointer) == CONNECTION_OK
        }
    }

    /// Whether a transaction block is open (or failed and awaiting rollback).
    public var isInTransaction: Bool {
        state.withLock { handle in
            guard let pointer = handle.pointer else { return false }
            let status = PQtransactionStatus(pointer)
            return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
        }
    }

    /// Where the session stands with respect to transactions, as libpq last saw it.
    public enum TransactionStatus: Sendable, Equatable {
        /// No transaction is open.
        case idle
        /// A statement is in progress.
        case active
        /// A transaction block is open and healthy.
        case inTransaction
        /// A transaction block is open and a statement in it failed: only ROLLBACK helps.
        case inError
        /// The connection is closed or broken.
        case unknown
    }

    /// The session's transaction status.
    public var transactionStatus: TransactionStatus {
        state.withLock { handle in
            guard let pointer = handle.pointer else { return .unknown }
            switch PQtransactionStatus(pointer) {
            case PQTRANS_IDLE: return .idle
            case PQTRANS_ACTIVE: return .active
            case PQTRANS_INTRANS: return .inTransaction
            case PQTRANS_INERROR: return .inError
            default: return .unknown
            }
        }
    }

    /// Returns the session to the idle state for its next user, if it can: rolls back a
    /// transaction left open or failed. False when the connection must be closed instead:
    /// it is broken or interrupted, in pipeline mode, or busy (a COPY or a statement not
    /// finished), or the rollback failed.
    func resetForReuse() -> Bool {
        let reusable = try? withHandle { pointer -> Bool in
            guard PQstatus(pointer) == CONNECTION_OK, PQpipelineStatus(pointer) == PQ_PIPELINE_OFF else { return false }
            switch PQtransactionStatus(pointer) {
            case PQTRANS_IDLE:
                return true
            case PQTRANS_INTRANS, PQTRANS_INERROR:
                let result = PQexec(pointer, "ROLLBACK")
                let rolledBack = result.map { PQresultStatus($0) == PGRES_COMMAND_OK } ?? false
                PQclear(result)
                return rolledBack && PQtransactionStatus(pointer) == PQTRANS_IDLE
            default:
                return false
            }
        }
        return reusable ?? false
    }

    /// Whether the connection is in libpq's pipeline mode.
    public var isInPipelineMode: Bool {
        state.withLock { handle in
            guard let pointer = handle.pointer else { return false }
            return PQpipelineStatus(pointer) != PQ_PIPELINE_OFF
        }
    }

    /// The server's process id for this session (for `pg_terminate_backend` and logs).
    public var backendPID: Int32 {
        state.withLock { handle in handle.pointer.map { PQbackendPID($0) } ?? 0 }
    }

    /// Runs `body` with the live `PGconn` while holding the connection's lock.
    ///
    /// `body` is `@Sendable` and its result `Sendable`, so the compiler itself keeps the
    /// non-`Sendable` pointer from escaping: it cannot be captured, stored or returned.
    /// Refused while a COPY is in progress (its body sees only its writer), unless
    /// `duringCopy` says the call is the COPY's own.
    func withHandle<T: Sendable>(duringCopy: Bool = false, _ body: @Sendable (OpaquePointer) throws -> T) throws -> T {
        try checkNotInterrupted()
        return try state.withLock { handle in
            guard let pointer = handle.pointer else {
                throw PostgresError(.connection, "the connection is closed")
            }
            if handle.copyInProgress && !duringCopy { throw PostgresError.copyInProgress }
            return try body(pointer)
        }
    }

    /// Runs `body` with the live `PGconn` and its statement cache while holding the lock.
    func withSession<T: Sendable>(_ body: @Sendable (OpaquePointer, inout StatementCache) throws -> T) throws -> T {
        try checkNotInterrupted()
        return try state.withLock { handle in
            guard let pointer = handle.pointer else {
                throw PostgresError(.connection, "the connection is closed")
            }
            if handle.copyInProgress { throw PostgresError.copyInProgress }
            return try body(pointer, &handle.statements)
        }
    }

    /// Marks a COPY as begun or ended, under the connection's lock.
    func setCopyInProgress(_ value: Bool) {
        state.withLock { $0.copyInProgress = value }
    }

    private func checkNotInterrupted() throws {
        if isInterrupted {
            throw PostgresError(.cancelled, "the statement was not run: its caller was cancelled")
        }
    }

    /// The connection's last error, one line, with secrets scrubbed.
    static func errorMessage(_ pointer: OpaquePointer) -> String {
        guard let raw = PQerrorMessage(pointer) else { return "unknown libpq error" }
        let text = PostgresError.oneLine(String(cString: raw))
        return text.isEmpty ? "unknown libpq error" : text
    }

    func connectionError(_ pointer: OpaquePointer, _ prefix: String? = nil) -> PostgresError {
        var message = Connection.errorMessage(pointer)
        if let prefix { message = prefix + ": " + message }
        return PostgresError(.connection, Redaction.scrub(message, secrets: secrets))
    }
}

/// Owns a `PGconn` pointer and finishes it exactly once.
struct ConnectionHandle: ~Copyable {
    private(set) var pointer: OpaquePointer?
    /// The session's prepared statements.
    var statements = StatementCache()
    /// Whether a `copyIn` body is running: only its writer may use the connection.
    var copyInProgress = false

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    mutating func close() {
        if let pointer {
            PQfinish(pointer)
            self.pointer = nil
            statements.removeAll()
        }
    }

    deinit {
        if let pointer { PQfinish(pointer) }
    }
}

/// Owns a `PGcancel` and frees it exactly once.
///
/// `@unchecked Sendable` because a `PGcancel` is an immutable copy of the session's server
/// address and cancel key that shares no memory with the `PGconn`; libpq documents
/// `PQcancel` as safe to call from any thread, even while the connection is busy. The type
/// system cannot see that a value made from the `PGconn` pointer is independent of it.
///
/// What guards it: the one instance lives in `Connection.canceller`, a `Mutex<CancelHandle>`
/// of its own (not the statement lock), and its pointer is used only inside that mutex's
/// `withLock` (`Connection.cancel()`) and freed once in `deinit`; it is never copied
/// (`~Copyable`) or handed out.
struct CancelHandle: ~Copyable, @unchecked Sendable {
    let pointer: OpaquePointer?

    init(_ pointer: OpaquePointer?) { self.pointer = pointer }

    deinit {
        if let pointer { PQfreeCancel(pointer) }
    }
}
