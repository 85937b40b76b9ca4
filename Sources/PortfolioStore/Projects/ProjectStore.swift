import Foundation
import Postgres
import PortfolioCore

/// Reads and writes projects, their lenders, and the history of every field reports use.
///
/// Each write runs in one transaction with its audit entry and the rollup job it implies. Every
/// change of a reported field (value, currency and value date; sector; lenders) appends a history
/// entry effective on its effective date: the one given (for a value, its value date when no other
/// is given), never after the day it is recorded; otherwise the day it is recorded (`--as-of`
/// reads them).
public struct ProjectStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) {
        self.connection = connection
    }

    /// Which projects `list` returns.
    public struct Filter: Sendable, Hashable {
        public var sector: String?
        public var status: ProjectStatus?
        /// A lender's name, matched without regard to case.
        public var lender: String?

        public init(sector: String? = nil, status: ProjectStatus? = nil, lender: String? = nil) {
            self.sector = sector
            self.status = status
            self.lender = lender
        }
    }

    static let selectSQL = """
        SELECT p.id, p.code, p.name, p.sector_code, p.status, p.value_minor, p.currency, p.value_date,
               p.start_date, p.end_date, p.location, p.description, p.version, p.created_at, p.updated_at,
               coalesce(array_agg(l.name ORDER BY pl.share_bp DESC, l.name) FILTER (WHERE l.id IS NOT NULL), '{}') AS lender_names,
               coalesce(array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name) FILTER (WHERE l.id IS NOT NULL), '{}') AS lender_shares
        FROM projects p
        LEFT JOIN project_lenders pl ON pl.project_id = p.id
        LEFT JOIN lenders l ON l.id = pl.lender_id
        """

    /// The project with this code, or nil.
    public func find(_ code: String) throws -> Project? {
        let rows = try connection.query(ProjectStore.selectSQL + " WHERE p.code = $1 GROUP BY p.id", code)
        return try rows.first.map(ProjectStore.project(from:))
    }

    /// The project with this code.
    ///
    /// - Throws: `StoreError.projectNotFound`.
    public func require(_ code: String) throws -> Project {
        guard let project = try find(code) else { throw ProjectStore.notFound(code, connection) }
        return project
    }

    /// Projects matching the filter, by code.
    public func list(_ filter: Filter = Filter()) throws -> [Project] {
        let sql = ProjectStore.selectSQL + """
             WHERE ($1::text IS NULL OR p.sector_code = $1)
               AND ($2::text IS NULL OR p.status = $2)
               AND ($3::text IS NULL OR EXISTS (
                    SELECT 1 FROM project_lenders fl JOIN lenders fln ON fln.id = fl.lender_id
                    WHERE fl.project_id = p.id AND lower(fln.name) = lower($3)))
             GROUP BY p.id ORDER BY p.code
            """
        return try connection.query(sql, [PostgresBind(filter.sector), PostgresBind(filter.status?.rawValue), PostgresBind(filter.lender)])
            .map(ProjectStore.project(from:))
    }

    /// Adds a project with its lenders (unknown lenders are created), its first history entries
    /// (effective on its value date, or today when that is later), an audit entry, and a rollup job.
    ///
    /// - Throws: `StoreError.duplicate` if the code is taken, `StoreError.sectorNotFound`,
    ///   `StoreError.invalid` when no rate converts the value into the reporting currency.
    @discardableResult
    public func add(_ project: ValidatedProject, actor: String, today: LocalDate = .today()) throws -> Project {
        try connection.transaction { c in
            if let stored = try ProjectStore(c).existingCode(like: project.code.rawValue) {
                throw ProjectStore.duplicateCode(project.code.rawValue, stored: stored)
            }
            try SectorStore(c).requireExists(project.sectorCode)
            try RateCoverage.require(c, project.value.currency, on: project.valueDate, for: project.code.rawValue)
            let lenders = try ProjectStore.stored(project.lenders, try LenderStore(c).ensure(project.lenders.map(\.lender), actor: actor))
            let id: Int
            do {
                id = try c.query(
                    """
                    INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date,
                                          start_date, end_date, location, description)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id
                    """,
                    [PostgresBind(project.code.rawValue), PostgresBind(project.name), PostgresBind(project.sectorCode),
                     PostgresBind(project.status.rawValue), PostgresBind(project.value.minorUnits),
                     PostgresBind(project.value.currency.code), project.valueDate.bind, project.startDate.bind,
                     project.endDate.bind, PostgresBind(project.location), PostgresBind(project.description)]
                ).scalar(Int.self)
            } catch let error as PostgresError where error.constraint == "projects_code_key" || error.constraint == "projects_code_folded_key" {
                // Added by a concurrent command since the check above.
                throw ProjectStore.duplicateCode(project.code.rawValue, stored: nil)
            } catch let error as PostgresError where error.constraint == "projects_id_bound" {
                throw StoreError.invalid("the portfolio holds the most projects it may (ids up to 2147483647)")
            }
            try insertLenders(c, projectID: id, value: project.value, lenders)
            let entered = min(project.valueDate, today)
            try c.query(
                "INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, actor) VALUES ($1, NULL, $2, $3, 'added', $4)",
                [PostgresBind(id), PostgresBind(project.status.rawValue), entered.bind, PostgresBind(actor)])
            try recordValue(c, projectID: id, value: project.value, valueDate: project.valueDate, effective: entered, actor: actor)
            try recordSector(c, projectID: id, project.sectorCode, effective: entered, actor: actor)
            try recordLenders(c, projectID: id, lenders.map(\.share), effective: entered, actor: actor)
            let stored = try ProjectStore(c).require(project.code.rawValue)
            try RollupDeltas.record(c, projectID: id, before: nil, after: RollupInput(stored))
            try AuditLog.record(c, actor: actor, action: "project.add", entity: "project", key: project.code.rawValue,
                                before: Project?.none, after: stored)
            try JobInserter.enqueue(c, [.rollupAfterChange()])
            return stored
        }
    }

    /// Applies a patch to a project, optionally only if it is still at `expectedVersion`.
    ///
    /// The changes take effect on `effective` when given (not after `today`); otherwise a value
    /// (amount, currency, value date) takes effect on the patch's value date when it has one and
    /// that is not after `today`, and everything else on `today`. The history entries of the
    /// fields changed carry those dates, and `--as-of` shows each from its date on.
    /// The row is locked first, so two concurrent updates of different fields both land.
    /// - Throws: `StoreError.versionConflict` (exit 75) when the version moved on,
    ///   `StoreError.invalid` for an effective date after `today` or a value no rate converts.
    @discardableResult
    public func update(
        _ code: String, _ patch: ProjectPatch, expectedVersion: Int?, actor: String, today: LocalDate, effective: LocalDate? = nil
    ) throws -> Project {
        if let effective, effective > today {
            throw StoreError.invalid("\(code): an update cannot take effect on \(effective), after today (\(today)); give today or an earlier date")
        }
        let valueEffective = effective ?? patch.valueDate.map { min($0, today) } ?? today
        let effective = effective ?? today
        return try connection.transaction { c in
            let locked = try c.query("SELECT id, version FROM projects WHERE code = $1 FOR UPDATE", code)
            guard let row = locked.first else { throw ProjectStore.notFound(code, c) }
            let (id, version) = try row.decode(Int.self, Int.self)
            if let expectedVersion, expectedVersion != version {
                throw StoreError.versionConflict(code: code, expected: expectedVersion, actual: version)
            }
            let current = try ProjectStore(c).require(code)
            if patch.isEmpty { return current }
            let updated = try patch.apply(to: current)
            if updated.sectorCode != current.sectorCode { try SectorStore(c).requireExists(updated.sectorCode) }
            if updated.value.currency != current.value.currency || updated.valueDate != current.valueDate {
                try RateCoverage.require(c, updated.value.currency, on: updated.valueDate, for: code)
            }
            try c.query(
                """
                UPDATE projects SET name = $2, sector_code = $3, value_minor = $4, currency = $5, value_date = $6,
                       start_date = $7, end_date = $8, location = $9, description = $10,
                       version = version + 1, updated_at = now()
                WHERE id = $1
                """,
                [PostgresBind(id), PostgresBind(updated.name), PostgresBind(updated.sectorCode),
                 PostgresBind(updated.value.minorUnits), PostgresBind(updated.value.currency.code), updated.valueDate.bind,
                 updated.startDate.bind, updated.endDate.bind, PostgresBind(updated.location), PostgresBind(updated.description)])
            // The lenders as stored: a name typed in another case (or the same lenders in another
            // order) is no change of lenders.
            var lenders: [StoredShare] = []
            if updated.lenders != current.lenders || updated.value != current.value {
                lenders = try ProjectStore.stored(updated.lenders, try LenderStore(c).ensure(updated.lenders.map(\.lender), actor: actor))
            }
            let lendersChanged = !lenders.isEmpty && Set(lenders.map(\.share)) != Set(current.lenders)
            if lendersChanged || updated.value != current.value {
                // The lenders' parts follow the value.
                try c.query("DELETE FROM project_lenders WHERE project_id = $1", id)
                try insertLenders(c, projectID: id, value: updated.value, lenders)
            }
            if updated.value != current.value || updated.valueDate != current.valueDate {
                try recordValue(c, projectID: id, value: updated.value, valueDate: updated.valueDate, effective: valueEffective, actor: actor)
            }
            if updated.sectorCode != current.sectorCode {
                try recordSector(c, projectID: id, updated.sectorCode, effective: effective, actor: actor)
            }
            if lendersChanged {
                try recordLenders(c, projectID: id, lenders.map(\.share), effective: effective, actor: actor)
            }
            let stored = try ProjectStore(c).require(code)
            try RollupDeltas.record(c, projectID: id, before: RollupInput(current), after: RollupInput(stored))
            try AuditLog.record(c, actor: actor, action: "project.update", entity: "project", key: code, before: current, after: stored)
            if updated.value != current.value || updated.sectorCode != current.sectorCode || lendersChanged {
                try JobInserter.enqueue(c, [.rollupAfterChange()])
            }
            return stored
        }
    }

    /// A project's share of one lender, named as the lender is stored, with the lender's id.
    struct StoredShare {
        let share: LenderShare
        let id: Int
    }

    /// `shares` named as their lenders are stored (found regardless of case), with the lenders' ids.
    static func stored(_ shares: [LenderShare], _ lenders: [String: LenderStore.Stored]) throws -> [StoredShare] {
        try shares.map { share in
            guard let lender = lenders[share.lender.lowercased()] else {
                throw StoreError.invalid("lender \(share.lender.quotedForMessage) could not be found or created")
            }
            do {
                return StoredShare(share: try LenderShare(lender: lender.name, basisPoints: share.basisPoints), id: lender.id)
            } catch {
                throw PostgresError(.decoding, "the stored lender \(lender.name.quotedForMessage) is not a valid lender name: \(error)")
            }
        }
    }

    /// Inserts a project's lenders with their shares and their parts of `value`, in one statement.
    ///
    /// The parts are split by the stored names, as a fold (`RollupAccumulator`) and a full
    /// recomputation split them, so a tie is broken the same way whatever case the names were typed in.
    private func insertLenders(_ c: Connection, projectID: Int, value: Money, _ lenders: [StoredShare]) throws {
        let parts = try LenderShare.split(value, by: lenders.map(\.share)).map(\.minorUnits)
        try c.query(
            """
            INSERT INTO project_lenders (project_id, lender_id, share_bp, part_minor)
            SELECT $1, u.lender_id, u.share_bp, u.part_minor
            FROM unnest($2::bigint[], $3::integer[], $4::bigint[]) AS u(lender_id, share_bp, part_minor)
            """,
            projectID, lenders.map(\.id), lenders.map(\.share.basisPoints), parts)
    }

    private func recordValue(_ c: Connection, projectID: Int, value: Money, valueDate: LocalDate, effective: LocalDate, actor: String) throws {
        try c.query(
            "INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor) VALUES ($1, $2, $3, $4, $5, $6)",
            [PostgresBind(projectID), PostgresBind(value.minorUnits), PostgresBind(value.currency.code), valueDate.bind,
             effective.bind, PostgresBind(actor)])
    }

    private func recordSector(_ c: Connection, projectID: Int, _ sector: String, effective: LocalDate, actor: String) throws {
        try c.query(
            "INSERT INTO sector_history (project_id, sector_code, effective_date, actor) VALUES ($1, $2, $3, $4)",
            [PostgresBind(projectID), PostgresBind(sector), effective.bind, PostgresBind(actor)])
    }

    private func recordLenders(_ c: Connection, projectID: Int, _ shares: [LenderShare], effective: LocalDate, actor: String) throws {
        try c.query(
            "INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor) VALUES ($1, $2, $3, $4, $5)",
            [PostgresBind(projectID), PostgresBind(shares.map(\.lender)), PostgresBind(shares.map(\.basisPoints)), effective.bind,
             PostgresBind(actor)])
    }

    /// Builds a project from a row of `selectSQL`.
    static func project(from row: PostgresRow) throws -> Project {
        let names = try row.decode([String].self, "lender_names")
        let shares = try row.decode([Int].self, "lender_shares")
        let currency = try row.currency("currency")
        do {
            let lenders = try zip(names, shares).map { try LenderShare(lender: $0, basisPoints: $1) }
            let content = try ValidatedProject(
                code: ProjectCode(try row.decode(String.self, "code")),
                name: try row.decode(String.self, "name"),
                sectorCode: try row.decode(String.self, "sector_code"),
                status: ProjectStatus.parse(try row.decode(String.self, "status")),
                value: Money(minorUnits: try row.decode(Int128.self, "value_minor"), currency: currency),
                valueDate: try row.localDate("value_date"),
                lenders: lenders,
                startDate: try row.optionalLocalDate("start_date"),
                endDate: try row.optionalLocalDate("end_date"),
                location: try row.decode(String?.self, "location"),
                description: try row.decode(String?.self, "description"))
            return Project(content, version: try row.decode(Int.self, "version"),
                           createdAt: try row.decode(Date.self, "created_at"), updatedAt: try row.decode(Date.self, "updated_at"))
        } catch let error as PostgresError {
            throw error
        } catch {
            throw PostgresError(.decoding, "a stored project does not pass validation: \(error)")
        }
    }
}
