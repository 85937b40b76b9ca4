import Foundation
import Postgres
import PortfolioCore

/// Records what a change did to the rollup's inputs, in the change's own transaction.
public enum RollupDeltas {
    /// Records a project's facts before and after a change (nil before for a new project).
    /// Nothing is recorded when the facts did not change.
    public static func record(_ connection: Connection, projectID: Int, before: RollupInput?, after: RollupInput?) throws {
        guard before != after else { return }
        try connection.execute(RecordRollupDelta(projectID: projectID, before: try encoded(before), after: try encoded(after)))
    }

    /// A project's facts as a change stores them: JSON with sorted keys; nil stays nil.
    static func encoded(_ input: RollupInput?) throws -> String? {
        guard let input else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(input), as: UTF8.self)
    }

    /// Asks the next snapshot to recompute everything (rates changed, many projects arrived).
    public static func reset(_ connection: Connection, reason: String) throws {
        try connection.execute(ResetRollup(reason: reason))
    }
}
