import Foundation
import Postgres
import PortfolioCore

extension LedgerStore {
    /// The job kind of a queued transaction.
    public static let recordJobKind = "ledger.record"

    /// Records a queued transaction in the caller's transaction (the worker's, whose job
    /// completes with it); false when its reference was recorded already (by an earlier run of
    /// the same job, or by hand), so nothing is doubled.
    ///
    /// - Throws: `StoreError` for what the ledger refuses, as `tx add` would report it.
    public func recordQueued(_ queued: QueuedTransaction) throws -> Bool {
        let entry = try queued.entry()
        if let reference = entry.reference, try connection.one(LedgerReferenceRecorded(code: entry.projectCode, reference: reference)) {
            return false
        }
        try recordRollupChanges([try record(entry, actor: queued.actor, where: nil)])
        return true
    }
}
