import Foundation
import Postgres

/// Debian's PgBouncer in front of the test cluster, on a loopback port of its own, for as long
/// as the value lives (or until `stop()`). Run as the `postgres` user when the tests run as
/// root, since PgBouncer refuses root.
public final class PgBouncer: Sendable {
    /// PgBouncer's `pool_mode`.
    public enum Mode: String, Sendable {
        /// A server session per client session.
        case session
        /// A server session per transaction: statements outside a transaction block, and each
        /// transaction, may run on a different server session.
        case transaction
    }

    /// The executable, when installed (Scripts/test.sh installs it as root).
    public static var binary: String? {
        ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public let port: Int
    public let mode: Mode
    private let folder: URL
    private let process: Process

    /// Starts PgBouncer and waits until it lets a client through to the cluster.
    ///
    /// - Parameter poolSize: server sessions per database and user (`default_pool_size`).
    public init(mode: Mode, poolSize: Int = 4) async throws {
        guard let binary = PgBouncer.binary else { throw PgBouncerError("pgbouncer is not installed") }
        self.mode = mode
        port = TestPorts.next()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("portfolio-pgbouncer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        let users = folder.appendingPathComponent("users.txt")
        try "\"postgres\" \"\"\n".write(to: users, atomically: true, encoding: .utf8)
        let configuration = folder.appendingPathComponent("pgbouncer.ini")
        try """
        [databases]
        * = host=127.0.0.1 port=\(TestCluster.port)
        [pgbouncer]
        listen_addr = 127.0.0.1
        listen_port = \(port)
        unix_socket_dir =
        auth_type = trust
        auth_file = \(users.path)
        pool_mode = \(mode.rawValue)
        default_pool_size = \(poolSize)
        max_client_conn = 500
        logfile = \(folder.appendingPathComponent("pgbouncer.log").path)
        pidfile = \(folder.appendingPathComponent("pgbouncer.pid").path)

        """.write(to: configuration, atomically: true, encoding: .utf8)
        for file in [users, configuration] {
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        }
        let process = Process()
        if getuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--", binary, configuration.path]
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [configuration.path]
        }
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let ready = try? await Blocking.run { [port] () -> Bool in
                let connection = try Connection(configuration: ConnectionConfiguration(
                    "postgresql://postgres@127.0.0.1:\(port)/postgres?sslmode=disable&connect_timeout=2"))
                defer { connection.close() }
                return try connection.query("SELECT 1").scalar(Int.self) == 1
            }
            if ready == true { break }
            guard ContinuousClock.now < deadline, process.isRunning else {
                stop()
                throw PgBouncerError("pgbouncer did not start: \(log)")
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// A URL for `database` through PgBouncer.
    public func url(database: String) -> String {
        "postgresql://postgres@127.0.0.1:\(port)/\(database)?sslmode=disable&connect_timeout=5"
    }

    /// What PgBouncer logged.
    public var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("pgbouncer.log"), encoding: .utf8)) ?? ""
    }

    /// Stops PgBouncer and removes its files. Stopping twice is harmless.
    public func stop() {
        if let text = try? String(contentsOf: folder.appendingPathComponent("pgbouncer.pid"), encoding: .utf8),
           let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            kill(pid, SIGINT)
        }
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }
}

public struct PgBouncerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
