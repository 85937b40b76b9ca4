import Foundation
import PortfolioJobs
import PortfolioStore
import PortfolioCore

extension ListenAddress {
    /// Resolves the host as the HTTP listener does (the first TCP address `getaddrinfo` gives),
    /// then binds and listens on it once and closes it again, so that an address the listener
    /// could not take is refused before the worker starts.
    ///
    /// - Parameter allowInUse: true when nothing will listen (`--once`): an address another
    ///   process holds is valid, only impossible or non-local ones are refused.
    /// - Returns: the resolved numeric address, for the listener to bind the very same one.
    /// - Throws: `ListenFailure`.
    public func checkListenable(allowInUse: Bool = false) throws -> ListenAddress {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Self.streamType
        hints.ai_protocol = Int32(IPPROTO_TCP)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        defer { if let list { freeaddrinfo(list) } }
        guard status == 0, let info = list?.pointee, let socketAddress = info.ai_addr else {
            let reason = status == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(status))
            throw ListenFailure(reason: .unresolvable, address: self, detail: "the host name does not resolve (\(reason))")
        }
        let resolved = ListenAddress(host: try Self.numericHost(socketAddress, length: info.ai_addrlen, of: self), port: port)

        let descriptor = socket(info.ai_family, Self.streamType, 0)
        guard descriptor >= 0 else { throw ListenFailure(errno: errno, address: self) }
        defer { close(descriptor) }
        // As the listener does, so a port left in TIME_WAIT by a previous run is not "in use".
        var one: Int32 = 1
        _ = setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        if bind(descriptor, socketAddress, info.ai_addrlen) != 0 || listen(descriptor, 1) != 0 {
            let code = errno
            if allowInUse && code == EADDRINUSE { return resolved }
            throw ListenFailure(errno: code, address: self)
        }
        return resolved
    }

    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    static let streamType = SOCK_STREAM
    #endif

    /// The numeric form of a resolved address, e.g. `127.0.0.1` or `::1`.
    static func numericHost(_ address: UnsafePointer<sockaddr>, length: socklen_t, of original: ListenAddress) throws -> String {
        var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let status = getnameinfo(address, length, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST)
        guard status == 0 else {
            throw ListenFailure(reason: .unresolvable, address: original, detail: "the address does not resolve (\(String(cString: gai_strerror(status))))")
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// The HTTP listener cannot take its address: exits 64 for an address that is impossible
/// here (not resolvable, not this machine's), 69 when another process holds it, 77 for a port
/// this process may not take.
public struct ListenFailure: CommandFailure, Equatable {
    public enum Reason: Sendable, Equatable {
        /// The host name does not resolve.
        case unresolvable
        /// No interface of this machine has the address.
        case notLocal
        /// Another process listens there.
        case inUse
        /// The port needs privileges this process lacks.
        case permission
        /// This machine has no such address family (e.g. IPv6 turned off).
        case unsupported
        /// Any other failure of the system.
        case other
    }

    public let reason: Reason
    public let address: ListenAddress
    public let detail: String

    public init(reason: Reason, address: ListenAddress, detail: String) {
        self.reason = reason
        self.address = address
        self.detail = detail
    }

    /// The failure a `bind` or `listen` error number means.
    public init(errno code: Int32, address: ListenAddress) {
        let system = String(cString: strerror(code))
        switch code {
        case EADDRINUSE:
            self.init(reason: .inUse, address: address,
                      detail: "the address is in use by another process (a second worker needs --http-address off or a port of its own)")
        case EADDRNOTAVAIL:
            self.init(reason: .notLocal, address: address, detail: "the address is not one of this machine's (\(system))")
        case EACCES, EPERM:
            self.init(reason: .permission, address: address, detail: "permission denied (ports below 1024 need privileges)")
        case EAFNOSUPPORT, EPROTONOSUPPORT:
            self.init(reason: .unsupported, address: address, detail: "this machine does not support the address family (\(system))")
        default:
            self.init(reason: .other, address: address, detail: system)
        }
    }

    public var exitStatus: ExitStatus {
        switch reason {
        case .inUse, .other: .unavailable
        case .permission: .noPermission
        case .unresolvable, .notLocal, .unsupported: .usage
        }
    }

    public var description: String {
        "\(WorkerSetting.httpAddress): cannot listen on \(address): \(detail)"
    }
}
