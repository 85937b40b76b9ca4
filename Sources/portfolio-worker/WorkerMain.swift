import ArgumentParser
import Foundation
import PortfolioStore
import PortfolioCore

/// Parses and runs the worker; failures print one `error:` line and exit with their code.
@main
enum WorkerMain {
    static func main() async {
        StandardDescriptors.ensureOpen()
        let parsed: any ParsableCommand
        do {
            parsed = try WorkerCommand.parseAsRoot()
        } catch {
            let code = WorkerCommand.exitCode(for: error)
            if code == .success { WorkerCommand.exit(withError: error) }
            let message = WorkerCommand.message(for: error).split(whereSeparator: \.isNewline).first.map(String.init) ?? "invalid usage"
            _ = DescriptorWriter.write("error: \(message) (see 'portfolio-worker --help')\n", to: STDERR_FILENO)
            exit(ExitStatus.usage.rawValue)
        }
        guard let command = parsed as? WorkerCommand else {
            // Help and version requests come back as their own commands.
            do {
                var other = parsed
                try other.run()
            } catch {
                WorkerCommand.exit(withError: error)
            }
            exit(0)
        }
        do {
            try await command.run()
            exit(0)
        } catch where String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
            WorkerCommand.exit(withError: error)
        } catch {
            _ = DescriptorWriter.write("error: \(FailureReport.message(for: error))\n", to: STDERR_FILENO)
            exit(FailureReport.status(for: error).rawValue)
        }
    }
}
