import Postgres
import PortfolioStore
import PortfolioCore
import Testing
import TestSupport

/// Migration 5 on databases that already hold data: what breaks its bounds is refused with a
/// message naming it and the fix, nothing is altered, and the migration applies once it is fixed.
@Suite("Migration 5: value bounds and field history on an existing database")
struct Migration0005Tests {
    /// A database at version 4 holding one USD project worth `value` minor units, with one lender.
    static func version4(_ c: Connection, value: Int64 = 100_000, currency: String = "USD") throws -> Int {
        _ = try Migrator(migrations: Array(Migration.all.prefix(4))).migrate(c)
        let lender = try c.query("INSERT INTO lenders (name) VALUES ('Bank of China') RETURNING id").scalar(Int.self)
        return try c.transaction { c in
            let id = try c.query(
                """
                INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date)
                VALUES ('OLD-1', 'Old', 'energy', 'ongoing', $1, $2, '2020-05-01') RETURNING id
                """, value, currency).scalar(Int.self)
            try c.query("INSERT INTO project_lenders VALUES ($1, $2, 10000, $3)", id, lender, value)
            try c.query("INSERT INTO status_history (project_id, to_status, effective_date, actor) VALUES ($1, 'ongoing', '2020-05-01', 't')", id)
            try c.query("""
                INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor)
                VALUES ($1, $2, $3, '2020-05-01', '2020-05-01', 't')
                """, id, value, currency)
            return id
        }
    }

    static func version(_ c: Connection) throws -> Int {
        try c.query("SELECT max(version) FROM schema_migrations").scalar(Int.self)
    }

    @Test("each kind of data that breaks a bound is refused, names itself and its fix, and alters nothing", arguments: [
        ("UPDATE projects SET value_minor = 9223372036854775807", "OLD-1 (9223372036854775807)", "UPDATE projects SET value_minor"),
        ("INSERT INTO fx_rates (currency, quote, rate_date, rate) VALUES ('VND', 'USD', '2020-01-01', 25000000)",
         "VND/USD 2020-01-01 25000000", "portfolio fx set CUR DATE RATE --quote QUOTE"),
        ("INSERT INTO targets (amount_minor, currency, actor) VALUES (1000000000000000000, 'USD', 't')",
         "1000000000000000000 USD", "portfolio target set AMOUNT CUR"),
        ("UPDATE projects SET currency = 'KZT'", "OLD-1 in KZT on 2020-05-01", "portfolio fx set CUR DATE RATE --quote USD"),
    ])
    func refused(_ breaking: String, _ named: String, _ fix: String) async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                _ = try Self.version4(c)
                try c.transaction { c in
                    try c.execute(script: breaking)
                    // Keep the lender's part equal to the value, as version 4 checks.
                    try c.execute(script: "UPDATE project_lenders SET part_minor = (SELECT value_minor FROM projects)")
                }
                let before = try DatabaseFingerprint.capture(c)
                let error = try #require(throws: PostgresError.self) { _ = try Migrator().migrate(c) }
                #expect(error.description.contains("migration 5 cannot be applied"), "\(error)")
                #expect(error.description.contains(named), "\(error)")
                #expect(error.description.contains(fix), "\(error)")
                #expect(FailureReport.status(for: error) == .dataError)
                #expect(try Self.version(c) == 4)
                #expect(try DatabaseFingerprint.capture(c) == before)
            }
        }
    }

    @Test("once fixed, it applies: bounds are enforced, history entries are seeded, and reports read the old data")
    func appliesOnceFixed() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                let id = try Self.version4(c, value: 500_000, currency: "KZT")
                #expect(throws: PostgresError.self) { _ = try Migrator().migrate(c) }
                // The fix the message names: a rate on or before the value date.
                try c.execute(script: "INSERT INTO fx_rates (currency, quote, rate_date, rate) VALUES ('KZT', 'USD', '2020-01-01', 0.0025)")
                // An append-only history entry beyond the new bound (but within bigint) is kept as it was.
                try c.query("""
                    INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor)
                    VALUES ($1, 9223372036854775807, 'USD', '2021-01-01', '2021-01-01', 't')
                    """, id)
                let report = try Migrator().migrate(c)
                #expect(report.applied.map(\.version) == Migration.all.map(\.version).filter { $0 >= 5 })
                let seeded = try #require(try c.query("SELECT sector_code, effective_date::text FROM sector_history").first)
                    .decode(String.self, String.self)
                #expect(seeded == ("energy", "2020-05-01"))
                #expect(try c.query("SELECT lender_names FROM lender_history").scalar([String].self) == ["Bank of China"])
                let rebuilt = try RollupStore(c).rebuilt(asOf: try LocalDate.parse("2021-06-01"))
                #expect(rebuilt.total.minorUnits == Int128(Int64.max))
                #expect(try RollupStore(c).rebuilt(asOf: try LocalDate.parse("2020-06-01")).total.minorUnits == 1_250)
                for (sql, constraint) in [
                    ("UPDATE projects SET value_minor = 1000000000000000000", "projects_value_bound"),
                    ("INSERT INTO fx_rates (currency, quote, rate_date, rate) VALUES ('VND', 'USD', '2020-01-01', 1000000.000000000001)",
                     "fx_rates_rate_bound"),
                    ("INSERT INTO targets (amount_minor, currency, actor) VALUES (1000000000000000000, 'USD', 't')", "targets_amount_bound"),
                    ("INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor) "
                        + "VALUES (\(id), 1000000000000000000, 'USD', '2022-01-01', '2022-01-01', 't')", "value_history_value_bound"),
                    ("UPDATE sector_history SET sector_code = 'other'", nil),
                ] {
                    let error = try #require(throws: PostgresError.self) { try c.transaction { c in try c.execute(script: sql) } }
                    if let constraint { #expect(error.constraint == constraint, "\(sql): \(error)") }
                }
            }
        }
    }
}
