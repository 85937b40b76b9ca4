import Postgres

/// Whether the server is a standby, and how far behind its primary it is, in seconds: zero
/// when it is not a standby, or streams and has replayed all it received; else the time since
/// the last transaction it replayed (a standby cut off from its primary, or one whose replay
/// is paused, falls further behind as time passes). Milliseconds, whole.
public struct ReplicationLag: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT pg_is_in_recovery() AS standby,
               CASE WHEN NOT pg_is_in_recovery() THEN 0
                    WHEN (SELECT status FROM pg_stat_wal_receiver LIMIT 1) = 'streaming'
                         AND pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
                    ELSE coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000, 0)
               END::bigint AS lag_ms
        """
    }

    public func decode(_ row: PostgresRow) throws -> (standby: Bool, milliseconds: Int) {
        (try row.decode(Bool.self, "standby"), try row.decode(Int.self, "lag_ms"))
    }
}
