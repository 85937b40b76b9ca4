import Foundation
import Postgres
import PortfolioCore

/// Everything a rollup is computed from — the target, the reporting currency, the FX rates,
/// the changes not yet in a snapshot, and either the newest snapshot or the sums of a full
/// recomputation — read by one statement, and so from one snapshot of the database.
///
/// Read in separate statements, a change committing between two of them would be in one input
/// and not in the other: a project in the recomputed sums whose change is not among those a
/// snapshot marks as folded (so the next snapshot adds it again), a reset read with the rates
/// from before it, or pending changes read before a snapshot that folded them committed.
struct RollupInputs {
    /// A change not yet folded into a snapshot; its facts are kept as the stored JSON text.
    struct Change {
        let id: Int
        let before: String?
        let after: String?
        let reset: Bool
        /// The project's ledger before and after the change (`ProjectLedger`), nil for a change
        /// recorded before the ledger joined the rollup.
        let ledgerBefore: String?
        let ledgerAfter: String?
    }

    /// The target in force.
    let target: Target
    /// The reporting currency: the one asked for, else the target's.
    let currency: Currency
    /// Every FX rate.
    let fx: FXTable
    /// The pending changes, oldest first.
    let changes: [Change]
    /// The newest snapshot, when the changes can be folded into it (nil when a recomputation was
    /// read instead, or the snapshot does not decode).
    let latest: Rollup?
    /// The newest snapshot's financing lines, when it has them and `latest` was read.
    let latestFinancing: FinancingLines?
    /// The rows of a full recomputation (kinds `g`, `s` and `p`), nil when none was read: one is
    /// read when asked for, when a pending change is a reset, or when the newest snapshot is
    /// missing or in another currency.
    let recomputation: [PostgresRow]?
    /// The rows the financing lines are computed from (kinds `l`, `q` and `c`), nil when none were read.
    let financingRows: [PostgresRow]?

    /// The ids of the pending changes, which a snapshot computed from these inputs marks as folded.
    var changeIDs: [Int] { changes.map(\.id) }

    /// Reads the inputs in one statement, with the rows of a full recomputation when `recompute`
    /// is true or the data asks for one.
    /// With `financing`, the rows of the financing lines too.
    static func read(_ connection: Connection, currency: Currency?, recompute: Bool, financing: Bool = false) throws -> RollupInputs {
        let rows = try connection.run(ReadRollupInputs(
            currency: currency?.code, fallbackCurrency: Target.default.amount.currency.code, recompute: recompute, financing: financing))
        var reporting: Currency?
        var recomputes = false
        var breakdown: String?
        var storedFinancing: String?
        var target = Target.default
        var rates: [FXRate] = []
        var changes: [Change] = []
        var recomputation: [PostgresRow] = []
        var financingRows: [PostgresRow] = []
        for row in rows {
            switch row.text(at: 0) {
            case "h":
                reporting = try row.currency("currency")
                recomputes = try row.decode(Bool.self, "reset")
                breakdown = try row.decode(String?.self, "breakdown")
                storedFinancing = try row.decode(String?.self, "financing")
            case "t":
                let amount = Money(minorUnits: try row.decode(Int128.self, "value_minor"), currency: try row.currency("currency"))
                do {
                    target = try Target(amount: amount)
                } catch {
                    throw PostgresError(.decoding, "the stored target is invalid: \(error)")
                }
            case "x":
                rates.append(try FXStore.rate(from: row, dateColumn: "value_date"))
            case "d":
                changes.append(Change(
                    id: try row.decode(Int.self, "id"), before: try row.decode(String?.self, "before"),
                    after: try row.decode(String?.self, "after"), reset: try row.decode(Bool.self, "reset"),
                    ledgerBefore: try row.decode(String?.self, "ledger_before"), ledgerAfter: try row.decode(String?.self, "ledger_after")))
            case "l", "q", "c":
                financingRows.append(row)
            default:
                recomputation.append(row)
            }
        }
        guard let reporting else { throw PostgresError(.decoding, "the rollup's inputs came back without their header row") }
        changes.sort { $0.id < $1.id }
        return RollupInputs(
            target: target, currency: reporting, fx: FXTable(rates), changes: changes,
            latest: recomputes ? nil : breakdown.flatMap { try? JSONDecoder().decode(Rollup.self, from: Data($0.utf8)) },
            latestFinancing: recomputes ? nil : storedFinancing.flatMap { try? JSONDecoder().decode(FinancingLines.self, from: Data($0.utf8)) },
            recomputation: recomputes ? recomputation : nil, financingRows: financing ? financingRows : nil)
    }

    /// The newest snapshot with the pending changes folded in (remove each project's old facts,
    /// add its new ones); nil when there is no snapshot to fold into or it cannot take the changes.
    func folded(asOf: LocalDate) -> Rollup? {
        guard let latest else { return nil }
        do {
            var accumulator = try RollupAccumulator(restoring: latest, fx: fx)
            let decoder = JSONDecoder()
            for change in changes {
                if let before = change.before {
                    try accumulator.remove(try decoder.decode(RollupInput.self, from: Data(before.utf8)))
                }
                if let after = change.after {
                    try accumulator.add(try decoder.decode(RollupInput.self, from: Data(after.utf8)))
                }
            }
            return try accumulator.result(target: target, asOf: asOf)
        } catch {
            return nil
        }
    }

