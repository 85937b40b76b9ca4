import Postgres

/// Records a project's rollup facts before and after a change, as JSON (nil before for a new
/// project, nil after for one removed).
public struct RecordRollupDelta: PostgresPreparedStatement {
    public var projectID: Int
    public var before: String?
    public var after: String?

    public init(projectID: Int, before: String?, after: String?) {
        self.projectID = projectID
        self.before = before
        self.after = after
    }

    public var query: PostgresQuery {
        """
        INSERT INTO rollup_deltas (project_id, before, after)
        VALUES (\(projectID), \(bind: PostgresBind(type: .jsonb, text: before)), \(bind: PostgresBind(type: .jsonb, text: after)))
        """
    }
}
