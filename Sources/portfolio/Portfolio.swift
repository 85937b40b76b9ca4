import ArgumentParser
import PortfolioStore

/// The admin CLI.
struct Portfolio: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "Track a portfolio of financed investment projects.",
        discussion: """
            Connects to PostgreSQL through DATABASE_URL (or libpq's PG* variables).
            Exit codes: 0 ok, 64 usage, 65 invalid data, 66 missing input, 69 database
            unavailable or not migrated, 70 internal error, 74 output not written, 75 concurrent
            change or timeout (retry), 77 permission denied, 141 stdout closed by its reader.
            """,
        version: PortfolioVersion.current,
        subcommands: [
            MigrateCommand.self, ProjectCommand.self, StatusCommand.self, LenderCommand.self, SectorCommand.self,
            FXCommand.self, TargetCommand.self, TxCommand.self, SampleCommand.self, JobsCommand.self, ReportCommand.self,
            RollupCommand.self, ExportCommand.self, ImportCommand.self, TokenCommand.self,
        ]
    )
}
