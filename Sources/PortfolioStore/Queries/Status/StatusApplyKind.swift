import Postgres

/// The kind of the jobs that apply status changes, written into SQL as a literal, never bound:
/// the partial index on pending status changes (`kind = 'status.apply'`, migration 2) serves a
/// statement only when the planner sees the constant, and a prepared statement's generic plan
/// does not see a bound value (it scans the whole jobs table instead).
enum StatusApplyKind {
    static let literal: PostgresQuery = "'\(unescaped: StatusStore.applyJobKind)'"
}
