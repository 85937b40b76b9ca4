/// `ledger_convert` in a form PostgreSQL inlines into the statement that calls it.
///
/// A SQL function is inlined only when its body is a plain expression without a subquery;
/// migration 11's body looks the rate up in a subquery, so every transaction a report, a full
/// rollup or the ledger check reads paid for a separate function call (about 60 µs each, so a
/// report over 200,000 transactions took 13 s of them). The amount in its own currency needs no
/// rate: that case is now a plain `CASE` in the caller's plan, and the rate lookup moves, unchanged,
/// into `ledger_convert_at_rate`, called only for an amount in another currency. The results are
/// the same, to the minor unit.
enum Migration0017 {
    static let sql = #"""
    -- An amount in minor units of `from_currency` in minor units of `to_currency` at the rate of
    -- the latest date on or before `on_date`, half to even; NULL when there is no such rate.
    CREATE FUNCTION ledger_convert_at_rate(amount bigint, from_currency char(3), to_currency char(3), on_date date)
    RETURNS numeric LANGUAGE sql STABLE AS $$
        SELECT round_half_even(amount * r.rate * power(10::numeric, t.minor_digits - f.minor_digits))
        FROM fx_rates r, currencies f, currencies t
        WHERE r.currency = from_currency AND r.quote = to_currency AND r.rate_date <= on_date
          AND f.code = from_currency AND t.code = to_currency
        ORDER BY r.rate_date DESC LIMIT 1
    $$;

    CREATE OR REPLACE FUNCTION ledger_convert(amount bigint, from_currency char(3), to_currency char(3), on_date date)
    RETURNS numeric LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN from_currency = to_currency THEN amount::numeric
                    ELSE ledger_convert_at_rate(amount, from_currency, to_currency, on_date) END
    $$;
    """#
}
