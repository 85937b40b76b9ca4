import CSV
import Foundation
import PortfolioCore
import Postgres

/// Imports projects from CSV, all or nothing, through COPY.
///
/// Every bad row is reported as `FILE:LINE: message` — all of them — and nothing is written: a
/// row whose value no rate converts into the reporting currency is one. Unknown lenders are
/// created. Each project enters the history on its value date, or today when that is later. Rows stream into a temporary table as they are read, so
/// memory does not grow with the file beyond one set of codes.
public struct ProjectImporter: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// What to do with a code that is already in the portfolio.
    public enum ExistingCodes: Sendable {
        /// Report it as a bad row.
        case refuse
        /// Leave the stored project alone and skip the row.
        case skip
    }

    /// What an import did (or, for a dry run, would do).
    public struct Report: Sendable, Equatable {
        public var rowsRead = 0
        public var imported = 0
        public var skipped = 0
        public var lendersCreated = 0
        public var dryRun = false
    }

    /// Imports the CSV file at `path`; `displayName` names it in messages.
    ///
    /// - Throws: `StoreError.unreadable` (exit 66) when the file cannot be read,
    ///   `ImportFailure` (exit 65) listing every bad row.
    public func importFile(
        path: String, displayName: String? = nil, existing: ExistingCodes = .refuse, dryRun: Bool = false,
        actor: String, today: LocalDate = .today(), progress: ((Int) -> Void)? = nil
    ) throws -> Report {
        let name = (displayName ?? path).escapedForMessage
        guard !path.isEmpty else { throw StoreError.unreadable("the file's path is empty") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw StoreError.unreadable("\(name): no such file")
        }
        guard !isDirectory.boolValue else { throw StoreError.unreadable("\(name): is a folder, not a file") }
        let reader: CSVReader<CSVFileSource>
        do {
            reader = try CSVReader(path: path)
        } catch {
            throw StoreError.unreadable("\(name): cannot be read (\(error))")
        }
        return try importRecords(reader, fileName: name, existing: existing, dryRun: dryRun, actor: actor, today: today, progress: progress)
    }

    /// Imports records already being read; the first record is the header.
    public func importRecords<Records: Sequence<Result<CSVRecord, CSVError>>>(
        _ records: Records, fileName: String, existing: ExistingCodes = .refuse, dryRun: Bool = false,
        actor: String, today: LocalDate = .today(), progress: ((Int) -> Void)? = nil
    ) throws -> Report {
        try connection.transaction { c in
            let reporting = try RateCoverage.lockReportingCurrency(c)
            try c.execute(CreateProjectStaging())
            var problems: [(line: Int, message: String)] = []
            var report = Report()
            report.dryRun = dryRun
            var firstLineOfCode: [String: (line: Int, code: String)] = [:]
            var mapping: ProjectCSV?
            var sawHeader = false
            var readFailure: String?
            try c.copyIn(ProjectStaging.copy) { writer in
                for result in records {
                    let record: CSVRecord
                    switch result {
                    case .failure(let error):
                        if error.kind == .readFailed {
                            readFailure = "\(fileName): \(error.message)"
                            return
                        }
                        problems.append((error.line, error.message))
                        if !sawHeader { sawHeader = true }
                        continue
                    case .success(let value):
                        record = value
                    }
                    guard sawHeader else {
                        sawHeader = true
                        do {
                            mapping = try ProjectCSV(header: record.fields)
                        } catch let failure as ValidationFailure {
                            for problem in failure.problems { problems.append((record.line, problem.description)) }
                        } catch {
                            problems.append((record.line, String(describing: error)))
                        }
                        continue
                    }
                    report.rowsRead += 1
                    if report.rowsRead % 10_000 == 0 { progress?(report.rowsRead) }
                    guard let mapping else { continue }
                    switch mapping.decodeValidated(record) {
                    case .failure(let failure):
                        for problem in failure.problems { problems.append((record.line, problem.description)) }
                    case .success(let project):
                        let code = project.code.rawValue
                        if let first = firstLineOfCode[project.code.folded] {
                            let spelling = first.code == code ? "" : " as \(first.code.quotedForMessage)"
                            problems.append((record.line, "code \(code.quotedForMessage) appears again (first\(spelling) on line \(first.line))"))
                            continue
                        }
                        firstLineOfCode[project.code.folded] = (record.line, code)
                        try writer.write(ProjectImporter.stagingFields(project, line: record.line))
                    }
                }
            }
            if let readFailure { throw StoreError.unreadable(readFailure) }
            if !sawHeader { problems.append((1, "the file is empty; expected a header row: \(ProjectCSV.header.joined(separator: ","))")) }
            progress?(report.rowsRead)
            return try Self.writeStaged(c, problems: problems, fileName: fileName, existing: existing, actor: actor, today: today,
                                        report: report, reporting: reporting)
        }
    }

    /// Writes projects another importer has validated the way a CSV import writes its rows:
    /// `stage` hands each (line, project, whether it counts in aggregates) to the function it
    /// is given, which streams it into the staging table; then the whole is checked (unknown
    /// sectors, values no rate converts, codes taken, each reported by line) and written with
    /// its lenders, history and audit entries and one rollup reset, in the caller's transaction.
    ///
    /// - Throws: `ImportFailure` listing every problem; nothing is written then.
    func importValidated(
        fileName: String, actor: String, today: LocalDate = .today(),
        _ stage: (_ write: (Int, ValidatedProject, Bool) throws -> Void) throws -> Void
    ) throws -> Report {
        let c = connection
        let reporting = try RateCoverage.lockReportingCurrency(c)
        try c.execute(CreateProjectStaging())
        var report = Report()
        try c.copyIn(ProjectStaging.copy) { writer in
            try stage { line, project, aggregates in
                report.rowsRead += 1
                try writer.write(ProjectImporter.stagingFields(project, line: line, aggregates: aggregates))
            }
        }
        return try Self.writeStaged(c, problems: [], fileName: fileName, existing: .refuse, actor: actor, today: today,
                                    report: report, reporting: reporting)
    }

    /// Checks the staged rows and writes them: `problems` found while staging come first.
    private static func writeStaged(
        _ c: Connection, problems found: [(line: Int, message: String)], fileName: String, existing: ExistingCodes,
        actor: String, today: LocalDate, report staged: Report, reporting: Currency
    ) throws -> Report {
        var problems = found
        var report = staged
        for (line, sector) in try c.run(UnknownStagedSectors()) {
            problems.append((line, "sector: unknown sector \(sector.quotedForMessage) (add it with 'portfolio sector add')"))
        }
        for (line, currency, date) in try c.run(UncoveredStagedValues(reporting: reporting.code)) {
            problems.append((line, "currency: a value in \(currency) cannot be reported in \(reporting): "
                + RateCoverage.missingRateMessage(currency, into: reporting, on: date) + " (or 'portfolio fx import') first"))
        }
        switch existing {
        case .refuse:
            for (line, code, stored) in try c.run(StagedCodesTaken()) {
                let existing = stored == code ? "" : " as \(stored.quotedForMessage)"
                problems.append((line, "code: a project with code \(code.quotedForMessage) exists already\(existing)"))
            }
        case .skip:
            report.skipped = try c.execute(SkipStagedCodesTaken())
        }
        if !problems.isEmpty {
            let sorted = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
            throw ImportFailure(problems: sorted.map { "\(fileName):\($0.element.line): \($0.element.message)" })
        }
        report.imported = try c.one(CountStagedProjects())
        if report.dryRun || report.imported == 0 { return report }
        report.lendersCreated = try c.execute(CreateImportedLenders(actor: actor))
        do {
            try c.execute(InsertStagedProjects())
        } catch let error as PostgresError where error.constraint == "projects_id_bound" {
            throw StoreError.invalid("\(fileName): the portfolio would hold more projects than it may (ids up to 2147483647)")
        }
        try c.execute(InsertStagedLenders())
        try c.execute(InsertStagedHistory(actor: actor, today: today))
        try c.execute(AuditStagedProjects(actor: actor))
        try RollupDeltas.reset(c, reason: "imported \(report.imported) projects")
        try JobInserter.enqueue(c, [.rollupAfterChange()])
        return report
    }

    /// A project's staging row; its lenders' parts are split in `InsertStagedLenders`, once their stored names are known.
    static func stagingFields(_ p: ValidatedProject, line: Int, aggregates: Bool = true) -> [String?] {
        [String(line), p.code.rawValue, p.name, p.sectorCode, p.status.rawValue, String(p.value.minorUnits),
         p.value.currency.code, p.valueDate.description, p.startDate?.description, p.endDate?.description,
         p.location, p.description, p.lenders.map(\.lender).postgresText, p.lenders.map(\.basisPoints).postgresText,
         aggregates ? "t" : "f"]
    }
}
