import Postgres

/// Marks the changes a snapshot folded.
public struct MarkDeltasFolded: PostgresPreparedStatement {
    public var snapshotID: Int
    public var deltaIDs: [Int]

    public init(snapshotID: Int, deltaIDs: [Int]) {
        self.snapshotID = snapshotID
        self.deltaIDs = deltaIDs
    }

    public var query: PostgresQuery {
        "UPDATE rollup_deltas SET snapshot_id = \(snapshotID) WHERE id = ANY(\(deltaIDs)::bigint[])"
    }
}
