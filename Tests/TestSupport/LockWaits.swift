import Postgres

/// Observes sessions blocked on a lock: the point at which a forced interleaving's other side
/// is known to be waiting (for an advisory lock a test holds, or a row or transaction lock).
public enum LockWaits {
    /// Sessions of the database waiting for a lock, all of them or only those waiting for the
    /// advisory lock `advisoryKey` (a key below 2^32, taken with the one-number functions).
    public static func count(_ db: TestDatabase, advisoryKey: Int? = nil) async throws -> Int {
        try await db.run { c in
            try c.query(
                """
                SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE NOT l.granted AND a.datname = current_database()
                  AND ($1::bigint IS NULL OR (l.locktype = 'advisory' AND l.classid = 0 AND l.objid::bigint = $1 AND l.objsubid = 1))
                """, advisoryKey).scalar(Int.self)
        }
    }

    /// Polls until `condition` holds; false if it still does not after `limit` (a guard against
    /// hanging, not a measure: callers require true).
    public static func until(
        within limit: Duration = .seconds(60), _ condition: @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }

    /// Polls until a session of the database waits for a lock (see `count`).
    public static func someoneWaits(_ db: TestDatabase, advisoryKey: Int? = nil) async throws -> Bool {
        try await until { try await count(db, advisoryKey: advisoryKey) > 0 }
    }
}
