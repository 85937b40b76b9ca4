import PortfolioCommandLine
import PortfolioStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses and runs the worker; failures print one `error:` line and exit with their code.
@main
enum WorkerMain {
    static func main() async {
        StandardDescriptors.ensureOpen()
        exit(await CommandRunner.mainAsync(WorkerCommand.self))
    }
}
