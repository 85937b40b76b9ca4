/// Periodic runs found by when they were inserted: a leader inserts a period's job unless a run
/// of that name was inserted since the period began, whatever interval its inserter had.
enum Migration0009 {
    static let sql = #"""
    CREATE INDEX periodic_runs_inserted_idx ON periodic_runs (name, inserted_at);
    """#
}
