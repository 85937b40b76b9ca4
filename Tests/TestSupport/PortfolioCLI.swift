import Foundation

/// Runs the built `portfolio` executable against one test database, as one actor.
public struct PortfolioCLI: Sendable {
    /// The repository this file belongs to, found from its own path so any clone works.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// The absolute path of `Config/sample-portfolio.csv`.
    public static let samplePath: String = repositoryRoot.appendingPathComponent("Config/sample-portfolio.csv").path

    /// How many projects the sample holds.
    public static let sampleProjectCount = 32

    /// The database's URL, for the child's `DATABASE_URL`.
    public let url: String
    /// Who the changes are recorded as (`PORTFOLIO_ACTOR`).
    public let actor: String

    public init(_ database: TestDatabase, actor: String = "e2e-tests") {
        self.url = database.url
        self.actor = actor
    }

    public init(url: String, actor: String = "e2e-tests") {
        self.url = url
        self.actor = actor
    }

    /// The environment every run gets.
    public var environment: [String: String] {
        ["DATABASE_URL": url, "PORTFOLIO_ACTOR": actor, "PORTFOLIO_SAMPLE": PortfolioCLI.samplePath]
    }

    /// Runs `portfolio` with these arguments.
    public func run(_ arguments: [String], stdin: Data? = nil, environment extra: [String: String] = [:]) async throws -> ExecutableRun {
        try await ExecutableRun.run("portfolio", arguments, environment: environment.merging(extra) { _, new in new }, stdin: stdin)
    }

    /// Runs `portfolio` and throws unless it exits 0; returns the run for its output.
    @discardableResult
    public func succeed(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> ExecutableRun {
        let run = try await run(arguments, environment: extra)
        guard run.status == 0 else {
            throw CommandFailed(arguments: arguments, run: run)
        }
        return run
    }

    /// Loads the sample portfolio through `portfolio sample load`.
    public func loadSample() async throws {
        let run = try await succeed(["sample", "load"])
        guard run.stdout.contains("loaded \(PortfolioCLI.sampleProjectCount) sample projects") else {
            throw CommandFailed(arguments: ["sample", "load"], run: run)
        }
    }
}

/// A set-up command that should have worked did not.
public struct CommandFailed: Error, CustomStringConvertible {
    public let arguments: [String]
    public let run: ExecutableRun
    public var description: String {
        "portfolio \(arguments.joined(separator: " ")) exited \(run.status)\nstdout: \(run.stdout)\nstderr: \(run.stderr)"
    }
}

/// A folder of its own under the system's temporary folder, removed by `remove()`.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("portfolio-e2e-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// Writes a file in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ data: Data) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Writes a UTF-8 text file in the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    /// The path a file of this name would have.
    public func file(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Runs `body` with a new folder, removed afterwards.
    public static func with<T>(_ body: (TemporaryFolder) async throws -> T) async throws -> T {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        return try await body(folder)
    }
}

extension ExecutableRun {
    /// stderr split into lines (without the final empty piece).
    public var stderrLines: [String] {
        var lines = stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Everything about the run, for failure messages.
    public var summary: String {
        "exit \(status)\nstdout: \(stdout.prefix(2000))\nstderr: \(stderr.prefix(4000))"
    }
}
