import Foundation
import Postgres
import PortfolioCore

/// The ledger: transactions after the signature (commitments raised, disbursements, repayments,
/// interest, cancellations), append-only, each in its own currency on its own value date.
public struct LedgerStore: Sendable {
    public let connection: Connection

    public init(_ connection: Connection) { self.connection = connection }

    /// A stored transaction.
    public struct Transaction: Sendable, Hashable, Codable {
        public let id: Int
        public let code: String
        public let type: TransactionType
        public let lender: String
        public let amount: Money
        public let valueDate: LocalDate
        public let reference: String?
        public let note: String?
        public let forced: Bool
        public let actor: String
        public let recordedAt: Date
    }

    /// Records `entry` with its audit entry in one transaction; returns its id and the lender's
    /// stored name.
    ///
    /// - Throws: `StoreError` naming what the database refused: an unknown project or lender, a
    ///   lender that does not finance the project, a date after today, a reference already
    ///   recorded for the project, disbursements above the commitment (unless forced), or an
    ///   amount no stored rate converts into the project's or the reporting currency.
    @discardableResult
    public func add(_ entry: LedgerEntry, actor: String) throws -> (id: Int, lender: String) {
        try connection.transaction { c in
            let store = LedgerStore(c)
            let written = try store.record(entry, actor: actor, where: nil)
            try store.recordRollupChanges([written])
            return (written.id, written.lender)
        }
    }

    /// A transaction written: its id, the lender's stored name and the project's id.
    struct Written {
        let id: Int
        let lender: String
        let projectID: Int
    }

    /// Records `entry` in the caller's transaction; `place` (`FILE:LINE`) starts every message.
    /// The caller records the rollup changes of what it wrote (`recordRollupChanges`).
    func record(_ entry: LedgerEntry, actor: String, where place: String?) throws -> Written {
        let prefix = place.map { "\($0): " } ?? ""
        guard let parties = try connection.first(LedgerParties(code: entry.projectCode, lender: entry.lender)) else {
            let refusal = ProjectStore.notFound(entry.projectCode, connection)
            throw place == nil ? refusal : StoreError.invalid(prefix + refusal.description)
        }
        guard let lenderID = parties.lenderID, let lenderName = parties.lenderName else {
            throw StoreError.invalid("\(prefix)lender: no lender named \(entry.lender.quotedForMessage)")
        }
        guard parties.finances else {
            throw StoreError.invalid("\(prefix)lender: \(lenderName.quotedForMessage) does not finance \(entry.projectCode)")
        }
        try RateCoverage.require(connection, entry.amount.currency, on: entry.valueDate, for: prefix + entry.projectCode)
        let id: Int
        do {
            id = try connection.one(InsertLedgerTransaction(projectID: parties.projectID, lenderID: lenderID, entry: entry, actor: actor))
        } catch let error as PostgresError {
            throw Self.refusal(error, entry, lender: lenderName, projectCurrency: parties.currency, prefix: prefix) ?? error
        }
        try AuditLog.record(connection, actor: actor, action: "transaction.add", entity: "project", key: entry.projectCode,
                            before: Transaction?.none, after: AuditedEntry(entry, lender: lenderName))
        return Written(id: id, lender: lenderName, projectID: parties.projectID)
    }

    /// Records `written` as rollup changes, one per project, in one statement, and asks for a
    /// snapshot. Each insert locked its project's row (migration 11's trigger) until the caller
    /// commits, so the facts read now are those no other change can move before these commit.
    func recordRollupChanges(_ written: [Written]) throws {
        guard !written.isEmpty else { return }
        let facts = try connection.run(ProjectRollupFacts(projectIDs: Array(Set(written.map(\.projectID)))))
        try connection.execute(RecordLedgerDeltas(
            projectIDs: facts.map(\.id), facts: try facts.map { try RollupDeltas.encoded($0.facts) ?? "null" },
            transactionProjects: written.map(\.projectID), transactionIDs: written.map(\.id)))
        try JobInserter.enqueue(connection, [.rollupAfterChange()])
    }

    /// The refusal a user reads for what the ledger's constraints turned down.
    static func refusal(_ error: PostgresError, _ entry: LedgerEntry, lender: String, projectCurrency: Currency, prefix: String) -> StoreError? {
        switch error.constraint {
        case "ledger_transactions_not_in_future":
            return .invalid("\(prefix)date: \(entry.valueDate) is after today; record a transaction once it has happened")
        case "ledger_transactions_reference_key":
            return .duplicate("\(prefix)ref: \(entry.projectCode) has a transaction with reference \((entry.reference ?? "").quotedForMessage) already")
        case "ledger_transactions_within_commitment":
            return .invalid("\(prefix)amount: this \(entry.type) takes \(lender)'s disbursements to \(entry.projectCode) above its commitment; "
                + "record it with --force and a --note saying why, or record the commitment first")
        case "ledger_transactions_rate_known":
            return .invalid("\(prefix)" + RateCoverage.missingRateMessage(entry.amount.currency, into: projectCurrency, on: entry.valueDate))
        default:
            return nil
        }
    }

    /// What the audit trail keeps of a recorded entry.
    struct AuditedEntry: Encodable {
        let type: String
        let lender: String
        let amount: String
        let currency: String
        let valueDate: String
        let reference: String?
        let note: String?
        let forced: Bool

        init(_ entry: LedgerEntry, lender: String) {
            type = entry.type.rawValue
            self.lender = lender
            amount = entry.amount.formatted()
            currency = entry.amount.currency.code
            valueDate = entry.valueDate.description
            reference = entry.reference
            note = entry.note
            forced = entry.forced
        }
    }

    /// Transactions by value date, filtered.
    public func list(code: String? = nil, lender: String? = nil, type: TransactionType? = nil,
                     from: LocalDate? = nil, to: LocalDate? = nil) throws -> [Transaction] {
        try connection.run(ListLedgerTransactions(code: code, lender: lender, type: type, from: from, to: to))
    }
}
