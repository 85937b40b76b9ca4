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
    let secrets: [String]

    /// Opens a connection and sets the session up (UTC time zone, ISO dates, UTF-8).
    ///
    /// - Throws: `PostgresError` of kind `.connection` with a one-line message that never
    ///   contains the password.
    public init(configuration: ConnectionConfiguration) throws {
        secrets = configuration.secrets
        var keywords = ["dbname", "fallback_application_name"]
        var values = [configuration.connectionString, configuration.applicationName]
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
        let setup = PQexec(pointer, "SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO, YMD'; SET client_encoding TO 'UTF8'")
        let ok = setup.map { PQresultStatus($0) == PGRES_COMMAND_OK } ?? false
        PQclear(setup)
        guard ok else {
            let message = Connection.errorMessage(pointer)
            handle.close()
            throw PostgresError(.connection, Redaction.scrub(message, secrets: configuration.secrets))
        }
        state = Mutex(handle)
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
    public func close() {
        state.withLock { $0.close() }
    }

    /// Whether the connection is open and healthy as far as libpq knows.
    public var isHealthy: Bool {
        state.withLock { handle in
            guard let pointer = handle.pointer else { return false }
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

    /// The server's process id for this session (for `pg_terminate_backend` and logs).
    public var backendPID: Int32 {
        state.withLock { handle in handle.pointer.map { PQbackendPID($0) } ?? 0 }
    }

    /// Runs `body` with the live `PGconn` while holding the connection's lock.
    ///
    /// The pointer must not escape `body`.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
        try state.withLock { handle in
            guard let guarded = handle.guarded else {
                throw PostgresError(.connection, "the connection is closed")
            }
            return try body(guarded.pointer)
        }
    }

    /// Runs `body` with the live `PGconn` and its statement cache while holding the lock.
    func withSession<T>(_ body: (OpaquePointer, inout StatementCache) throws -> T) throws -> T {
        try state.withLock { handle in
            guard let guarded = handle.guarded else {
                throw PostgresError(.connection, "the connection is closed")
            }
            return try body(guarded.pointer, &handle.statements)
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

    /// The pointer, for use while the connection's mutex is held.
    var guarded: GuardedPointer? { pointer.map(GuardedPointer.init) }

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

/// A `PGconn` pointer handed to code running under the connection's mutex.
///
/// `@unchecked Sendable` because `Connection.state` (a `Mutex<ConnectionHandle>`), not the type
/// system, guards it: it is created inside `state.withLock`, used only for the duration of that
/// call, and never stored.
struct GuardedPointer: @unchecked Sendable {
    let pointer: OpaquePointer
}
