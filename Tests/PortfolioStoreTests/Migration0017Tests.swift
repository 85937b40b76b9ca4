import Postgres
import PortfolioStore
import Testing
import TestSupport

/// Migration 17 makes `ledger_convert` a function PostgreSQL inlines; it must convert exactly
/// as migration 11's did.
@Suite("Migration 17: the ledger conversion inlined")
struct Migration0017Tests {
    @Test("converts every amount as migration 11's function did: same currency, a rate on or before the date, none, other minor units")
    func sameResults() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.execute(script: """
                    INSERT INTO fx_rates (currency, quote, rate_date, rate) VALUES
                        ('EUR', 'USD', '2024-01-01', 1.1), ('EUR', 'USD', '2024-02-01', 1.123456789012),
                        ('JPY', 'USD', '2024-01-01', 0.006789), ('USD', 'KWD', '2024-01-01', 0.307),
                        ('KWD', 'JPY', '2024-01-01', 487.5);
                    CREATE FUNCTION pg_temp.ledger_convert_11(amount bigint, from_currency char(3), to_currency char(3), on_date date)
                    RETURNS numeric LANGUAGE sql STABLE AS $$
                        SELECT CASE WHEN from_currency = to_currency THEN amount::numeric ELSE (
                            SELECT round_half_even(amount * r.rate * power(10::numeric, t.minor_digits - f.minor_digits))
                            FROM fx_rates r, currencies f, currencies t
                            WHERE r.currency = from_currency AND r.quote = to_currency AND r.rate_date <= on_date
                              AND f.code = from_currency AND t.code = to_currency
                            ORDER BY r.rate_date DESC LIMIT 1) END
                    $$;
                    """)
                let counts = try c.query("""
                    SELECT count(*) AS compared,
                           count(*) FILTER (WHERE ledger_convert(a, f, t, d) IS DISTINCT FROM pg_temp.ledger_convert_11(a, f, t, d)) AS differing,
                           count(*) FILTER (WHERE ledger_convert(a, f, t, d) IS NULL) AS unconverted
                    FROM unnest(ARRAY[1, 5, 15, 25, 99, 12345, 999999999999999999]::bigint[]) a,
                         unnest(ARRAY['USD', 'EUR', 'JPY', 'KWD']::char(3)[]) f,
                         unnest(ARRAY['USD', 'JPY', 'KWD']::char(3)[]) t,
                         unnest(ARRAY['2023-12-31', '2024-01-01', '2024-01-15', '2024-02-01', '2030-01-01']::date[]) d
                    """).map { row in [try row.decode(Int.self, at: 0), try row.decode(Int.self, at: 1), try row.decode(Int.self, at: 2)] }
                #expect(counts == [[420, 0, 203]])
            }
        }
    }

    @Test("a statement that converts each transaction holds the conversion in its own plan, not a call per row")
    func inlined() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let plan = try c.query("""
                    EXPLAIN (VERBOSE, COSTS OFF)
                    SELECT sum(ledger_convert(t.amount_minor, t.currency, 'USD', t.value_date)) FROM ledger_transactions t
                    """).map { try $0.decode(String.self, at: 0) }.joined(separator: "\n")
                #expect(plan.contains("CASE WHEN"))
                #expect(!plan.contains("ledger_convert("))
            }
        }
    }
}
