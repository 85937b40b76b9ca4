import Foundation
import Postgres
import PortfolioCore

/// Takes and reads rollup snapshots of the portfolio against its target.
///
/// A snapshot folds the changes recorded since the previous one into it (remove each
/// project's old facts, add its new ones), so keeping the rollup current costs in proportion to
/// the changes, not to the portfolio. A reset (FX rates changed, a bulk import), a change of
/// reporting currency or no snapshot yet means a full recomputation.
public struct RollupStore: Sendable {
    public let connection: Connection
    /// Test-only pause point, run right after a snapshot's (or today's report's) inputs are read.
    var afterReadingInputs: (@Sendable () throws -> Void)?

    public init(_ connection: Connection) { self.connection = connection }

    /// What caused a snapshot.
    public enum Trigger: String, Sendable, Codable, CaseIterable {
        case periodic, manual, change
    }

    /// A stored snapshot.
    public struct Snapshot: Sendable, Equatable {
        public let id: Int
        public let takenAt: Date
        public let trigger: String
        public let fullRecompute: Bool
        public let deltasApplied: Int
        public let rollup: Rollup
    }

    /// The current rollup and how it was reached.
    struct Folded {
        let rollup: Rollup
        let deltaIDs: [Int]
        let full: Bool
        /// The portfolio's financing lines in the rollup's currency, when they were folded or computed.
        let financing: FinancingLines?
    }

    static let lockKey: Int64 = 0x726F_6C6C_7570  // "rollup"

    /// The rollup of the portfolio as it stands now, dated `asOf`, in `currency` (the target's
    /// currency when nil): the newest snapshot with the changes since folded in, both read by one
    /// statement, so a snapshot committing meanwhile is seen with the changes it folded or not at all.
    public func current(asOf: LocalDate, currency: Currency? = nil) throws -> Rollup {
        try fold(asOf: asOf, currency: currency).rollup
    }

    /// `current(asOf:currency:)` with the portfolio's financing lines when the newest snapshot's
    /// lines and the changes since fold (nil otherwise: the caller computes them).
    public func currentWithFinancing(asOf: LocalDate, currency: Currency? = nil) throws -> (rollup: Rollup, financing: FinancingLines?) {
        let folded = try fold(asOf: asOf, currency: currency)
        return (folded.rollup, folded.financing)
    }

    /// Computes the rollup and stores it as a snapshot; returns the snapshot's id.
    ///
    /// Runs in the caller's transaction when there is one (the worker's, whose job completion
    /// then commits with the snapshot, fenced by the job's owner), else in its own.
    @discardableResult
    public func take(trigger: Trigger, asOf: LocalDate) throws -> Int {
        try connection.transaction { c in
            // One snapshot at a time, so each change is folded into exactly one snapshot. The
            // lock is granted by a statement of its own, and every input is then read by one
            // later statement (`RollupInputs`). At READ COMMITTED each statement reads from a
            // snapshot of the database taken when it starts, so that one is taken after the lock
            // was granted: it sees the previous snapshot and the changes that one marked, and all
            // its inputs come from the same view. In a REPEATABLE READ transaction the view would
            // be that of the transaction's first statement, which may come before the lock was
            // granted; so this runs at READ COMMITTED (the worker's transactions are; any other
            // level is refused) and gets its one view from one statement rather than from one
            // transaction. Reads at READ COMMITTED never fail to serialize (40001), so nothing is
            // retried; the only writes are the snapshot and the marks on the changes it read,
            // rows that no one else writes while the lock is held.
            let isolation = try c.one(LockRollup(key: RollupStore.lockKey))
            guard isolation == "read committed" else {
                throw PostgresError(.usage, "a rollup snapshot is taken at READ COMMITTED, not inside a \(isolation) transaction")
            }
            let folded = try self.fold(asOf: asOf, withFinancing: true)
            let id = try c.one(InsertRollupSnapshot(
                asOf: asOf, trigger: trigger.rawValue, rollup: folded.rollup, breakdown: try RollupStore.json(folded.rollup),
                financing: try folded.financing.map(RollupStore.json), fullRecompute: folded.full, deltasApplied: folded.deltaIDs.count))
            if !folded.deltaIDs.isEmpty {
                try c.execute(MarkDeltasFolded(snapshotID: id, deltaIDs: folded.deltaIDs))
            }
            return id
        }
    }

