import Foundation
import Testing
import TestSupport

/// The blocking `Connection` API is refused by the compiler in async code, where it would
/// stall a thread of Swift's cooperative pool; the pool's path stays open.
@Suite("Blocking API from async code")
struct NoAsyncTests {
    static let blockingCalls = [
        #"try c.query("SELECT 1")"#,
        #"try c.query("SELECT $1::int", 1)"#,
        #"try c.query("SELECT 1", [PostgresBind]())"#,
        #"try c.execute(script: "SELECT 1")"#,
        #"_ = try c.transaction { _ in 1 }"#,
        #"_ = try c.copyIn("COPY t FROM STDIN") { _ in }"#,
        #"_ = try c.copyOut("COPY t TO STDOUT") { _ in }"#,
        #"_ = try c.executeBatch("SELECT 1", types: [], rows: [])"#,
        #"try c.listen("x")"#,
        #"try c.unlisten("x")"#,
        #"try c.notify("x")"#,
        #"_ = try c.quotedIdentifier("x")"#,
        #"_ = try c.waitForNotification(timeout: .seconds(1))"#,
        #"try c.cancel()"#,
    ]

    /// Type-checks `source` against the built `Postgres` module; returns the exit status and
    /// the compiler's diagnostics.
    static func typecheck(_ source: String) throws -> (status: Int32, output: String) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("noasync-\(UUID().uuidString).swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "swiftc", "-swift-version", "6", "-typecheck",
            "-I", ExecutableRun.binDirectory.appendingPathComponent("Modules").path,
            "-Xcc", "-fmodule-map-file=" + root.appendingPathComponent("Sources/CLibPQ/module.modulemap").path,
            "-Xcc", "-I/usr/include/postgresql",
            file.path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }

    @Test("each blocking call in an async function is a compile error")
    func refusedInAsync() async throws {
        let body = NoAsyncTests.blockingCalls.map { "    \($0)" }.joined(separator: "\n")
        let source = "import Postgres\nfunc blocked(_ c: Connection) async throws {\n\(body)\n}\n"
        let (status, output) = try await Blocking.run { try NoAsyncTests.typecheck(source) }
        #expect(status != 0)
        let refusals = output.split(separator: "\n").filter { $0.contains("error: ") && $0.contains("unavailable from asynchronous contexts") }
        for (index, call) in NoAsyncTests.blockingCalls.enumerated() {
            // Line 3 holds the first call.
            #expect(refusals.contains { $0.contains(".swift:\(index + 3):") }, "\(call)\n\(output)")
        }
    }

    @Test("the same calls compile in synchronous code and in a pool body")
    func allowedOffAsync() async throws {
        let body = NoAsyncTests.blockingCalls.map { "    \($0)" }.joined(separator: "\n")
        let source = """
            import Postgres
            func direct(_ c: Connection) throws {
            \(body)
            }
            func pooled(_ pool: ConnectionPool) async throws {
                try await pool.withConnection { c in
                    try direct(c)
                    _ = try c.query("SELECT 1")
                }
            }
            """
        let (status, output) = try await Blocking.run { try NoAsyncTests.typecheck(source) }
        #expect(status == 0, "\(output)")
    }
}
