import ArgumentParser
import Foundation
import Postgres
import PortfolioCore
import PortfolioJobs
import PortfolioStore

/// Where a read-only command reads: a replica (`--database-read-url`, else `DATABASE_READ_URL`)
/// when one is given, else the primary. A replica further behind than `--max-lag`
/// (`PORTFOLIO_MAX_LAG`) is refused (exit 69), or left for the primary with `--on-lag primary`
/// (`PORTFOLIO_ON_LAG`); how far behind it was is said on stderr.
struct ReadDatabaseOptions: ParsableArguments {
    @OptionGroup var primary: DatabaseOptions
    @Option(name: .customLong("database-read-url"), help: ArgumentHelp(
        "A replica to read from; defaults to DATABASE_READ_URL, else the primary.", valueName: "url"))
    var databaseReadURL: String?
    @Option(name: .customLong("max-lag"), help: ArgumentHelp(
        "The most a replica may be behind, such as 5s (default PORTFOLIO_MAX_LAG, else no limit).", valueName: "duration"))
    var maxLag: String?
    @Option(name: .customLong("on-lag"), help: ArgumentHelp(
        "When the replica is further behind: fail (exit 69, the default) or primary (read there).", valueName: "fail|primary"))
    var onLag: String?

    /// A replica further behind than allowed.
    struct ReplicaBehind: CommandFailure {
        let milliseconds: Int
        let limit: String
        var exitStatus: ExitStatus { .unavailable }
        var description: String {
            "the replica is \(ReadDatabaseOptions.seconds(milliseconds)) s behind the primary, more than --max-lag \(limit); "
                + "retry later, or read from the primary with --on-lag primary"
        }
    }

    /// Milliseconds as seconds with one decimal: 12345 as 12.3.
    static func seconds(_ milliseconds: Int) -> String {
        "\(milliseconds / 1000).\((milliseconds % 1000) / 100)"
    }

    /// A connection for reading, on the replica when it is near enough.
    func connectForReading() throws -> Connection {
        let environment = ProcessInfo.processInfo.environment
        guard let url = databaseReadURL ?? environment["DATABASE_READ_URL"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            return try primary.connect()
        }
        let limitText = maxLag ?? environment["PORTFOLIO_MAX_LAG"]
        let limit = try limitText.map { text in
            switch DurationText.parse(text) {
            case .success(let duration): return Int(duration.components.seconds) * 1000 + Int(duration.components.attoseconds / 1_000_000_000_000_000)
            case .failure(let error): throw InputError.invalid("--max-lag", error.message)
            }
        }
        let fallBack: Bool
        switch onLag ?? environment["PORTFOLIO_ON_LAG"] ?? "fail" {
        case "fail": fallBack = false
        case "primary": fallBack = true
        case let other: throw InputError.invalid("--on-lag", "fail or primary, not \(other.debugDescription)")
        }
        StandardDescriptors.ensureOpen()
        let replica = try Connection(configuration: ConnectionConfiguration(url, applicationName: "portfolio"))
        do {
            try Migrator().requireCurrent(replica)
            let (standby, lag) = try replica.one(ReplicationLag())
            if let limit, let limitText, lag > limit {
                guard fallBack else { throw ReplicaBehind(milliseconds: lag, limit: limitText) }
                replica.close()
                Console.note("the replica is \(Self.seconds(lag)) s behind, more than --max-lag \(limitText); reading from the primary")
                return try primary.connect()
            }
            Console.note(standby ? "read from a replica \(Self.seconds(lag)) s behind the primary" : "read from the read URL, which is a primary")
            return replica
        } catch {
            replica.close()
            throw error
        }
    }
}
