import Postgres

/// Whether rollup job `id` should wait for more changes: younger than `minimumAge`, or a job
/// of `applyKind` is due or running and it is younger than `maximumWait`. Served by the partial
/// index on pending status changes.
public struct RollupBurstContinues: PostgresPreparedStatement {
    public var id: Int
    public var minimumAge: Duration
    public var maximumWait: Duration
    public var applyKind: String

    public init(id: Int, minimumAge: Duration, maximumWait: Duration, applyKind: String) {
        self.id = id
        self.minimumAge = minimumAge
        self.maximumWait = maximumWait
        self.applyKind = applyKind
    }

    public var query: PostgresQuery {
        """
        WITH this AS (SELECT now() - created_at AS age FROM jobs WHERE id = \(id))
        SELECT coalesce((SELECT age < \(milliseconds: minimumAge) FROM this), false)
            OR (coalesce((SELECT age < \(milliseconds: maximumWait) FROM this), false)
                AND EXISTS (
                    SELECT 1 FROM jobs s
                    WHERE s.kind = \(applyKind) AND s.state IN ('available', 'running') AND s.id <> \(id)
                      AND (s.state = 'running' OR s.run_at <= now()))) AS waits
        """
    }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "waits") }
}
