/// Each lender's part split again by the lender's stored name. Parts written from a name typed
/// in another case than the stored one could break a tie the other way than a fold or a full
/// recomputation, which split by the stored names, and so differ by a minor unit. The split is
/// migration 4's (ties to the stored name whose bytes sort first, `COLLATE "C"`, as
/// `LenderShare.split`). When a part moved, the next snapshot recomputes everything.
enum Migration0008 {
    static let sql = #"""
    WITH split AS (
        SELECT pl.project_id, pl.lender_id,
               (floor(p.value_minor::numeric * pl.share_bp / 10000)
                + CASE WHEN row_number() OVER (PARTITION BY pl.project_id
                                               ORDER BY mod(p.value_minor::numeric * pl.share_bp, 10000) DESC, l.name COLLATE "C")
                            <= p.value_minor - sum(floor(p.value_minor::numeric * pl.share_bp / 10000)) OVER (PARTITION BY pl.project_id)
                       THEN 1 ELSE 0 END)::bigint AS part
        FROM project_lenders pl
        JOIN projects p ON p.id = pl.project_id
        JOIN lenders l ON l.id = pl.lender_id
    ), moved AS (
        UPDATE project_lenders pl SET part_minor = split.part
        FROM split
        WHERE split.project_id = pl.project_id AND split.lender_id = pl.lender_id AND pl.part_minor <> split.part
        RETURNING pl.project_id
    )
    INSERT INTO rollup_deltas (reset, reason)
    SELECT true, 'lender parts split again by the stored lender names' WHERE EXISTS (SELECT 1 FROM moved);
    """#
}
