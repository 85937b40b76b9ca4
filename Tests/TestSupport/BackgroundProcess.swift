import Foundation
import Synchronization

/// A built executable running in the background, with its stderr collected.
public final class BackgroundProcess: Sendable {
    private let process: Process
    private final class Buffer: Sendable { let data = Mutex(Data()) }
    private let errors = Buffer()

    /// Starts `name` from the package's build folder with extra environment.
    public init(_ name: String, _ arguments: [String], environment: [String: String]) throws {
        let process = Process()
        process.executableURL = ExecutableRun.binDirectory.appendingPathComponent(name)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DATABASE_URL")
        env.merge(environment) { _, new in new }
        process.environment = env
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = FileHandle.nullDevice
        self.process = process
        let box = errors
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let chunk = handle.availableData
            if !chunk.isEmpty { box.data.withLock { $0.append(chunk) } }
        }
        try process.run()
    }

    public var pid: Int32 { process.processIdentifier }
    public var isRunning: Bool { process.isRunning }
    public var stderr: String { String(decoding: errors.data.withLock { $0 }, as: UTF8.self) }

    /// Sends a signal.
    public func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for the process to end, up to `timeout`; returns its exit status, or nil if it
    /// is still running (it is then killed).
    public func wait(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                return nil
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
