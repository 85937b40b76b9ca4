import Foundation
import Synchronization

/// A loopback TCP proxy in front of a server that can stop forwarding without closing
/// anything, as a network link that drops every packet looks to both ends.
///
/// While blackholed it neither accepts new connections (the kernel still completes their
/// handshake, so a client waits for the server's first answer) nor moves bytes on open ones.
public final class TCPProxy: Sendable {
    /// The port the proxy listens on, on 127.0.0.1.
    public let port: UInt16
    private let listener: Int32
    private let target: UInt16
    private struct State {
        var forwarding: Bool
        var stopped = false
        var sockets: Set<Int32> = []
    }
    private let state: Mutex<State>

    /// Starts a proxy to `127.0.0.1:targetPort`, forwarding or already blackholed.
    public init(to targetPort: UInt16, forwarding: Bool = true) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProxyError("socket failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ProxyError("bind/listen failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = UInt16(bigEndian: address.sin_port)
        listener = fd
        target = targetPort
        state = Mutex(State(forwarding: forwarding))
        let proxy = self
        Thread.detachNewThread { proxy.acceptLoop() }
    }

    /// Stops moving bytes and accepting connections; nothing is closed.
    public func blackhole() { state.withLock { $0.forwarding = false } }

    /// Forwards again.
    public func restore() { state.withLock { $0.forwarding = true } }

    /// Whether bytes wait on a proxied connection that a blackholed proxy has not moved (a
    /// statement sent into the dead link, for one).
    public var holdsUnforwardedBytes: Bool {
        let sockets = state.withLock { Array($0.sockets) }
        var fds = sockets.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        return !fds.isEmpty && poll(&fds, nfds_t(fds.count), 0) > 0
    }

    /// Ends every proxied connection (both ends see end of file) and the accept loop; the
    /// listener closes when the proxy is released. Call it when done.
    public func stop() {
        let sockets = state.withLock { state -> Set<Int32> in
            state.stopped = true
            return state.sockets
        }
        for fd in sockets { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit {
        stop()
        close(listener)
    }

    private var isForwarding: Bool { state.withLock { $0.forwarding && !$0.stopped } }
    private var isStopped: Bool { state.withLock { $0.stopped } }

    private func acceptLoop() {
        while !isStopped {
            guard isForwarding else {
                usleep(20_000)
                continue
            }
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 50) > 0, isForwarding else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            guard let upstream = connectUpstream() else {
                close(client)
                continue
            }
            let registered = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.sockets.formUnion([client, upstream])
                return true
            }
            guard registered else {
                close(client)
                close(upstream)
                continue
            }
            let pair = SocketPair()
            let proxy = self
            Thread.detachNewThread { proxy.pump(from: client, to: upstream, pair: pair) }
            Thread.detachNewThread { proxy.pump(from: upstream, to: client, pair: pair) }
        }
    }

    private func connectUpstream() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = target.bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    private func pump(from source: Int32, to destination: Int32, pair: SocketPair) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        loop: while !isStopped {
            guard isForwarding else {
                usleep(20_000)
                continue
            }
            var fds = [pollfd(fd: source, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 1, 50) > 0, isForwarding else { continue }
            let count = read(source, &buffer, buffer.count)
            if count <= 0 { break }
            var sent = 0
            while sent < count {
                // MSG_NOSIGNAL: a peer that has gone is EPIPE here, never a SIGPIPE that would end
                // the whole test process.
                let written = buffer[sent..<count].withUnsafeBytes { send(destination, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { break loop }
                sent += written
            }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
        if pair.finishOne() {
            state.withLock { state in
                state.sockets.remove(source)
                state.sockets.remove(destination)
            }
            close(source)
            close(destination)
        }
    }
}

/// Two sockets closed when both of their pumps have ended.
private final class SocketPair: Sendable {
    private let ended = Mutex(0)

    /// Records one pump's end; true for the second.
    func finishOne() -> Bool {
        ended.withLock { count in
            count += 1
            return count == 2
        }
    }
}

struct ProxyError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
