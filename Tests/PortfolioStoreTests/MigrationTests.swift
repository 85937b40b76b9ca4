import Postgres
import PortfolioStore
import PortfolioCore
import Testing
import TestSupport

@Suite("Migrations")
struct MigrationTests {
    @Test("a fresh database is migrated to the latest version")
    func fresh() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let (report, tables) = try await db.run { c in
                let report = try Migrator().migrate(c)
                let tables = try c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1").map { try $0.decode(String.self, at: 0) }
                return (report, tables)
            }
            #expect(report.applied.map(\.version) == Migration.all.map(\.version))
            #expect(report.currentVersion == Migration.all.last?.version)
            for table in ["sectors", "lenders", "projects", "project_lenders", "status_history", "fx_rates", "targets", "rollup_snapshots", "jobs", "audit_log", "schema_migrations"] {
                #expect(tables.contains(table), "missing \(table)")
            }
        }
    }

    @Test("running again applies nothing")
    func repeated() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let second = try await db.run { c in
                _ = try Migrator().migrate(c)
                return try Migrator().migrate(c)
            }
            #expect(second.applied.isEmpty)
            #expect(second.currentVersion == Migration.all.last?.version)
        }
    }

    @Test("four concurrent runs apply each migration once, between them, and each ends at the latest version")
    func concurrent() async throws {
        try await TestDatabase.with(migrated: false) { db in
            let configuration = db.configuration
            let reports = try await withThrowingTaskGroup(of: Migrator.Report.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        let pool = ConnectionPool(configuration: configuration, size: 1)
                        let report = try await pool.withConnection { c in try Migrator().migrate(c) }
                        await pool.close()
                        return report
                    }
                }
                return try await group.reduce(into: [Migrator.Report]()) { $0.append($1) }
            }
            // Runs take turns migration by migration: which run applies which is theirs to
            // settle, but each is applied by exactly one.
            #expect(reports.flatMap { $0.applied.map(\.version) }.sorted() == Migration.all.map(\.version))
            #expect(reports.allSatisfy { $0.currentVersion == Migration.all.last?.version })
            let rows = try await db.run { c in try c.query("SELECT count(*) FROM schema_migrations").scalar(Int.self) }
            #expect(rows == Migration.all.count)
        }
    }

    @Test("a migration edited after it was applied is reported")
    func tampered() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                _ = try Migrator().migrate(c)
                var edited = Migration.all
                edited[0] = Migration(version: edited[0].version, name: edited[0].name, sql: edited[0].sql + "\n-- edited")
                let error = try #require(throws: Migrator.TamperedError.self) { try Migrator(migrations: edited).migrate(c) }
                #expect(error.version == 1)
                #expect(error.description.contains("changed after it was applied"))
            }
        }
    }

    @Test("a database newer than the program is reported")
    func unknownVersion() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (9999, 'future', 'x')")
                #expect(throws: Migrator.UnknownVersionError.self) { try Migrator().migrate(c) }
            }
        }
    }

    @Test("a failing migration leaves no trace")
    func failingMigration() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { (c: Connection) throws in
                let broken = Migration.all + [Migration(version: 999, name: "broken", sql: "CREATE TABLE half_done (id int); SELECT 1/0;")]
                #expect(throws: PostgresError.self) { try Migrator(migrations: broken).migrate(c) }
                #expect(try c.query("SELECT to_regclass('half_done') IS NULL").scalar(Bool.self))
                #expect(try Migrator().appliedVersions(c) == Migration.all.map(\.version))
            }
        }
    }

    @Test("lender parts are filled in for projects stored before version 4, as the application splits them")
    func lenderPartsBackfill() async throws {
        try await TestDatabase.with(migrated: false) { db in
            try await db.run { c in
                _ = try Migrator(migrations: Array(Migration.all.prefix(3))).migrate(c)
                let lenders = try ["Bank of China", "ICBC", "CDB", "Export-Import Bank of China"].map {
                    try c.query("INSERT INTO lenders (name) VALUES ($1) RETURNING id", $0).scalar(Int.self)
                }
                let splits: [[Int]] = [[10000], [5000, 5000], [3334, 3333, 3333], [6000, 4000], [1, 9999], [2500, 2500, 2500, 2500]]
                var expected: [Int: [Int128]] = [:]
                for index in 0..<60 {
                    let value = Int64(index * 7_919 + index % 3)
                    let shares = splits[index % splits.count]
                    try c.transaction { c in
                        let id = try c.query(
                            "INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date) VALUES ($1, 'P', 'energy', 'ongoing', $2, 'USD', '2024-01-01') RETURNING id",
                            "M\(index)", value).scalar(Int.self)
                        for (position, share) in shares.enumerated() {
                            try c.query("INSERT INTO project_lenders VALUES ($1, $2, $3)", id, lenders[position], Int32(share))
                        }
                        let named = try shares.enumerated().map { try LenderShare(lender: ["Bank of China", "ICBC", "CDB", "Export-Import Bank of China"][$0.offset], basisPoints: $0.element) }
                        expected[id] = try LenderShare.split(Money(minorUnits: Int128(value), currency: .usd), by: named).map(\.minorUnits)
                    }
                }
                _ = try Migrator().migrate(c)
                for (id, parts) in expected {
                    let stored = try c.query("SELECT part_minor FROM project_lenders WHERE project_id = $1 ORDER BY lender_id", id)
                        .map { try $0.decode(Int128.self, at: 0) }
                    #expect(stored == parts, "project \(id)")
                }
                // From now on the database refuses parts that do not add up to the value.
                let id = try #require(expected.keys.min())
                let error = #expect(throws: PostgresError.self) {
                    try c.transaction { c in try c.query("UPDATE projects SET value_minor = value_minor + 1 WHERE id = $1", id) }
                }
                #expect(error?.constraint == "project_lenders_parts_total")
            }
        }
    }
}
