import Postgres

/// How many rows the tables a restore fills hold, seeds left aside: a target set by `system`
/// and the sectors migrations add do not count, the rest must be zero.
public struct ArchivedRowsPresent: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        SELECT (SELECT count(*) FROM projects) + (SELECT count(*) FROM lenders) + (SELECT count(*) FROM fx_rates)
             + (SELECT count(*) FROM ledger_transactions) + (SELECT count(*) FROM status_history)
             + (SELECT count(*) FROM rollup_snapshots) + (SELECT count(*) FROM rollup_deltas) + (SELECT count(*) FROM audit_log)
             + (SELECT count(*) FROM targets WHERE actor <> 'system') AS present
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "present") }
}

/// Removes the targets migrations seed, which a restore replaces.
public struct RemoveSeededTargets: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "DELETE FROM targets" }
}

/// Removes the sectors migrations seed (no project refers to them yet), which a restore replaces.
public struct RemoveSeededSectors: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "DELETE FROM sectors" }
}

/// Sets the sequence of `table`'s `id` past its largest restored id.
public struct ResetArchiveSequence: PostgresPreparedStatement {
    public var table: ArchiveTable

    public init(_ table: ArchiveTable) { self.table = table }

    public var query: PostgresQuery {
        """
        SELECT setval(pg_get_serial_sequence(\(table.name), 'id'), coalesce(max(id), 1), max(id) IS NOT NULL)
        FROM \(unescaped: table.name)
        """
    }
}

/// The newest migration applied: the schema version an archive is written at.
public struct SchemaVersion: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery { "SELECT coalesce(max(version), 0) AS version FROM schema_migrations" }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "version") }
}

/// The ledger's entry checks (`ledger_transactions_check`, migration 11) are off while a
/// restore writes transactions that passed them when they were first recorded, and on again
/// before it commits. Only the table's owner may switch them.
public enum LedgerEntryChecks {
    public static let off = "ALTER TABLE ledger_transactions DISABLE TRIGGER ledger_transactions_check"
    public static let on = "ALTER TABLE ledger_transactions ENABLE TRIGGER ledger_transactions_check"
}

/// The session settings archives are written and read with, whatever the server's defaults:
/// ISO dates and UTC times, so a file reads back to the same values anywhere.
public enum ArchiveSession {
    public static let settings = "SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL TimeZone = 'UTC'; SET LOCAL IntervalStyle = 'postgres'"
}
