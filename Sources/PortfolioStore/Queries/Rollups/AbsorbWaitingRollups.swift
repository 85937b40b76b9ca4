import Postgres

/// Cancels the jobs of `kind` and `uniqueKey` waiting beside job `id`: its snapshot folds their
/// changes.
public struct AbsorbWaitingRollups: PostgresPreparedStatement {
    public var id: Int
    public var kind: String
    public var uniqueKey: String?

    public init(id: Int, kind: String, uniqueKey: String?) {
        self.id = id
        self.kind = kind
        self.uniqueKey = uniqueKey
    }

    public var query: PostgresQuery {
        """
        UPDATE jobs SET state = 'cancelled', finished_at = now(),
               last_error = 'folded into the snapshot of rollup job ' || \(id)::bigint
        WHERE kind = \(kind) AND unique_key = \(uniqueKey) AND state = 'available' AND id <> \(id)
        """
    }
}
