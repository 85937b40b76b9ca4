/// The field a database error concerns, named as a user knows it (`value`, `lender share`),
/// found from the error's table and column or from the constraint's name
/// (PostgreSQL names them `TABLE_COLUMN_check`, `TABLE_COLUMN_fkey`, `TABLE_COLUMN_key`).
struct DatabaseField: Sendable, Equatable {
    /// The user's name for the field.
    let name: String

    init(table: String?, column: String?, constraint: String?) {
        let column = column ?? Self.column(of: constraint, table: table)
        name = Self.userName(table: table ?? Self.table(of: constraint), column: column)
    }

    /// The column part of a generated constraint name.
    static func column(of constraint: String?, table: String?) -> String? {
        guard var text = constraint else { return nil }
        for suffix in ["_check", "_bound", "_fkey", "_key", "_not_null"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            break
        }
        let owner = table ?? Self.table(of: constraint)
        if let owner, text.hasPrefix(owner + "_") { text.removeFirst(owner.count + 1) }
        return text.isEmpty ? nil : text
    }

    /// The table a constraint name starts with, among the schema's tables.
    static func table(of constraint: String?) -> String? {
        guard let constraint else { return nil }
        return knownTables.filter { constraint.hasPrefix($0 + "_") }.max(by: { $0.count < $1.count })
    }

    static let knownTables = [
        "projects", "project_lenders", "lenders", "sectors", "fx_rates", "targets", "status_history",
        "value_history", "rollup_snapshots", "audit_log", "jobs", "currencies", "rollup_deltas",
    ]

    static func userName(table: String?, column: String?) -> String {
        switch (table, column) {
        case ("projects", "code"?), ("projects", "code_folded"?), ("projects", "code_start"?): "code"
        case ("projects", "sector_code"?): "--sector"
        case ("projects", "value_minor"?), ("value_history", "value_minor"?): "--value"
        case ("projects", "currency"?), ("value_history", "currency"?): "--currency"
        case ("projects", "start_date"?): "--start"
        case ("projects", "end_date"?), ("projects", "dates"?): "--end"
        case ("projects", let column?): "--" + words(column, "-")
        case ("project_lenders", "share_bp"?): "--lender (share)"
        case ("project_lenders", "part_minor"?): "--lender (part of the value)"
        case ("project_lenders", _): "--lender"
        case ("lenders", "name"?): "lender name"
        case ("lenders", let column?): "lender \(column)"
        case ("sectors", "code"?): "sector code"
        case ("sectors", let column?): "sector \(column)"
        case ("fx_rates", "rate"?): "rate"
        case ("fx_rates", let column?): "FX \(column)"
        case ("targets", "amount_minor"?): "target amount"
        case ("targets", let column?): "target \(column)"
        case ("status_history", "note"?): "--note"
        case ("status_history", "request_key"?): "--key"
        case ("status_history", let column?): "status \(words(column, " "))"
        case (_, let column?): words(column, " ")
        case (let table?, nil): words(table, " ")
        default: "a value"
        }
    }

    /// `value_date` as `value-date` or `value date`.
    private static func words(_ name: String, _ separator: String) -> String {
        name.split(separator: "_").joined(separator: separator)
    }
}
