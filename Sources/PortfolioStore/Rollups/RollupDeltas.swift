import Foundation
import Postgres
import PortfolioCore

/// Records what a change did to the rollup's inputs, in the change's own transaction.
public enum RollupDeltas {
    /// Records a project's facts before and after a change (nil before for a new project).
    /// Nothing is recorded when the facts did not change.
    public static func record(_ connection: Connection, projectID: Int, before: RollupInput?, after: RollupInput?) throws {
        guard before != after else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        func json(_ input: RollupInput?) throws -> String? {
            try input.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        }
        try connection.query(
            "INSERT INTO rollup_deltas (project_id, before, after) VALUES ($1, $2, $3)",
            [PostgresBind(projectID), PostgresBind(type: .jsonb, text: try json(before)), PostgresBind(type: .jsonb, text: try json(after))])
    }

    /// Asks the next snapshot to recompute everything (rates changed, many projects arrived).
    public static func reset(_ connection: Connection, reason: String) throws {
        try connection.query("INSERT INTO rollup_deltas (reset, reason) VALUES (true, $1)", reason)
    }
}
