import Foundation

extension ExecutableRun {
    /// Runs a `/bin/sh` script with `$PORTFOLIO` and `$PORTFOLIO_WORKER` naming the built
    /// executables, for redirections the other runners cannot make (`>&-`, `>/dev/full`).
    public static func shell(_ script: String, environment: [String: String] = [:]) async throws -> ExecutableRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DATABASE_URL")
        env["PORTFOLIO"] = binDirectory.appendingPathComponent("portfolio").path
        env["PORTFOLIO_WORKER"] = binDirectory.appendingPathComponent("portfolio-worker").path
        env.merge(environment) { _, new in new }
        process.environment = env
        return try await Blocking.run { try capture(process) }
    }

    /// Runs `name` with SIGPIPE ignored and its stdout on a pipe whose reading end is already
    /// closed, so that its first write fails with `EPIPE`; stderr is captured.
    public static func withClosedStdout(_ name: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> ExecutableRun {
        try await Blocking.run { try withClosedStdoutBlocking(name, arguments, environment: environment) }
    }

    static func withClosedStdoutBlocking(_ name: String, _ arguments: [String], environment: [String: String]) throws -> ExecutableRun {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw POSIXError(.EMFILE) }
        close(ends[0])
        let writer = FileHandle(fileDescriptor: ends[1], closeOnDealloc: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' PIPE; exec \"$0\" \"$@\"", binDirectory.appendingPathComponent(name).path] + arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DATABASE_URL")
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardOutput = writer
        let err = Pipe()
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? writer.close()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return ExecutableRun(status: process.terminationStatus, stdout: "", stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a prepared process with stdout and stderr captured and stdin empty.
    static func capture(_ process: Process) throws -> ExecutableRun {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let errBox = ErrorBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errBox.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ExecutableRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errBox.get(), as: UTF8.self))
    }
}

import Synchronization

private final class ErrorBox: Sendable {
    private let data = Mutex(Data())
    func set(_ value: Data) { data.withLock { $0 = value } }
    func get() -> Data { data.withLock { $0 } }
}
