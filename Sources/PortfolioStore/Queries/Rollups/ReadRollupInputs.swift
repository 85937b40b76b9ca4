import Postgres

/// The inputs, one row each, by `kind`:
/// - `h` (always one): `currency` the reporting currency (`currency`, else the target's, else `fallbackCurrency`),
///   `reset` whether the recomputation rows follow (`recompute`, a pending reset, or the newest snapshot
///   missing or in another currency), `breakdown` the newest snapshot when they do not;
/// - `t` (none while no target is set): the target, `value_minor` in `currency`;
/// - `x`: an FX rate, `currency` in `quote` on `value_date` is `rate`;
/// - `d`: a pending change `id` with its `before` and `after` facts and `reset`;
/// - `g`, `s`, `p`, only with a recomputation: a sector and status group of projects in the
///   reporting currency, a lender's stored parts of those summed by status, and a project in
///   another currency (converted, then split, in Swift).
///
/// Every part is in this one statement, so every part is read from the same snapshot.
public struct ReadRollupInputs: PostgresPreparedStatement {
    public var currency: String?
    public var fallbackCurrency: String
    public var recompute: Bool

    public init(currency: String?, fallbackCurrency: String, recompute: Bool) {
        self.currency = currency
        self.fallbackCurrency = fallbackCurrency
        self.recompute = recompute
    }

    public var query: PostgresQuery {
        """
        WITH target AS (
            SELECT amount_minor, currency FROM targets ORDER BY id DESC LIMIT 1
        ), reporting AS (
            SELECT coalesce(\(currency)::char(3), (SELECT currency FROM target), \(fallbackCurrency)::char(3)) AS code
        ), latest AS (
            SELECT currency, breakdown FROM rollup_snapshots ORDER BY id DESC LIMIT 1
        ), pending AS (
            SELECT id, before, after, reset FROM rollup_deltas WHERE snapshot_id IS NULL
        ), plan AS (
            SELECT \(recompute)::boolean OR EXISTS (SELECT 1 FROM pending WHERE reset)
                   OR (SELECT currency FROM latest) IS DISTINCT FROM (SELECT code FROM reporting) AS recompute
        )
        SELECT 'h'::text AS kind, NULL::bigint AS id, NULL::text AS sector_code, NULL::text AS status, NULL::text AS lender,
               NULL::bigint AS projects, NULL::numeric AS value_minor, NULL::text AS code, r.code AS currency,
               NULL::date AS value_date, NULL::text[] AS lender_names, NULL::integer[] AS lender_shares,
               NULL::char(3) AS quote, NULL::text AS rate, NULL::text AS before, NULL::text AS after, plan.recompute AS reset,
               CASE WHEN plan.recompute THEN NULL ELSE (SELECT breakdown::text FROM latest) END AS breakdown
        FROM reporting r, plan
        UNION ALL
        SELECT 't', NULL, NULL, NULL, NULL, NULL, amount_minor, NULL, currency, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM target
        UNION ALL
        SELECT 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, currency, rate_date, NULL, NULL, quote, rate::text, NULL, NULL, NULL, NULL
        FROM fx_rates
        UNION ALL
        SELECT 'd', id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, before::text, after::text, reset, NULL
        FROM pending
        UNION ALL
        SELECT 'g', NULL, sector_code, status, NULL, count(*), sum(value_minor), NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL
        FROM projects WHERE (SELECT recompute FROM plan) AND currency = (SELECT code FROM reporting) GROUP BY sector_code, status
        UNION ALL
        SELECT 's', NULL, NULL, s.status, l.name, s.projects, s.parts, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
        FROM (SELECT pl.lender_id, p.status, count(*) AS projects, sum(pl.part_minor) AS parts
              FROM project_lenders pl JOIN projects p ON p.id = pl.project_id
              WHERE (SELECT recompute FROM plan) AND p.currency = (SELECT code FROM reporting)
              GROUP BY pl.lender_id, p.status) s
        JOIN lenders l ON l.id = s.lender_id
        UNION ALL
        SELECT 'p', NULL, p.sector_code, p.status, NULL, NULL, p.value_minor, p.code, p.currency, p.value_date,
               \(LenderColumns.aggregated),
               NULL, NULL, NULL, NULL, NULL, NULL
        FROM projects p JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id
        WHERE (SELECT recompute FROM plan)
          AND (p.currency < (SELECT code FROM reporting) OR p.currency > (SELECT code FROM reporting))
        GROUP BY p.id
        """
    }

    /// The rows are read by `kind` (`RollupInputs`).
    public func decode(_ row: PostgresRow) throws -> PostgresRow { row }
}
