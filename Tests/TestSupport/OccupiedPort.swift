import Foundation

/// A loopback TCP port this process listens on (the system picks it), so that nothing else
/// can; closed when released.
public final class OccupiedPort: Sendable {
    public let port: Int
    private let descriptor: Int32

    public init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard descriptor >= 0, bound else {
            let code = errno
            if descriptor >= 0 { close(descriptor) }
            throw OccupiedPortError(errno: code)
        }
        self.descriptor = descriptor
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// A port that was free a moment ago, never handed out before in this process
    /// (see ``TestPorts``).
    public static func free() throws -> Int { TestPorts.next() }

    deinit { close(descriptor) }
}

public struct OccupiedPortError: Error, CustomStringConvertible {
    public let errno: Int32
    public var description: String { "could not listen on a loopback port: errno \(errno)" }
}
