import Postgres

/// Inserts a project's lenders with their shares (basis points) and parts of its value, in one
/// statement; the three arrays pair up.
public struct InsertProjectLenders: PostgresPreparedStatement {
    public var projectID: Int
    public var lenderIDs: [Int]
    public var shares: [Int]
    public var parts: [Int128]

    public init(projectID: Int, lenderIDs: [Int], shares: [Int], parts: [Int128]) {
        self.projectID = projectID
        self.lenderIDs = lenderIDs
        self.shares = shares
        self.parts = parts
    }

    public var query: PostgresQuery {
        """
        INSERT INTO project_lenders (project_id, lender_id, share_bp, part_minor)
        SELECT \(projectID), u.lender_id, u.share_bp, u.part_minor
        FROM unnest(\(lenderIDs)::bigint[], \(shares)::integer[], \(parts)::bigint[]) AS u(lender_id, share_bp, part_minor)
        """
    }
}
