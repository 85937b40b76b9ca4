import Postgres

/// How a project's lenders are read, written once: names and shares in one order, largest
/// share first and then by name, so the two arrays pair up and split the same way everywhere.
enum LenderColumns {
    /// `lender_names` and `lender_shares` of the project rows grouped by `p.id`, joined
    /// `LEFT JOIN project_lenders pl … LEFT JOIN lenders l`; empty arrays for none.
    static let aggregated: PostgresQuery = """
        coalesce(array_agg(l.name ORDER BY pl.share_bp DESC, l.name) FILTER (WHERE l.id IS NOT NULL), '{}') AS lender_names,
        coalesce(array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name) FILTER (WHERE l.id IS NOT NULL), '{}') AS lender_shares
        """

    /// The current lenders' names of project `p`, as a scalar subquery.
    static let currentNames: PostgresQuery = """
        (SELECT array_agg(l.name ORDER BY pl.share_bp DESC, l.name)
         FROM project_lenders pl JOIN lenders l ON l.id = pl.lender_id WHERE pl.project_id = p.id)
        """

    /// The current lenders' shares of project `p`, in `currentNames`' order.
    static let currentShares: PostgresQuery = """
        (SELECT array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name)
         FROM project_lenders pl JOIN lenders l ON l.id = pl.lender_id WHERE pl.project_id = p.id)
        """
}
