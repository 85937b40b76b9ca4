/// A table `export --all` writes and `import --all` restores: its columns, the order its rows
/// are written in, and its COPY statements (CSV with a header naming the columns). The names
/// are fixed here, never input.
public struct ArchiveTable: Sendable, Hashable {
    public let name: String
    public let columns: [String]
    let order: String
    /// Whether the table's `id` column draws on a sequence, reset after a restore.
    let hasSequence: Bool

    /// The file the table is written to: `projects.csv`.
    public var fileName: String { name + ".csv" }

    /// `COPY (SELECT … ORDER BY …) TO STDOUT` as CSV with a header.
    public var copyOut: String {
        "COPY (SELECT \(columns.joined(separator: ", ")) FROM \(name) ORDER BY \(order)) TO STDOUT (FORMAT csv, HEADER true)"
    }

    /// `COPY … FROM STDIN` as CSV whose header must name the columns in order.
    public var copyIn: String {
        "COPY \(name) (\(columns.joined(separator: ", "))) FROM STDIN (FORMAT csv, HEADER match)"
    }

    /// Every archived table, parents before the tables that refer to them. Jobs, leases and
    /// periodic runs are the worker's working state and are not archived.
    public static let all: [ArchiveTable] = [
        ArchiveTable(name: "sectors", columns: ["code", "name", "dac_code", "created_at"], order: "code", hasSequence: false),
        ArchiveTable(name: "dac_sectors", columns: ["code", "name", "withdrawn", "sector_code", "loaded_at"], order: "code",
                     hasSequence: false),
        ArchiveTable(name: "lenders", columns: ["id", "name", "country", "kind", "created_at"], order: "id", hasSequence: true),
        ArchiveTable(name: "fx_rates", columns: ["currency", "quote", "rate_date", "rate", "source", "created_at"],
                     order: "currency, quote, rate_date", hasSequence: false),
        ArchiveTable(name: "targets", columns: ["id", "amount_minor", "currency", "set_at", "actor"], order: "id", hasSequence: true),
        ArchiveTable(name: "projects", columns: ["id", "code", "name", "sector_code", "status", "value_minor", "currency", "value_date",
                                                 "start_date", "end_date", "location", "description", "version", "created_at", "updated_at",
                                                 "aggregates"],
                     order: "id", hasSequence: true),
        ArchiveTable(name: "project_sources", columns: ["project_id", "source", "record_id", "amount_basis", "shares_estimated",
                                                        "co_financiers", "recorded_at"], order: "project_id", hasSequence: false),
        ArchiveTable(name: "project_lenders", columns: ["project_id", "lender_id", "share_bp", "part_minor"],
                     order: "project_id, lender_id", hasSequence: false),
        ArchiveTable(name: "status_history", columns: ["id", "project_id", "from_status", "to_status", "effective_date", "recorded_at",
                                                       "note", "forced", "actor", "request_key"], order: "id", hasSequence: true),
        ArchiveTable(name: "value_history", columns: ["id", "project_id", "value_minor", "currency", "value_date", "effective_date",
                                                      "recorded_at", "actor"], order: "id", hasSequence: true),
        ArchiveTable(name: "sector_history", columns: ["id", "project_id", "sector_code", "effective_date", "recorded_at", "actor"],
                     order: "id", hasSequence: true),
        ArchiveTable(name: "lender_history", columns: ["id", "project_id", "lender_names", "lender_shares", "effective_date", "recorded_at",
                                                       "actor"], order: "id", hasSequence: true),
        ArchiveTable(name: "detail_history", columns: ["id", "project_id", "name", "start_date", "end_date", "location", "description",
                                                       "effective_date", "recorded_at", "actor"], order: "id", hasSequence: true),
        ArchiveTable(name: "ledger_transactions", columns: ["id", "project_id", "lender_id", "type", "amount_minor", "currency", "value_date",
                                                            "reference", "note", "forced", "actor", "recorded_at"], order: "id", hasSequence: true),
        ArchiveTable(name: "rollup_snapshots", columns: ["id", "taken_at", "as_of", "trigger", "currency", "target_minor", "total_minor",
                                                         "counted_minor", "pipeline_minor", "suspended_minor", "cancelled_minor",
                                                         "project_count", "breakdown", "full_recompute", "deltas_applied", "financing"],
                     order: "id", hasSequence: true),
        ArchiveTable(name: "rollup_deltas", columns: ["id", "project_id", "before", "after", "reset", "reason", "recorded_at", "snapshot_id",
                                                      "ledger_before", "ledger_after"],
                     order: "id", hasSequence: true),
        ArchiveTable(name: "audit_log", columns: ["id", "at", "actor", "action", "entity", "entity_key", "before", "after"],
                     order: "id", hasSequence: true),
    ]
}
