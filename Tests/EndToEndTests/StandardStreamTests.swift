import Foundation
import Testing
import TestSupport

/// What the CLI does when its standard output cannot be written or is closed.
@Suite("Standard streams")
struct StandardStreamTests {
    @Test("a full disk on stdout is exit 74 with one error line, for data, help and version alike",
          arguments: [["project", "list"], ["project", "export"], ["report", "sectors", "--format", "html"],
                      ["fx", "list", "--format", "json"], ["--help"], ["--version"], ["project", "add", "--help"]])
    func fullDisk(arguments: [String]) async throws {
        try await withSampleDatabase { _, cli in
            let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
            let run = try await ExecutableRun.shell("exec \"$PORTFOLIO\" \(quoted) >/dev/full", environment: cli.environment)
            #expect(run.status == 74, "\(arguments): \(run.summary)")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines.first?.hasPrefix("error: cannot write standard output: No space left on device") == true,
                    "\(arguments): \(run.stderr)")
        }
    }

    @Test("a reader that has gone (EPIPE, SIGPIPE ignored) ends the command quietly with 141",
          arguments: [["project", "export"], ["report", "sectors", "--format", "html"], ["project", "list", "--format", "json"], ["--help"]])
    func closedPipe(arguments: [String]) async throws {
        try await withSampleDatabase { _, cli in
            let run = try await ExecutableRun.withClosedStdout("portfolio", arguments, environment: cli.environment)
            #expect(run.status == 141, "\(arguments): \(run.summary)")
            #expect(run.stderr.isEmpty, "\(arguments): \(run.stderr)")
        }
    }

    /// The server's log file: `log/postgres.log` beside the data folder, where
    /// Scripts/postgres.sh puts it.
    static func serverLog() async throws -> String? {
        let data = try await TestCluster.admin.withConnection { c in try c.query("SHOW data_directory").scalar(String.self) }
        let path = (data as NSString).deletingLastPathComponent + "/log/postgres.log"
        return FileManager.default.isReadableFile(atPath: path) ? path : nil
    }

    @Test("with stdout or stderr closed, what the command prints never reaches the database connection",
          arguments: [(["project", "list"], ">&-"), (["report", "sectors", "--format", "csv"], ">&-"),
                      (["project", "show", "NO-SUCH-CODE"], "2>&-"), (["project", "export"], "<&- >&-")])
    func closedStdoutNeverReachesTheServer(arguments: [String], redirection: String) async throws {
        guard let log = try await Self.serverLog(), let handle = FileHandle(forReadingAtPath: log) else {
            print("skipped: the server log is not readable from the tests (a cluster not started by Scripts/postgres.sh)")
            return
        }
        defer { try? handle.close() }
        try await withSampleDatabase { _, cli in
            let start = try handle.seekToEnd()
            let quoted = arguments.map { "'\($0)'" }.joined(separator: " ")
            let run = try await ExecutableRun.shell("exec \"$PORTFOLIO\" \(quoted) \(redirection)", environment: cli.environment)
            #expect(run.status == 0 || run.status == 65, "\(run.summary)")
            // The server writes its complaint when it reads the stray bytes; a later command's
            // round trip makes sure it has.
            _ = try await cli.run(["sector", "list"])
            try handle.seek(toOffset: start)
            let added = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
            let complaints = ["invalid frontend message type", "invalid message length", "unexpected message type"]
            #expect(!complaints.contains { added.contains($0) }, "the server read the command's output: \(added.prefix(500))")
        }
    }

    @Test("with stdout closed, migrate's progress lines cannot reach the database connection")
    func closedStdoutMigrate() async throws {
        // Before the fix the connection took descriptor 1: "applied 1: …" went into the socket
        // and the next migration failed on a broken protocol.
        try await TestDatabase.with(migrated: false) { db in
            let cli = PortfolioCLI(db)
            let run = try await ExecutableRun.shell("exec \"$PORTFOLIO\" migrate >&-", environment: cli.environment)
            #expect(run.status == 0, "\(run.summary)")
            #expect(run.stderr.isEmpty, "\(run.stderr)")
            let again = try await cli.run(["migrate"])
            #expect(again.status == 0 && again.stdout.contains("nothing to apply"), "\(again.summary)")
        }
    }

    @Test("closed stdin, stdout or stderr: each command still works and reports through what is open",
          arguments: ["<&-", ">&-", "2>&-", "<&- >&- 2>&-"])
    func closedDescriptors(redirection: String) async throws {
        try await withSampleDatabase { _, cli in
            let ok = try await ExecutableRun.shell(
                "\"$PORTFOLIO\" status set ILL-AG-05 committed --note signed \(redirection) && \"$PORTFOLIO\" status history ILL-AG-05 --format json",
                environment: cli.environment)
            #expect(ok.status == 0, "\(redirection): \(ok.summary)")
            #expect(ok.stdout.contains("\"committed\""), "\(redirection): \(ok.stdout)")
            let refused = try await ExecutableRun.shell("exec \"$PORTFOLIO\" project show NO-SUCH-CODE \(redirection)", environment: cli.environment)
            #expect(refused.status == 65, "\(redirection): \(refused.summary)")
        }
    }
}
