import CLibPQ
import Foundation

/// A notification received through LISTEN.
public struct PostgresNotification: Sendable, Hashable {
    public let channel: String
    public let payload: String
    /// The process id of the notifying session.
    public let senderPID: Int32
}

extension Connection {
    /// Starts listening on a channel. The channel is quoted as an identifier.
    ///
    /// - Throws: `PostgresError` of kind `.usage` through a connection pooler
    ///   (`isPooled`): in transaction mode the server session that listens is not the one
    ///   that would deliver, so notifications could be lost without a sign.
    @available(*, noasync)
    public func listen(_ channel: String) throws {
        if isPooled { throw PostgresError.listenThroughPooler }
        try execute(script: "LISTEN " + quotedIdentifier(channel))
    }

    /// Stops listening on a channel.
    @available(*, noasync)
    public func unlisten(_ channel: String) throws {
        try execute(script: "UNLISTEN " + quotedIdentifier(channel))
    }

    /// Sends a notification (delivered when the current transaction commits).
    @available(*, noasync)
    public func notify(_ channel: String, payload: String = "") throws {
        try query("SELECT pg_notify($1, $2)", channel, payload)
    }

    /// Quotes a name as an SQL identifier through libpq.
    @available(*, noasync)
    public func quotedIdentifier(_ name: String) throws -> String {
        try withHandle { pointer in
            guard let escaped = PQescapeIdentifier(pointer, name, name.utf8.count) else {
                throw connectionError(pointer, "cannot quote identifier")
            }
            defer { PQfreemem(escaped) }
            return String(cString: escaped)
        }
    }

    /// Waits for the next notification on a channel this connection listens to.
    ///
    /// Waits on the connection's socket with `poll`, never sleeping in a loop. Returns nil
    /// when `timeout` passes first; throws `PostgresError` of kind `.cancelled` when
    /// `cancellation` fires, and `.connection` when the connection breaks.
    @available(*, noasync)
    public func waitForNotification(timeout: Duration, cancellation: CancellationSignal? = nil) throws -> PostgresNotification? {
        let deadline = ContinuousClock.now + timeout
        return try withHandle { pointer in
            while true {
                if let notification = Connection.nextNotification(pointer) { return notification }
                let remaining = ContinuousClock.now.duration(to: deadline)
                if remaining <= .zero { return nil }
                let socket = PQsocket(pointer)
                guard socket >= 0 else { throw connectionError(pointer, "no socket") }
                var fds = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
                if let cancellation { fds.append(pollfd(fd: cancellation.fileDescriptor, events: Int16(POLLIN), revents: 0)) }
                let millis = Int32(clamping: max(1, remaining.milliseconds))
                let ready = poll(&fds, nfds_t(fds.count), millis)
                if ready < 0 {
                    if errno == EINTR { continue }
                    throw PostgresError(.connection, "poll failed: errno \(errno)")
                }
                if fds.count > 1, fds[1].revents != 0 {
                    throw PostgresError(.cancelled, "the wait for a notification was cancelled")
                }
                if fds[0].revents != 0 {
                    guard PQconsumeInput(pointer) == 1 else { throw connectionError(pointer) }
                }
            }
        }
    }

    /// Drains input already on the socket and returns the first queued notification.
    static func nextNotification(_ pointer: OpaquePointer) -> PostgresNotification? {
        _ = PQconsumeInput(pointer)
        guard let raw = PQnotifies(pointer) else { return nil }
        defer { PQfreemem(raw) }
        let event = raw.pointee
        return PostgresNotification(
            channel: event.relname.map { String(cString: $0) } ?? "",
            payload: event.extra.map { String(cString: $0) } ?? "",
            senderPID: event.be_pid)
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}

extension PostgresError {
    /// LISTEN asked of a session that goes through a connection pooler.
    public static let listenThroughPooler = PostgresError(
        .usage, "LISTEN needs a direct connection to PostgreSQL, and this one goes through a connection pooler")
}
