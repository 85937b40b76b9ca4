import ArgumentParser
import Foundation
import PortfolioCore
import PortfolioStore

/// `portfolio project export`
struct ProjectExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export every project as CSV (the import format) or JSON.",
        discussion: "Example: portfolio project export --output portfolio.csv"
    )

    enum Format: String, ExpressibleByArgument { case csv, json }

    @OptionGroup var database: ReadDatabaseOptions
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Write to this file instead of stdout.") var output: String?

    func run() throws {
        let connection = try database.connectForReading()
        defer { connection.close() }
        let projects = try ProjectStore(connection).list()
        let text = switch format {
        case .csv: Console.csv(header: ProjectCSV.header, rows: projects.map(ProjectCSV.encode))
        case .json: try Console.json(projects)
        }
        if let output {
            try OutputFile.write(text, to: output)
            Console.note("exported \(projects.count) projects to \(output)")
        } else {
            try Console.out(text)
        }
    }
}
