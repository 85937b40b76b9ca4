import PortfolioCommandLine
import PortfolioStore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses and runs the server; failures print one `error:` line and exit with their code.
@main
enum ServerMain {
    static func main() async {
        StandardDescriptors.ensureOpen()
        exit(await CommandRunner.mainAsync(ServerCommand.self))
    }
}
