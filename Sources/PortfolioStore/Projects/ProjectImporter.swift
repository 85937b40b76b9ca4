import Foundation
import Postgres
import PortfolioCore

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
            try c.execute(script: ProjectImporter.stagingSQL)
            var problems: [(line: Int, message: String)] = []
            var report = Report()
            report.dryRun = dryRun
            var firstLineOfCode: [String: (line: Int, code: String)] = [:]
            var mapping: ProjectCSV?
            var sawHeader = false
            var readFailure: String?
            try c.copyIn(ProjectImporter.copySQL) { writer in
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

            for row in try c.query("""
                SELECT s.line, s.sector FROM import_staging s LEFT JOIN sectors x ON x.code = s.sector
                WHERE x.code IS NULL ORDER BY s.line
                """) {
                let (line, sector) = try row.decode(Int.self, String.self)
                problems.append((line, "sector: unknown sector \(sector.quotedForMessage) (add it with 'portfolio sector add')"))
            }
            for row in try c.query(ProjectImporter.uncoveredSQL, reporting.code) {
                let line = try row.decode(Int.self, at: 0)
                let currency = try row.currency("currency")
                let date = try row.localDate("value_date")
                problems.append((line, "currency: a value in \(currency) cannot be reported in \(reporting): "
                    + RateCoverage.missingRateMessage(currency, into: reporting, on: date) + " (or 'portfolio fx import') first"))
            }
            switch existing {
            case .refuse:
                for row in try c.query("SELECT s.line, s.code, p.code FROM import_staging s JOIN projects p ON lower(p.code) = lower(s.code) ORDER BY s.line") {
                    let (line, code, stored) = try row.decode(Int.self, String.self, String.self)
                    let existing = stored == code ? "" : " as \(stored.quotedForMessage)"
                    problems.append((line, "code: a project with code \(code.quotedForMessage) exists already\(existing)"))
                }
            case .skip:
                report.skipped = try c.query("DELETE FROM import_staging s USING projects p WHERE lower(p.code) = lower(s.code)").affectedRows
            }
            if !problems.isEmpty {
                let sorted = problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }
                throw ImportFailure(problems: sorted.map { "\(fileName):\($0.element.line): \($0.element.message)" })
            }
            report.imported = try c.query("SELECT count(*) FROM import_staging").scalar(Int.self)
            if dryRun || report.imported == 0 { return report }
            report.lendersCreated = try c.query(ProjectImporter.lendersSQL, actor).affectedRows
            do {
                try c.query(ProjectImporter.projectsSQL)
            } catch let error as PostgresError where error.constraint == "projects_id_bound" {
                throw StoreError.invalid("\(fileName): the portfolio would hold more projects than it may (ids up to 2147483647)")
            }
            try c.query(ProjectImporter.sharesSQL)
            try c.query(ProjectImporter.historySQL, [PostgresBind(actor), today.bind])
            try c.query(ProjectImporter.auditSQL, actor)
            try RollupDeltas.reset(c, reason: "imported \(report.imported) projects")
            try JobInserter.enqueue(c, [.rollupAfterChange()])
            return report
        }
    }

    /// A project's staging row; its lenders' parts are split in `sharesSQL`, once their stored names are known.
    static func stagingFields(_ p: ValidatedProject, line: Int) -> [String?] {
        [String(line), p.code.rawValue, p.name, p.sectorCode, p.status.rawValue, String(p.value.minorUnits),
         p.value.currency.code, p.valueDate.description, p.startDate?.description, p.endDate?.description,
         p.location, p.description, p.lenders.map(\.lender).postgresText, p.lenders.map(\.basisPoints).postgresText]
    }

    static let stagingSQL = """
        CREATE TEMP TABLE import_staging (
            line int NOT NULL, code text NOT NULL, name text NOT NULL, sector text NOT NULL, status text NOT NULL,
            value_minor bigint NOT NULL, currency text NOT NULL, value_date date NOT NULL, start_date date, end_date date,
            location text, description text, lender_names text[] NOT NULL, lender_shares int[] NOT NULL
        ) ON COMMIT DROP
        """

    static let copySQL = """
        COPY import_staging (line, code, name, sector, status, value_minor, currency, value_date, start_date, end_date,
                             location, description, lender_names, lender_shares) FROM STDIN
        """

    static let lendersSQL = """
        WITH wanted AS (
            SELECT DISTINCT ON (lower(n)) n FROM import_staging, unnest(lender_names) AS n ORDER BY lower(n), n
        ), created AS (
            INSERT INTO lenders (name) SELECT n FROM wanted ON CONFLICT ((lower(name))) DO NOTHING RETURNING name
        )
        INSERT INTO audit_log (actor, action, entity, entity_key, after)
        SELECT $1, 'lender.add', 'lender', name, jsonb_build_object('name', name, 'kind', 'other') FROM created
        """

    static let projectsSQL = """
        INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date, start_date, end_date,
                              location, description)
        SELECT code, name, sector, status, value_minor, currency, value_date, start_date, end_date, location, description
        FROM import_staging ORDER BY line
        """

    /// Each project's lenders with their parts of its value: `LenderShare.split`'s largest-remainder
    /// split (shares rounded down, the units left over to the largest remainders, ties to the
    /// stored name whose bytes sort first), by the lenders' stored names whatever case the file
    /// gave them in, as a fold and a full recomputation split them.
    static let sharesSQL = """
        INSERT INTO project_lenders (project_id, lender_id, share_bp, part_minor)
        SELECT project_id, lender_id, share, (base + CASE WHEN rank <= leftover THEN 1 ELSE 0 END)::bigint
        FROM (
            SELECT p.id AS project_id, l.id AS lender_id, u.share,
                   floor(s.value_minor::numeric * u.share / 10000) AS base,
                   row_number() OVER (PARTITION BY p.id
                                      ORDER BY mod(s.value_minor::numeric * u.share, 10000) DESC, l.name COLLATE "C") AS rank,
                   s.value_minor - sum(floor(s.value_minor::numeric * u.share / 10000)) OVER (PARTITION BY p.id) AS leftover
            FROM import_staging s
            JOIN projects p ON p.code = s.code
            CROSS JOIN LATERAL unnest(s.lender_names, s.lender_shares) AS u(name, share)
            JOIN lenders l ON lower(l.name) = lower(u.name)
        ) split
        """

    /// Staged rows in another currency than `$1` with no rate into it on or before their value date.
    static let uncoveredSQL = """
        SELECT s.line, s.currency, s.value_date FROM import_staging s
        WHERE s.currency <> $1::text
          AND NOT EXISTS (SELECT 1 FROM fx_rates r WHERE r.currency = s.currency::char(3) AND r.quote = $1::char(3)
                          AND r.rate_date <= s.value_date)
        ORDER BY s.line
        """

    /// Each project's first status, value, sector and lenders (named as stored), effective on its
    /// value date or today (`$2`) when that is later.
    static let historySQL = """
        WITH entered AS (
            SELECT p.id, s.status, s.value_minor, s.currency, s.value_date, s.sector, s.lender_shares,
                   (SELECT array_agg(l.name ORDER BY u.ord) FROM unnest(s.lender_names) WITH ORDINALITY AS u(name, ord)
                    JOIN lenders l ON lower(l.name) = lower(u.name)) AS lender_names,
                   least(s.value_date, $2::date) AS day
            FROM import_staging s JOIN projects p ON p.code = s.code
        ), statuses AS (
            INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, actor)
            SELECT id, NULL, status, day, 'imported', $1 FROM entered
        ), sectors AS (
            INSERT INTO sector_history (project_id, sector_code, effective_date, actor)
            SELECT id, sector, day, $1 FROM entered
        ), lenders AS (
            INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor)
            SELECT id, lender_names, lender_shares, day, $1 FROM entered
        )
        INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor)
        SELECT id, value_minor, currency, value_date, day, $1 FROM entered
        """

    static let auditSQL = """
        INSERT INTO audit_log (actor, action, entity, entity_key, after)
        SELECT $1, 'project.import', 'project', s.code, to_jsonb(s) - 'line' FROM import_staging s ORDER BY s.line
        """
}
