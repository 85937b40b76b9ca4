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

    /// The project with this code, or nil.
    public func find(_ code: String) throws -> Project? {
        try connection.first(ProjectByCode(code: code))
    }

    /// The project with this code as it was on `date` (and as recorded by `recordedBy`),
    /// rebuilt from the history of every field.
    ///
    /// - Throws: `StoreError.projectNotFound`, or `StoreError.invalid` when it was not in the
    ///   portfolio on that date.
    public func asOf(_ code: String, date: LocalDate, recordedBy: Date? = nil) throws -> Project {
        _ = try require(code)
        guard let project = try connection.first(ProjectAsOf(code: code, asOf: date, recordedBy: recordedBy)) else {
            let recorded = recordedBy.map { " as recorded by \($0.formatted(.iso8601))" } ?? ""
            throw StoreError.invalid("\(code) was not in the portfolio on \(date)\(recorded): its first status takes effect later")
        }
        return project
    }

    /// The project with this code.
    ///
    /// - Throws: `StoreError.projectNotFound`.
    public func require(_ code: String) throws -> Project {
        guard let project = try find(code) else { throw ProjectStore.notFound(code, connection) }
        return project
    }

    /// Where the project of `code` came from, when it was imported from a dataset.
    public func source(_ code: String) throws -> ProjectSource? {
        try connection.first(ProjectSourceByCode(code: code))
    }

    /// Projects matching the filter, by code.
    public func list(_ filter: Filter = Filter()) throws -> [Project] {
        try connection.run(ListProjects(sector: filter.sector, status: filter.status, lender: filter.lender))
    }

    /// Adds a project with its lenders (unknown lenders are created), its first history entries
    /// (effective on its value date, or today when that is later), an audit entry, and a rollup job.
    /// A project added with `aggregates` false is in no report or rollup (migration 14).
    ///
    /// - Throws: `StoreError.duplicate` if the code is taken, `StoreError.sectorNotFound`,
    ///   `StoreError.invalid` when no rate converts the value into the reporting currency.
    @discardableResult
    public func add(_ project: ValidatedProject, actor: String, today: LocalDate = .today(), aggregates: Bool = true) throws -> Project {
        try connection.transaction { c in
            if let stored = try ProjectStore(c).existingCode(like: project.code.rawValue) {
                throw ProjectStore.duplicateCode(project.code.rawValue, stored: stored)
            }
            try SectorStore(c).requireExists(project.sectorCode)
            try RateCoverage.require(c, project.value.currency, on: project.valueDate, for: project.code.rawValue)
            let lenders = try ProjectStore.stored(project.lenders, try LenderStore(c).ensure(project.lenders.map(\.lender), actor: actor))
            let id: Int
            do {
                id = try c.one(InsertProject(project, aggregates: aggregates))
            } catch let error as PostgresError where error.constraint == "projects_code_key" || error.constraint == "projects_code_folded_key" {
                // Added by a concurrent command since the check above.
                throw ProjectStore.duplicateCode(project.code.rawValue, stored: nil)
            } catch let error as PostgresError where error.constraint == "projects_id_bound" {
                throw StoreError.invalid("the portfolio holds the most projects it may (ids up to 2147483647)")
            }
            try insertLenders(c, projectID: id, value: project.value, lenders)
            let entered = min(project.valueDate, today)
            try c.execute(InsertFirstStatus(projectID: id, status: project.status, effective: entered, actor: actor))
            try recordValue(c, projectID: id, value: project.value, valueDate: project.valueDate, effective: entered, actor: actor)
            try recordSector(c, projectID: id, project.sectorCode, effective: entered, actor: actor)
            try recordLenders(c, projectID: id, lenders.map(\.share), effective: entered, actor: actor)
            try c.execute(InsertDetailHistory(projectID: id, project, effective: entered, actor: actor))
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
            guard let (id, version) = try c.first(LockProject(code: code)) else { throw ProjectStore.notFound(code, c) }
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
            try c.execute(UpdateProject(id: id, updated))
            // The lenders as stored: a name typed in another case (or the same lenders in another
            // order) is no change of lenders.
            var lenders: [StoredShare] = []
            if updated.lenders != current.lenders || updated.value != current.value {
                lenders = try ProjectStore.stored(updated.lenders, try LenderStore(c).ensure(updated.lenders.map(\.lender), actor: actor))
            }
            let lendersChanged = !lenders.isEmpty && Set(lenders.map(\.share)) != Set(current.lenders)
            if lendersChanged || updated.value != current.value {
                // The lenders' parts follow the value.
                try c.execute(DeleteProjectLenders(projectID: id))
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
            if ProjectStore.details(of: stored.content) != ProjectStore.details(of: current.content) {
                try c.execute(InsertDetailHistory(projectID: id, stored.content, effective: effective, actor: actor))
            }
            try RollupDeltas.record(c, projectID: id, before: RollupInput(current), after: RollupInput(stored))
            try AuditLog.record(c, actor: actor, action: "project.update", entity: "project", key: code, before: current, after: stored)
            if updated.value != current.value || updated.sectorCode != current.sectorCode || lendersChanged {
                try JobInserter.enqueue(c, [.rollupAfterChange()])
            }
            return stored
        }
    }

    /// The fields `detail_history` keeps, as stored.
    static func details(of project: ValidatedProject) -> [String?] {
        [project.name, project.startDate?.description, project.endDate?.description, project.location, project.description]
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
        try c.execute(InsertProjectLenders(
            projectID: projectID, lenderIDs: lenders.map(\.id), shares: lenders.map(\.share.basisPoints), parts: parts))
    }

    private func recordValue(_ c: Connection, projectID: Int, value: Money, valueDate: LocalDate, effective: LocalDate, actor: String) throws {
        try c.execute(InsertValueHistory(projectID: projectID, value: value, valueDate: valueDate, effective: effective, actor: actor))
    }

    private func recordSector(_ c: Connection, projectID: Int, _ sector: String, effective: LocalDate, actor: String) throws {
        try c.execute(InsertSectorHistory(projectID: projectID, sector: sector, effective: effective, actor: actor))
    }

    private func recordLenders(_ c: Connection, projectID: Int, _ shares: [LenderShare], effective: LocalDate, actor: String) throws {
        try c.execute(InsertLenderHistory(projectID: projectID, shares: shares, effective: effective, actor: actor))
    }
}
