import Postgres

/// Each project's lenders with their parts of its value: `LenderShare.split`'s largest-remainder
/// split (shares rounded down, the units left over to the largest remainders, ties to the
/// stored name whose bytes sort first), by the lenders' stored names whatever case the file
/// gave them in, as a fold and a full recomputation split them.
public struct InsertStagedLenders: PostgresPreparedStatement {
    public init() {}

    public var query: PostgresQuery {
        """
        INSERT INTO project_lenders (project_id, lender_id, share_bp, part_minor)
        SELECT project_id, lender_id, share, (base + CASE WHEN rank <= leftover THEN 1 ELSE 0 END)::bigint
        FROM (
            SELECT p.id AS project_id, l.id AS lender_id, u.share,
                   floor(s.value_minor::numeric * u.share / 10000) AS base,
                   row_number() OVER (PARTITION BY p.id
                                      ORDER BY mod(s.value_minor::numeric * u.share, 10000) DESC, l.name COLLATE "C") AS rank,
                   s.value_minor - sum(floor(s.value_minor::numeric * u.share / 10000)) OVER (PARTITION BY p.id) AS leftover
            FROM import_staging s
            JOIN projects p ON p.code = s.code
            CROSS JOIN LATERAL unnest(s.lender_names, s.lender_shares) AS u(name, share)
            JOIN lenders l ON lower(l.name) = lower(u.name)
        ) split
        """
    }
}
