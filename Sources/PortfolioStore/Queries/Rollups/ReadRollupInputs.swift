import Postgres

/// The inputs, one row each, by `kind`:
/// - `h` (always one): `currency` the reporting currency (`currency`, else the target's, else `fallbackCurrency`),
///   `reset` whether the recomputation rows follow (`recompute`, a pending reset, or the newest snapshot
///   missing or in another currency), `breakdown` and `financing` the newest snapshot when they do not;
/// - `t` (none while no target is set): the target, `value_minor` in `currency`;
/// - `x`: an FX rate, `currency` in `quote` on `value_date` is `rate`;
/// - `d`: a pending change `id` with its `before` and `after` facts, `reset`, and the project's
///   `ledger_before` and `ledger_after` (`project_ledger`, migration 13);
/// - `g`, `s`, `p`, only with a recomputation: a sector and status group of projects in the
///   reporting currency, a lender's stored parts of those summed by status, and a project in
///   another currency (converted, then split, in Swift).
///
/// - `l`, `q`, `c`, only with `financing`: the ledger per project (`code`), `lender` and type
///   (`status`), converted into the reporting currency and summed (`value_minor`; `projects`
///   counts the transactions no rate converted); a project the financing lines cannot take from
///   the rollup alone (pledged, or with transactions), as `p`; the project–lender pairs of the
///   financing lines per `sector_code`, `status` or `lender` (`code` names the breakdown).
///
/// Projects not counted in aggregates (`projects.aggregates`, migration 14) are in no part.
///
/// Every part is in this one statement, so every part is read from the same snapshot.
public struct ReadRollupInputs: PostgresPreparedStatement {
    public var currency: String?
    public var fallbackCurrency: String
    public var recompute: Bool
    /// Whether the rows of the financing lines follow (`l`, `q`, `c`).
    public var financing: Bool

    public init(currency: String?, fallbackCurrency: String, recompute: Bool, financing: Bool = false) {
        self.currency = currency
        self.fallbackCurrency = fallbackCurrency
        self.recompute = recompute
        self.financing = financing
    }

    public var query: PostgresQuery {
        """
        WITH target AS (
            SELECT amount_minor, currency FROM targets ORDER BY id DESC LIMIT 1
        ), reporting AS (
            SELECT coalesce(\(currency)::char(3), (SELECT currency FROM target), \(fallbackCurrency)::char(3)) AS code
        ), latest AS (
            SELECT currency, breakdown, financing FROM rollup_snapshots ORDER BY id DESC LIMIT 1
        ), pending AS (
            SELECT id, before, after, reset, ledger_before, ledger_after FROM rollup_deltas WHERE snapshot_id IS NULL
        ), plan AS (
            SELECT \(recompute)::boolean OR EXISTS (SELECT 1 FROM pending WHERE reset)
                   OR (SELECT currency FROM latest) IS DISTINCT FROM (SELECT code FROM reporting) AS recompute
        )
        SELECT 'h'::text AS kind, NULL::bigint AS id, NULL::text AS sector_code, NULL::text AS status, NULL::text AS lender,
               NULL::bigint AS projects, NULL::numeric AS value_minor, NULL::text AS code, r.code AS currency,
               NULL::date AS value_date, NULL::text[] AS lender_names, NULL::integer[] AS lender_shares,
               NULL::char(3) AS quote, NULL::text AS rate, NULL::text AS before, NULL::text AS after, plan.recompute AS reset,
               CASE WHEN plan.recompute THEN NULL ELSE (SELECT breakdown::text FROM latest) END AS breakdown,
               NULL::text AS ledger_before, NULL::text AS ledger_after,
               CASE WHEN plan.recompute THEN NULL ELSE (SELECT financing::text FROM latest) END AS financing
        FROM reporting r, plan
        UNION ALL
        SELECT 't', NULL, NULL, NULL, NULL, NULL, amount_minor, NULL, currency, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM target
        UNION ALL
        SELECT 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, currency, rate_date, NULL, NULL, quote, rate::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM fx_rates
        UNION ALL
        SELECT 'd', id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, before::text, after::text, reset, NULL,
               ledger_before::text, ledger_after::text, NULL
        FROM pending
        UNION ALL
        SELECT 'g', NULL, sector_code, status, NULL, count(*), sum(value_minor), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL, NULL, NULL
        FROM projects WHERE (SELECT recompute FROM plan) AND aggregates AND currency = (SELECT code FROM reporting) GROUP BY sector_code, status
        UNION ALL
        SELECT 's', NULL, NULL, s.status, l.name, s.projects, s.parts, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT pl.lender_id, p.status, count(*) AS projects, sum(pl.part_minor) AS parts
              FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
              WHERE (SELECT recompute FROM plan) AND p.aggregates AND p.currency = (SELECT code FROM reporting)
              GROUP BY pl.lender_id, p.status) s
        JOIN lenders l ON l.id = s.lender_id
        UNION ALL
        SELECT 'p', NULL, p.sector_code, p.status, NULL, NULL, p.value_minor, p.code, p.currency, p.value_date,
               \(LenderColumns.aggregated),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM projects p JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id
        WHERE (SELECT recompute FROM plan) AND p.aggregates
          AND (p.currency < (SELECT code FROM reporting) OR p.currency > (SELECT code FROM reporting))
        GROUP BY p.id
        UNION ALL
        SELECT 'l', NULL, NULL, m.type, l.name, count(*) FILTER (WHERE m.amount IS NULL), coalesce(sum(m.amount), 0), p.code,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT t.project_id, t.lender_id, t.type,
                     ledger_convert(t.amount_minor, t.currency, r.code, t.value_date) AS amount
              FROM ledger_transactions t, reporting r WHERE \(financing)::boolean) m
        JOIN projects p ON p.id = m.project_id JOIN lenders l ON l.id = m.lender_id
        WHERE p.aggregates
        GROUP BY p.code, l.name, m.type
        UNION ALL
        SELECT 'q', NULL, p.sector_code, p.status, NULL, NULL, p.value_minor, p.code, p.currency, p.value_date,
               \(LenderColumns.currentNames), \(LenderColumns.currentShares),
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM projects p
        WHERE \(financing)::boolean AND p.aggregates
          AND p.id IN (SELECT id FROM projects WHERE status = 'pledged' UNION SELECT project_id FROM ledger_transactions)
        UNION ALL
        SELECT 'c', NULL, c.sector_code, c.status, c.lender, c.pairs, NULL, c.breakdown,
               NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT CASE WHEN GROUPING(p.sector_code) = 0 THEN 'sector' WHEN GROUPING(p.status) = 0 THEN 'status' ELSE 'lender' END
                         AS breakdown,
                     p.sector_code, p.status, l.name AS lender, count(*) AS pairs
              FROM (SELECT pl.project_id, pl.lender_id FROM project_lenders pl JOIN projects x ON x.id = pl.project_id
                    WHERE \(financing)::boolean AND x.status <> 'pledged'
                    UNION SELECT t.project_id, t.lender_id FROM ledger_transactions t WHERE \(financing)::boolean) f
              JOIN projects p ON p.id = f.project_id JOIN lenders l ON l.id = f.lender_id
              WHERE p.aggregates
              GROUP BY GROUPING SETS ((p.sector_code), (p.status), (l.name))) c
        """
    }

    /// The rows are read by `kind` (`RollupInputs`).
    public func decode(_ row: PostgresRow) throws -> PostgresRow { row }
}
