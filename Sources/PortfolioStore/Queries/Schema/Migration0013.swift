/// The ledger in the rollup: each change of a project's rollup facts also records the project's
/// ledger (its transactions summed per lender and type, converted into the reporting currency
/// at their value dates) before and after, and a snapshot keeps the portfolio's financing lines,
/// so a snapshot folds transactions in at the cost of the changes, as it folds status changes.
///
/// `project_ledger` is that sum as JSON, `{"currency", "missing", "sums": [{"lender", "type",
/// "amount"}]}`, leaving out the transactions in `excluding` (a ledger write records the sums
/// before it that way). A trigger fills a change's ledger when its writer did not: a project
/// change leaves the ledger as it was, so before and after are the same.
enum Migration0013 {
    static let sql = #"""
    ALTER TABLE rollup_deltas ADD COLUMN ledger_before jsonb, ADD COLUMN ledger_after jsonb;
    ALTER TABLE rollup_snapshots ADD COLUMN financing jsonb;

    CREATE FUNCTION project_ledger(project bigint, excluding bigint[] DEFAULT '{}') RETURNS jsonb
    LANGUAGE sql STABLE AS $$
        WITH quote AS (
            SELECT coalesce((SELECT currency FROM targets ORDER BY id DESC LIMIT 1), 'USD')::char(3) AS code
        ), moves AS (
            SELECT t.lender_id, t.type, ledger_convert(t.amount_minor, t.currency, (SELECT code FROM quote), t.value_date) AS amount
            FROM ledger_transactions t WHERE t.project_id = project AND t.id <> ALL (excluding)
        )
        SELECT jsonb_build_object(
            'currency', (SELECT code FROM quote),
            'missing', (SELECT count(*) FROM moves WHERE amount IS NULL),
            'sums', coalesce((
                SELECT jsonb_agg(jsonb_build_object('lender', l.name, 'type', s.type, 'amount', s.amount::text) ORDER BY l.name, s.type)
                FROM (SELECT lender_id, type, sum(amount) AS amount FROM moves GROUP BY lender_id, type) s
                JOIN lenders l ON l.id = s.lender_id), '[]'::jsonb))
    $$;

    CREATE FUNCTION rollup_delta_ledger() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.project_id IS NOT NULL AND NEW.ledger_after IS NULL THEN
            NEW.ledger_after := project_ledger(NEW.project_id);
            NEW.ledger_before := coalesce(NEW.ledger_before, NEW.ledger_after);
        END IF;
        RETURN NEW;
    END $$;
    CREATE TRIGGER rollup_delta_ledger BEFORE INSERT ON rollup_deltas
        FOR EACH ROW EXECUTE FUNCTION rollup_delta_ledger();
    """#
}
