import ArgumentParser
import PortfolioCore
import PortfolioStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses, runs, and turns any failure into one `error:` line and its exit code.
func runPortfolio() -> Int32 {
    StandardDescriptors.ensureOpen()
    var command: any ParsableCommand
    do {
        command = try Portfolio.parseAsRoot()
    } catch {
        let code = Portfolio.exitCode(for: error)
        if code == .success {
            return printHelpOrVersion(error)
        }
        let message = Portfolio.message(for: error)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
        Console.note("error: \(message) (see 'portfolio --help')")
        return ExitStatus.usage.rawValue
    }
    do {
        try command.run()
        return 0
    } catch let exit as ExitCode {
        return exit.rawValue
    } catch let failure as OutputFailure where failure.isBrokenPipe {
        // The reader has gone (`portfolio report | head`): end quietly, as SIGPIPE would.
        return failure.exitStatus.rawValue
    } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
        // Usage errors found while running (`validate()`).
        let code = Portfolio.exitCode(for: error)
        if code == .success { return printHelpOrVersion(error) }
        let message = Portfolio.message(for: error)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
        Console.note("error: \(message) (see 'portfolio --help')")
        return ExitStatus.usage.rawValue
    } catch {
        let status = FailureReport.status(for: error)
        Console.note("error: \(FailureReport.message(for: error))")
        return status.rawValue
    }
}

/// Prints `--help` or `--version` text to stdout; a stdout that cannot take it is an output
/// failure like any other.
func printHelpOrVersion(_ error: any Error) -> Int32 {
    let text = Portfolio.fullMessage(for: error)
    do {
        try Console.out(text.hasSuffix("\n") ? text : text + "\n")
        return 0
    } catch {
        if !error.isBrokenPipe { Console.note("error: \(error.description)") }
        return error.exitStatus.rawValue
    }
}

exit(runPortfolio())
