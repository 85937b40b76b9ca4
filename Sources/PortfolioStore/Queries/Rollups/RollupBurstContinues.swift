import Postgres

/// Whether rollup job `id` should wait for more changes: younger than `minimumAge`, or a job
/// applying a status change is due or running and it is younger than `maximumWait`. Served by the partial
/// index on pending status changes.
public struct RollupBurstContinues: PostgresPreparedStatement {
    public var id: Int
    public var minimumAge: Duration
    public var maximumWait: Duration

    public init(id: Int, minimumAge: Duration, maximumWait: Duration) {
        self.id = id
        self.minimumAge = minimumAge
        self.maximumWait = maximumWait
    }

    public var query: PostgresQuery {
        """
        WITH this AS (SELECT now() - created_at AS age FROM jobs WHERE id = \(id))
        SELECT coalesce((SELECT age < \(milliseconds: minimumAge) FROM this), false)
            OR (coalesce((SELECT age < \(milliseconds: maximumWait) FROM this), false)
                AND EXISTS (
                    SELECT 1 FROM jobs s
                    WHERE s.kind = \(StatusApplyKind.literal) AND s.state IN ('available', 'running') AND s.id <> \(id)
                      AND (s.state = 'running' OR s.run_at <= now()))) AS waits
        """
    }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "waits") }
}