    /// The latest snapshot plus the changes not yet in one, or a full recomputation, from inputs
    /// read in one statement; the changes it reports are exactly those that view held.
    ///
    /// The financing lines are folded the same way when the newest snapshot has them and every
    /// change carries its project's ledger. Otherwise, `withFinancing` computes them from the
    /// whole ledger, read with the rest in one statement again (a snapshot's lines must be of the
    /// view whose changes it marks).
    func fold(asOf: LocalDate, currency: Currency? = nil, withFinancing: Bool = false) throws -> Folded {
        let folded = try readAndFold(asOf: asOf, currency: currency, withFinancing: withFinancing)
        try afterReadingInputs?()
        return folded
    }

    private func readAndFold(asOf: LocalDate, currency: Currency?, withFinancing: Bool) throws -> Folded {
        let inputs = try RollupInputs.read(connection, currency: currency, recompute: false)
        if let rollup = inputs.folded(asOf: asOf) {
            let financing = inputs.foldedFinancing(currency: rollup.currency)
            if financing != nil || !withFinancing {
                return Folded(rollup: rollup, deltaIDs: inputs.changeIDs, full: false, financing: financing)
            }
            let again = try RollupInputs.read(connection, currency: currency, recompute: false, financing: true)
            if let rollup = again.folded(asOf: asOf) {
                return Folded(rollup: rollup, deltaIDs: again.changeIDs, full: false, financing: try again.fullFinancing(rollup))
            }
        }
        // A snapshot that cannot take the changes is recomputed from the projects: read again
        // with the recomputation, in one statement again, and mark the changes of that view.
        let full = inputs.recomputation == nil || withFinancing
            ? try RollupInputs.read(connection, currency: currency, recompute: true, financing: withFinancing) : inputs
        guard let rollup = try full.recomputed(asOf: asOf) else {
            throw PostgresError(.decoding, "the rollup's inputs came back without the recomputation asked for")
        }
        return Folded(rollup: rollup, deltaIDs: full.changeIDs, full: true, financing: withFinancing ? try full.fullFinancing(rollup) : nil)
    }

    /// The portfolio rebuilt as it stood on `date` from the history of every field reports use.
    ///
    /// A project is in it once its first status is effective on or before `date`, with its last
    /// status effective by then (status changes cannot be dated before the last one). Its value,
    /// currency and value date, its sector and its lenders are each the most recently recorded
    /// entry effective on or before `date`, so a back-dated change counts from its effective date
    /// and, as of today, the rebuilt portfolio is the current one.
    /// With `recordedBy`, only the history recorded by then counts: the portfolio as the tracker
    /// would have reported it at that moment (the target and FX rates are today's).
    /// Its three reads share one REPEATABLE READ snapshot when the caller has no transaction open.
    public func rebuilt(asOf date: LocalDate, currency: Currency? = nil, recordedBy: Date? = nil,
                        backdatedOnlyAfter: Date? = nil) throws -> Rollup {
        try rebuiltWithInputs(asOf: date, currency: currency, recordedBy: recordedBy, backdatedOnlyAfter: backdatedOnlyAfter).rollup
    }

    /// `rebuilt(asOf:currency:recordedBy:backdatedOnlyAfter:)` with the projects it was
    /// computed from, for a caller that needs them again in the same view (the ledger's
    /// columns of the same report).
    public func rebuiltWithInputs(asOf date: LocalDate, currency: Currency? = nil, recordedBy: Date? = nil,
                                  backdatedOnlyAfter: Date? = nil) throws -> (rollup: Rollup, inputs: [RollupInput]) {
        try connection.transaction(isolation: .repeatableRead) { c in
            let target = try TargetStore(c).current().target
            let fx = try FXStore(c).table()
            let inputs = try c.run(RebuiltRollupInputs(asOf: date, recordedBy: recordedBy, backdatedOnlyAfter: backdatedOnlyAfter))
            return (try compute(inputs, fx: fx, currency: currency ?? target.amount.currency, target: target, asOf: date), inputs)
        }
    }

