import Postgres

/// Records a ledger write as a rollup change of project `projectID`: its facts (`facts`, JSON)
/// stay as they were, and its ledger is as `project_ledger` sums it without `transactionIDs`
/// before and with them after (the trigger of migration 13 fills the latter).
public struct RecordLedgerDelta: PostgresPreparedStatement {
    public var projectID: Int
    public var transactionIDs: [Int]
    public var facts: String

    public init(projectID: Int, transactionIDs: [Int], facts: String) {
        self.projectID = projectID
        self.transactionIDs = transactionIDs
        self.facts = facts
    }

    public var query: PostgresQuery {
        """
        INSERT INTO rollup_deltas (project_id, before, after, ledger_before)
        VALUES (\(projectID), \(bind: PostgresBind(type: .jsonb, text: facts)), \(bind: PostgresBind(type: .jsonb, text: facts)),
                project_ledger(\(projectID), \(transactionIDs)::bigint[]))
        """
    }
}
