import Foundation
import Synchronization

/// TCP ports for servers that tests start as child processes.
///
/// Ports come from 20000–32767, below Linux's ephemeral range (32768–60999), so no outgoing
/// connection of this or any other process can be holding one by chance. Each port is handed
/// out once per test process, and only after a probe could bind it on every address
/// (`0.0.0.0`, without `SO_REUSEADDR`), so a server that binds loopback or all addresses both
/// find it free.
public enum TestPorts {
    private static let lowest = 20_000
    private static let highest = 32_767
    /// Starts at an offset from the process id, so two test runs on one machine rarely probe
    /// the same ports first.
    private static let cursor = Mutex(Int(getpid() % 600) * 20)

    /// A port no earlier call in this process returned and that could be bound a moment ago.
    public static func next() -> Int {
        let span = highest - lowest + 1
        for _ in 0..<span {
            let candidate = cursor.withLock { offset -> Int in
                defer { offset = (offset + 1) % span }
                return lowest + offset
            }
            if bindable(candidate) { return candidate }
        }
        // Every port in the range is taken: the test that uses it fails with the server's own
        // "address in use" message, which names the port.
        return lowest
    }

    private static func bindable(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = INADDR_ANY
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}
