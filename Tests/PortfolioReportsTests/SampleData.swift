import CSV
import Foundation
import PortfolioCore
import PortfolioReports
import Testing

/// The sample portfolio of `Config/sample-portfolio.csv`, its rollup and a hand-made trend.
enum SampleData {
    /// 2026-11-29, the date every golden report is as of.
    static let asOf: LocalDate = (try? LocalDate.parse("2026-11-29")) ?? .earliest

    /// The repository's `Config/sample-portfolio.csv`, found from this file's path.
    static var csvPath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Config/sample-portfolio.csv").path
    }

    /// Reads and validates every project of the sample file; any bad record is an error.
    static func inputs() throws -> [RollupInput] {
        var reader = try CSVReader(path: csvPath)
        guard case .success(let header)? = reader.next() else {
            throw DomainError("\(csvPath) has no header")
        }
        let csv = try ProjectCSV(header: header.fields)
        var inputs: [RollupInput] = []
        while let result = reader.next() {
            let record = try result.get()
            let project = try csv.decodeValidated(record).get()
            inputs.append(RollupInput(project))
        }
        return inputs
    }

    /// The sample's rollup in USD against the default target, as of 2026-11-29.
    static func rollup() throws -> Rollup {
        try RollupCalculator.compute(inputs: inputs(), fx: FXTable(), currency: .usd, target: .default, asOf: asOf)
    }

    /// The report of `kind` of the sample rollup.
    static func report(_ kind: ReportKind) throws -> Report {
        try Report(kind, of: rollup())
    }

    /// Three snapshots: two months before and the sample as it stands, given newest first to check sorting.
    static func trendPoints() throws -> [TrendPoint] {
        [
            try point("2026-11-29T02:00:00Z", "2026-11-29", "manual", total: 800_000_000_000, counted: 783_540_000_000, projects: 32),
            try point("2026-09-30T02:00:00Z", "2026-09-30", "periodic", total: 770_000_000_000, counted: 735_000_000_000, projects: 30),
            try point("2026-10-31T02:15:30Z", "2026-10-31", "change", total: 787_150_000_000, counted: 760_025_000_000, projects: 31),
        ]
    }

    /// The trend report of `trendPoints()`.
    static func trend() throws -> Report {
        try Report(trend: trendPoints(), currency: .usd, asOf: asOf)
    }

    /// A point with USD amounts in cents against the default target.
    static func point(
        _ takenAt: String, _ asOf: String, _ trigger: String, total: Int128, counted: Int128, projects: Int
    ) throws -> TrendPoint {
        try TrendPoint(
            takenAt: Date(takenAt, strategy: .iso8601), asOf: LocalDate.parse(asOf), trigger: trigger,
            total: Money(minorUnits: total, currency: .usd), counted: Money(minorUnits: counted, currency: .usd),
            target: Target.default.amount, projectCount: projects
        )
    }
}
