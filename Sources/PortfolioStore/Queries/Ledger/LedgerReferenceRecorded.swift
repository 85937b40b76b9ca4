import Postgres

/// Whether the project with this code has a transaction with this reference.
public struct LedgerReferenceRecorded: PostgresPreparedStatement {
    public var code: String
    public var reference: String

    public init(code: String, reference: String) {
        self.code = code
        self.reference = reference
    }

    public var query: PostgresQuery {
        """
        SELECT EXISTS (SELECT 1 FROM ledger_transactions t JOIN projects p ON p.id = t.project_id
                       WHERE p.code = \(code) AND t.reference = \(reference)) AS recorded
        """
    }

    public func decode(_ row: PostgresRow) throws -> Bool { try row.decode(Bool.self, "recorded") }
}
