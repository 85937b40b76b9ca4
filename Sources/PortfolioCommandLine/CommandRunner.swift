import ArgumentParser
import PortfolioCore
import PortfolioStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The entry point both executables share: parse, run, and turn any failure into one `error:`
/// line on stderr and the contract's exit status.
///
/// - A usage error (parsing or `validate()`) is one line naming `--help`, exit 64.
/// - `--help` and `--version` print to stdout through `write(2)`; a stdout that cannot take
///   them is an output failure like any other (74, or 141 quietly for a closed pipe).
/// - A closed pipe while running ends quietly with 141, as a tool ended by SIGPIPE would.
/// - Every other error gives its own status (`CommandFailure`) through `FailureReport`.
public enum CommandRunner {
    /// Runs `Root` (whose commands run synchronously) with the process's arguments and returns
    /// the exit status.
    ///
    /// Synchronous on purpose: closed descriptors 0–2 are reopened on `/dev/null` before anything
    /// else can open a file, which an asynchronous entry point's runtime may do first.
    public static func main<Root: ParsableCommand>(_ root: Root.Type) -> Int32 {
        StandardDescriptors.ensureOpen()
        let parsed: any ParsableCommand
        switch parse(root) {
        case .success(let command): parsed = command
        case .failure(let stop): return stop.status
        }
        do {
            var command = parsed
            try command.run()
            return ExitStatus.success.rawValue
        } catch {
            return status(for: error, root)
        }
    }

    /// Runs `Root`, an asynchronous command, with the process's arguments and returns the exit
    /// status (see `main(_:)`; the caller reopens closed descriptors first).
    public static func mainAsync<Root: AsyncParsableCommand>(_ root: Root.Type) async -> Int32 {
        let parsed: any ParsableCommand
        switch parse(root) {
        case .success(let command): parsed = command
        case .failure(let stop): return stop.status
        }
        do {
            if var command = parsed as? any AsyncParsableCommand {
                try await command.run()
            } else {
                var command = parsed
                try command.run()
            }
            return ExitStatus.success.rawValue
        } catch {
            return status(for: error, root)
        }
    }

    /// Parsing that ended the program: help or version printed, or a usage error.
    struct Stop: Error {
        let status: Int32
    }

    static func parse<Root: ParsableCommand>(_ root: Root.Type) -> Result<any ParsableCommand, Stop> {
        do {
            return .success(try root.parseAsRoot())
        } catch {
            return .failure(Stop(status: usage(error, root)))
        }
    }

    /// The exit status for an error thrown while running, after printing its line.
    static func status<Root: ParsableCommand>(for error: any Error, _ root: Root.Type) -> Int32 {
        switch error {
        case let exit as ExitCode:
            return exit.rawValue
        case let failure as OutputFailure where failure.isBrokenPipe:
            return failure.exitStatus.rawValue
        case is any CommandFailure:
            break
        default:
            // ArgumentParser's own errors (`validate()`, help requested while running) are the
            // ones it maps to a usage status or to success; every other error it maps to 1.
            let code = root.exitCode(for: error)
            if code == .success || code == .validationFailure { return usage(error, root) }
        }
        note("error: \(FailureReport.message(for: error))")
        return FailureReport.status(for: error).rawValue
    }

    /// A usage error's line and 64, or the help or version text `error` asks for and 0.
    static func usage<Root: ParsableCommand>(_ error: any Error, _ root: Root.Type) -> Int32 {
        if root.exitCode(for: error) == .success { return printHelpOrVersion(error, root) }
        let message = root.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
        note("error: \(message) (see '\(root.configuration.commandName ?? "the command") --help')")
        return ExitStatus.usage.rawValue
    }

    /// Prints `--help` or `--version` text to stdout.
    static func printHelpOrVersion<Root: ParsableCommand>(_ error: any Error, _ root: Root.Type) -> Int32 {
        let text = root.fullMessage(for: error)
        if let code = DescriptorWriter.write(text.hasSuffix("\n") ? text : text + "\n", to: STDOUT_FILENO) {
            let failure = OutputFailure(target: "standard output", code: code)
            if !failure.isBrokenPipe { note("error: \(failure.description)") }
            return failure.exitStatus.rawValue
        }
        return ExitStatus.success.rawValue
    }

    /// One line on stderr; a stderr that cannot be written is ignored (nowhere left to say so).
    static func note(_ text: String) {
        _ = DescriptorWriter.write(text + "\n", to: STDERR_FILENO)
    }
}
