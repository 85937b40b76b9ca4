import Postgres
import PortfolioStore
import Testing
import TestSupport

@Suite("Schema constraints keep bad rows out")
struct SchemaConstraintTests {
    static func insertProject(_ c: Connection, code: String, value: Int64 = 100, currency: String = "USD", status: String = "ongoing", sector: String = "energy") throws -> Int {
        try c.query(
            "INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date) VALUES ($1, $2, $3, $4, $5, $6, '2024-01-01') RETURNING id",
            code, "Project \(code)", sector, status, value, currency
        ).scalar(Int.self)
    }

    static func lender(_ c: Connection, _ name: String) throws -> Int {
        try c.query("INSERT INTO lenders (name, country, kind) VALUES ($1, 'CN', 'policy_bank') RETURNING id", name).scalar(Int.self)
    }

    @Test("shares must add up to 100%")
    func shares() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let a = try SchemaConstraintTests.lender(c, "China Development Bank")
                let b = try SchemaConstraintTests.lender(c, "Export-Import Bank of China")
                try c.transaction { c in
                    let p = try SchemaConstraintTests.insertProject(c, code: "OK-1")
                    try c.query("INSERT INTO project_lenders VALUES ($1, $2, 6000, 60), ($1, $3, 4000, 40)", p, a, b)
                }
                let short = try #require(throws: PostgresError.self) {
                    try c.transaction { c in
                        let p = try SchemaConstraintTests.insertProject(c, code: "BAD-1")
                        try c.query("INSERT INTO project_lenders VALUES ($1, $2, 6000, 60), ($1, $3, 3000, 40)", p, a, b)
                    }
                }
                #expect(short.isCheckViolation)
                #expect(short.constraint == "project_lenders_shares_total")
                let none = try #require(throws: PostgresError.self) {
                    try c.transaction { c in _ = try SchemaConstraintTests.insertProject(c, code: "BAD-2") }
                }
                #expect(none.isCheckViolation)
                #expect(try c.query("SELECT count(*) FROM projects").scalar(Int.self) == 1)
            }
        }
    }

    @Test("bad projects are refused", arguments: [
        ("bad code!", 100, "USD", "ongoing", "energy", "23514"),
        ("NEG", -1, "USD", "ongoing", "energy", "23514"),
        ("CUR", 100, "XYZ", "ongoing", "energy", "23503"),
        ("STAT", 100, "USD", "dreaming", "energy", "23514"),
        ("SECT", 100, "USD", "ongoing", "mining", "23503"),
        ("this-code-is-far-too-long-to-be-accepted", 100, "USD", "ongoing", "energy", "23514"),
    ])
    func badProjects(_ code: String, _ value: Int64, _ currency: String, _ status: String, _ sector: String, _ state: String) async throws {
        try await TestDatabase.with { db in
            let error = try await #require(throws: PostgresError.self) {
                try await db.run { c in
                    _ = try SchemaConstraintTests.insertProject(c, code: code, value: value, currency: currency, status: status, sector: sector)
                }
            }
            #expect(error.sqlState == state)
        }
    }

    @Test("project codes and lender names are unique")
    func uniqueness() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try SchemaConstraintTests.lender(c, "Bank of China")
                let dupLender = try #require(throws: PostgresError.self) { _ = try SchemaConstraintTests.lender(c, "BANK OF CHINA") }
                #expect(dupLender.isUniqueViolation)
                try c.execute(script: "SET CONSTRAINTS ALL IMMEDIATE")
                let a = try c.query("SELECT id FROM lenders").scalar(Int.self)
                try c.transaction { c in
                    let p = try SchemaConstraintTests.insertProject(c, code: "DUP")
                    try c.query("INSERT INTO project_lenders VALUES ($1, $2, 10000, 100)", p, a)
                }
                let dup = try #require(throws: PostgresError.self) {
                    try c.transaction { c in _ = try SchemaConstraintTests.insertProject(c, code: "DUP") }
                }
                #expect(dup.constraint == "projects_code_key")
            }
        }
    }

    @Test("status history is append-only")
    func appendOnly() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let a = try SchemaConstraintTests.lender(c, "ICBC")
                let p = try c.transaction { c in
                    let p = try SchemaConstraintTests.insertProject(c, code: "H1")
                    try c.query("INSERT INTO project_lenders VALUES ($1, $2, 10000, 100)", p, a)
                    try c.query("INSERT INTO status_history (project_id, to_status, effective_date, actor) VALUES ($1, 'ongoing', '2024-01-01', 'test')", p)
                    return p
                }
                #expect(throws: PostgresError.self) { try c.query("UPDATE status_history SET note = 'x' WHERE project_id = $1", p) }
                #expect(throws: PostgresError.self) { try c.query("DELETE FROM status_history WHERE project_id = $1", p) }
                let forcedWithoutNote = try #require(throws: PostgresError.self) {
                    try c.query("INSERT INTO status_history (project_id, to_status, effective_date, actor, forced) VALUES ($1, 'finished', '2024-01-01', 'test', true)", p)
                }
                #expect(forcedWithoutNote.isCheckViolation)
            }
        }
    }

    @Test("the default target is 8,000,000,000.00 USD")
    func defaultTarget() async throws {
        try await TestDatabase.with { db in
            let (amount, currency) = try await db.run { c in
                try #require(try c.query("SELECT amount_minor, currency FROM targets ORDER BY id DESC LIMIT 1").first).decode(Int64.self, String.self)
            }
            #expect(amount == 800_000_000_000)
            #expect(currency == "USD")
        }
    }
}
