import Foundation
import Synchronization

/// Runs a built executable of the package and captures what it did.
public struct ExecutableRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// The folder holding the built executables: `PORTFOLIO_BIN_DIR`, or the test bundle's.
    public static var binDirectory: URL {
        if let dir = ProcessInfo.processInfo.environment["PORTFOLIO_BIN_DIR"] {
            return URL(fileURLWithPath: dir)
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("portfolio").path) {
                return url
            }
        }
        return URL(fileURLWithPath: ".build/debug")
    }

    /// Runs `name` with arguments and an environment added to this process's (minus
    /// `DATABASE_URL` unless given), with optional standard input, waiting on a thread of its
    /// own.
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:],
        stdin: Data? = nil, removing: [String] = []
    ) async throws -> ExecutableRun {
        try await Blocking.run { try runBlocking(name, arguments, environment: environment, stdin: stdin, removing: removing) }
    }

    static func runBlocking(
        _ name: String, _ arguments: [String], environment: [String: String],
        stdin: Data?, removing: [String]
    ) throws -> ExecutableRun {
        let process = Process()
        process.executableURL = binDirectory.appendingPathComponent(name)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DATABASE_URL")
        for key in removing { env.removeValue(forKey: key) }
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let writer = Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        let errBox = Mutex(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            let data = err.fileHandleForReading.readDataToEndOfFile()
            errBox.withLock { $0 = data }
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let errData = errBox.withLock { $0 }
        return ExecutableRun(
            status: process.terminationStatus,
            stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