    /// The newest snapshot's financing lines with the pending changes folded in (remove each
    /// project's old facts with its ledger before, add its new ones with its ledger after); nil
    /// when the snapshot has none in `currency`, or a change cannot be folded: a reset, a change
    /// without its ledger, a ledger in another currency or with a transaction no rate converted.
    func foldedFinancing(currency: Currency) -> FinancingLines? {
        guard var lines = latestFinancing, lines.currency == currency else { return nil }
        let decoder = JSONDecoder()
        do {
            for change in changes {
                if change.reset { return nil }
                if let before = change.before {
                    let facts = try decoder.decode(RollupInput.self, from: Data(before.utf8))
                    guard let ledger = ProjectLedger.decode(change.ledgerBefore)?.sums(of: facts.code, in: currency) else { return nil }
                    try lines.remove(facts, ledger: ledger, fx: fx)
                }
                if let after = change.after {
                    let facts = try decoder.decode(RollupInput.self, from: Data(after.utf8))
                    guard let ledger = ProjectLedger.decode(change.ledgerAfter)?.sums(of: facts.code, in: currency) else { return nil }
                    try lines.add(facts, ledger: ledger, fx: fx)
                }
            }
        } catch {
            return nil
        }
        return lines
    }

    /// The financing lines of the whole portfolio, whose rollup in this view is `rollup`, from
    /// the financing rows: the pledged projects and those with transactions with the ledger,
    /// and the rest from the rollup's rows (`Financing.compute(rollup:…)`), with the pairs counted
    /// by PostgreSQL. Nil when no financing rows were read or a transaction has no rate.
    func fullFinancing(_ rollup: Rollup) throws -> FinancingLines? {
        guard let financingRows, rollup.currency == currency else { return nil }
        var inputs: [RollupInput] = []
        var ledger: [LedgerSum] = []
        var pairs: [FinancingBreakdown: [String: Int]] = [:]
        for row in financingRows {
            switch row.text(at: 0) {
            case "l":
                if try row.decode(Int.self, "projects") > 0 { return nil }
                ledger.append(LedgerSum(code: try row.decode(String.self, "code"), lender: try row.decode(String.self, "lender"),
                                        type: try row.transactionType("status"), amount: try row.decode(Int128.self, "value_minor")))
            case "q":
                inputs.append(try row.rollupInput(status: try Self.status(row)))
            default:
                guard let breakdown = FinancingBreakdown(rawValue: try row.decode(String.self, "code")) else { continue }
                let column = breakdown == .sector ? "sector_code" : breakdown == .status ? "status" : "lender"
                pairs[breakdown, default: [:]][try row.decode(String.self, column)] = try row.decode(Int.self, "projects")
            }
        }
        do {
            return FinancingLines(currency: currency, lines: try Self.financingLines(rollup, inputs: inputs, ledger: ledger, pairs: pairs, fx: fx))
        } catch {
            throw RollupStore.failure(error, target: target, currency: currency, asOf: rollup.asOf)
        }
    }

    /// Each kept breakdown's lines from the rollup, the touched projects and the ledger, with
    /// the pairs PostgreSQL counted.
    private static func financingLines(
        _ rollup: Rollup, inputs: [RollupInput], ledger: [LedgerSum], pairs: [FinancingBreakdown: [String: Int]], fx: FXTable
    ) throws(DomainError) -> [FinancingBreakdown: [Financing]] {
        var lines: [FinancingBreakdown: [Financing]] = [:]
        for breakdown in FinancingLines.kept {
            var computed = Dictionary(
                try Financing.compute(rollup: rollup, inputs: inputs, ledger: ledger, fx: fx, by: breakdown).map { ($0.key, $0) },
                uniquingKeysWith: { $0.adding($1) })
            for (key, count) in pairs[breakdown] ?? [:] {
                let line = computed[key] ?? .zero(key)
                computed[key] = Financing(
                    key: key, projects: count, committed: line.committed, disbursed: line.disbursed, undisbursed: line.undisbursed,
                    overDisbursed: line.overDisbursed, repaid: line.repaid, interest: line.interest)
            }
            lines[breakdown] = computed.values.filter { $0.projects > 0 || $0 != .zero($0.key) }
        }
        return lines
    }

    /// The rollup of every project from the recomputation's rows; nil when none was read.
    ///
    /// PostgreSQL sums the projects already in the reporting currency by sector and status, and
    /// their lenders' stored parts (split when the project was written) by lender and status. Only
    /// projects in other currencies come back one by one, to be converted at their value date and
    /// then split, in Swift. Sums are `numeric`, and fit 128 bits (see `Money.maxValueMinorUnits`).
    func recomputed(asOf: LocalDate) throws -> Rollup? {
        guard let recomputation else { return nil }
        var accumulator = RollupAccumulator(currency: currency, fx: fx)
        do {
            for row in recomputation {
                let status = try Self.status(row)
                switch row.text(at: 0) {
                case "g":
                    try accumulator.addGroup(
                        sector: try row.decode(String.self, "sector_code"), status: status,
                        projects: try row.decode(Int.self, "projects"), value: try row.decode(Int128.self, "value_minor"))
                case "s":
                    let value = try row.decode(Int128.self, "value_minor")
                    try accumulator.addLenderParts(
                        try row.decode(String.self, "lender"), projects: try row.decode(Int.self, "projects"),
                        value: value, counted: status.countsTowardTarget ? value : 0)
                default:
                    let input = try row.rollupInput(status: status)
                    try RollupStore.requireRate(for: input, fx: fx, currency: currency)
                    try accumulator.add(input)
                }
            }
            return try accumulator.result(target: target, asOf: asOf)
        } catch let error as DomainError {
            throw RollupStore.failure(error, target: target, currency: currency, asOf: asOf)
        }
    }

    private static func status(_ row: PostgresRow) throws -> ProjectStatus {
        let text = try row.decode(String.self, "status")
        guard let status = ProjectStatus(rawValue: text) else {
            throw PostgresError(.decoding, "a stored project has the unknown status \(text)")
        }
        return status
    }
}