    /// The rollup of `inputs`; a value or target no rate converts is refused with the rate that would.
    func compute(_ inputs: [RollupInput], fx: FXTable, currency: Currency, target: Target, asOf: LocalDate) throws -> Rollup {
        for input in inputs {
            try Self.requireRate(for: input, fx: fx, currency: currency)
        }
        do {
            return try RollupCalculator.compute(inputs: inputs, fx: fx, currency: currency, target: target, asOf: asOf)
        } catch {
            throw Self.failure(error, target: target, currency: currency, asOf: asOf)
        }
    }

    /// Refuses an input that no rate in `fx` converts into `currency`, naming the project and the fix.
    static func requireRate(for input: RollupInput, fx: FXTable, currency: Currency) throws {
        let from = input.value.currency
        guard from != currency, fx.rate(for: from, in: currency, on: input.valueDate) == nil else { return }
        throw StoreError.invalid("the rollup cannot be computed: project \(input.code): "
            + RateCoverage.missingRateMessage(from, into: currency, on: input.valueDate))
    }

    /// A rollup that cannot be computed, as the message a user can act on.
    static func failure(_ error: DomainError, target: Target, currency: Currency, asOf: LocalDate) -> StoreError {
        if error.field == "target" {
            return StoreError.invalid("the target cannot be converted: "
                + RateCoverage.missingRateMessage(target.amount.currency, into: currency, on: asOf))
        }
        return StoreError.invalid("the rollup cannot be computed: \(error.message)")
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    // MARK: Reading snapshots

    /// Snapshots, newest first.
    public func list(limit: Int = 50) throws -> [Snapshot] {
        try snapshots(RollupSnapshots(limit: limit))
    }

    /// Snapshots taken from `since`, oldest first (for the trend).
    public func trend(limit: Int = 1000) throws -> [Snapshot] {
        try snapshots(RollupSnapshots(limit: limit)).reversed()
    }

    /// One snapshot.
    ///
    /// - Throws: `StoreError.snapshotNotFound` when there is none with that id.
    public func snapshot(_ id: Int) throws -> Snapshot {
        guard let found = try snapshots(RollupSnapshots(id: id, limit: 1)).first else {
            throw StoreError.snapshotNotFound(id)
        }
        return found
    }

    /// A project change folded into a snapshot after `after`'s predecessor and up to `upTo`.
    public struct ProjectChange: Sendable, Codable, Equatable {
        public let snapshot: Int
        public let code: String
        public let before: RollupInput?
        public let after: RollupInput?
    }

    /// The project changes folded into the snapshots after `from` up to and including `to`.
    public func changes(after from: Int, upTo to: Int) throws -> [ProjectChange] {
        let decoder = JSONDecoder()
        return try connection.run(FoldedChanges(after: from, upTo: to)).map { row in
            ProjectChange(
                snapshot: row.snapshot, code: row.code,
                before: try row.before.map { try decoder.decode(RollupInput.self, from: Data($0.utf8)) },
                after: try row.after.map { try decoder.decode(RollupInput.self, from: Data($0.utf8)) })
        }
    }

    /// What moved between two snapshots.
    public func diff(_ before: Int, _ after: Int) throws -> RollupDiff {
        let a = try snapshot(before)
        let b = try snapshot(after)
        do {
            return try RollupDiff(before: a.rollup, after: b.rollup)
        } catch {
            throw StoreError.invalid("snapshots \(before) and \(after) cannot be compared: \(error.message)")
        }
    }

    private func snapshots(_ statement: RollupSnapshots) throws -> [Snapshot] {
        try connection.run(statement).map { row in
            let rollup: Rollup
            do {
                rollup = try JSONDecoder().decode(Rollup.self, from: Data(row.breakdown.utf8))
            } catch {
                throw PostgresError(.decoding, "rollup snapshot \(row.id) does not decode: \(error)")
            }
            return Snapshot(id: row.id, takenAt: row.takenAt, trigger: row.trigger, fullRecompute: row.fullRecompute,
                            deltasApplied: row.deltasApplied, rollup: rollup)
        }
    }
}

extension RollupStore {
    /// Deletes changes already folded into a snapshot, older than `retention`.
    @discardableResult
    public func pruneDeltas(olderThan retention: Duration) throws -> Int {
        try connection.execute(PruneFoldedDeltas(olderThan: retention))
    }
}
