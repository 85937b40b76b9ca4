import ArgumentParser
import Foundation
import PortfolioStore

/// Parses, runs, and turns any failure into one `error:` line and its exit code.
func runPortfolio() -> Int32 {
    var command: any ParsableCommand
    do {
        command = try Portfolio.parseAsRoot()
    } catch {
        let code = Portfolio.exitCode(for: error)
        if code == .success {
            Portfolio.exit(withError: error)
        }
        let message = Portfolio.message(for: error)
            .split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
        FileHandle.standardError.write(Data("error: \(message) (see 'portfolio --help')\n".utf8))
        return ExitStatus.usage.rawValue
    }
    do {
        try command.run()
        return 0
    } catch let exit as ExitCode {
        return exit.rawValue
    } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
        // Help and version requests, and usage errors found while running.
        Portfolio.exit(withError: error)
    } catch {
        let status = FailureReport.status(for: error)
        FileHandle.standardError.write(Data("error: \(FailureReport.message(for: error))\n".utf8))
        return status.rawValue
    }
}

exit(runPortfolio())
