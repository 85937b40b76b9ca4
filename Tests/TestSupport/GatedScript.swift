import Foundation

/// A scenario script of `Scripts/` run as a test on machines with the time: the script's own
/// exit status is the verdict.
public enum GatedScript {
    /// Runs `Scripts/NAME` with `arguments` from the repository's root; returns its exit status.
    public static func run(_ name: String, _ arguments: [String] = ["--quick"]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [PortfolioCLI.repositoryRoot.appendingPathComponent("Scripts/" + name).path] + arguments
        process.currentDirectoryURL = PortfolioCLI.repositoryRoot
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
