import Postgres
import PortfolioCore

/// Records one transaction; the database checks the lender, the date and the commitment
/// (migration 11). Returns its id.
public struct InsertLedgerTransaction: PostgresPreparedStatement {
    public var projectID: Int
    public var lenderID: Int
    public var entry: LedgerEntry
    public var actor: String

    public init(projectID: Int, lenderID: Int, entry: LedgerEntry, actor: String) {
        self.projectID = projectID
        self.lenderID = lenderID
        self.entry = entry
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO ledger_transactions (project_id, lender_id, type, amount_minor, currency, value_date, reference, note, forced, actor)
        VALUES (\(projectID), \(lenderID), \(entry.type.rawValue), \(entry.amount.minorUnits), \(entry.amount.currency.code),
                \(bind: entry.valueDate.bind), \(entry.reference), \(entry.note), \(entry.forced), \(actor))
        RETURNING id
        """
    }

    public func decode(_ row: PostgresRow) throws -> Int { try row.decode(Int.self, "id") }
}
