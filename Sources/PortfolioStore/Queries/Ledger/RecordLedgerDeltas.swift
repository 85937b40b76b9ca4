import Postgres

/// Records ledger writes as rollup changes, one per project: project `projectIDs[i]` keeps its
/// facts (`facts[i]`, JSON), and its ledger is as `project_ledger` sums it without the
/// transactions written (those of `transactionIDs` whose `transactionProjects` entry is the
/// project) before, and with them after (the trigger of migration 13 fills the latter).
public struct RecordLedgerDeltas: PostgresPreparedStatement {
    public var projectIDs: [Int]
    public var facts: [String]
    public var transactionProjects: [Int]
    public var transactionIDs: [Int]

    public init(projectIDs: [Int], facts: [String], transactionProjects: [Int], transactionIDs: [Int]) {
        self.projectIDs = projectIDs
        self.facts = facts
        self.transactionProjects = transactionProjects
        self.transactionIDs = transactionIDs
    }

    public var query: PostgresQuery {
        """
        INSERT INTO rollup_deltas (project_id, before, after, ledger_before)
        SELECT u.project_id, u.facts::jsonb, u.facts::jsonb,
               project_ledger(u.project_id, ARRAY(SELECT w.id FROM unnest(\(transactionProjects)::bigint[], \(transactionIDs)::bigint[])
                                                  AS w(project_id, id) WHERE w.project_id = u.project_id))
        FROM unnest(\(projectIDs)::bigint[], \(facts)::text[]) AS u(project_id, facts)
        ORDER BY u.project_id
        """
    }
}
