import Postgres

/// Deletes a project's lenders, before they are inserted again with new parts.
public struct DeleteProjectLenders: PostgresPreparedStatement {
    public var projectID: Int

    public init(projectID: Int) { self.projectID = projectID }

    public var query: PostgresQuery { "DELETE FROM project_lenders WHERE project_id = \(projectID)" }
}
