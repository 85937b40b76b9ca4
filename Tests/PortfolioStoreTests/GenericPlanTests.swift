import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// A prepared statement run often gets a generic plan, which does not see bound values: the
/// statements that look up pending status changes must name their job kind as a literal, or the
/// partial index on pending status changes cannot serve them and every lookup scans the jobs.
@Suite("Generic plans of the pending-change lookups")
struct GenericPlanTests {
    /// The plan PostgreSQL chooses for `statement` as a generic plan.
    static func genericPlan(_ statement: some PostgresPreparedStatement, _ c: Connection) throws -> String {
        let query = statement.query
        let types = try query.binds.map { bind in
            try c.query("SELECT format_type($1::oid, NULL)", Int(bind.type.rawValue)).scalar(String.self)
        }
        let values = try query.binds.map { bind in
            try c.query("SELECT coalesce(quote_literal($1::text), 'NULL')", bind.text).scalar(String.self)
        }
        try c.query("SET plan_cache_mode = force_generic_plan")
        try c.query("PREPARE checked(\(types.joined(separator: ", "))) AS \(query.sql)")
        defer { _ = try? c.query("DEALLOCATE checked") }
        let lines = try c.query("EXPLAIN (COSTS OFF) EXECUTE checked(\(values.joined(separator: ", ")))").map { try $0.decode(String.self, at: 0) }
        return lines.joined(separator: "\n")
    }

    @Test("the facts of a change and the pending changes of projects use the partial index under a generic plan")
    func partialIndex() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try c.query("INSERT INTO jobs (kind, state, args) SELECT 'noop', 'completed', '{}' FROM generate_series(1, 20000)")
                try c.query("""
                    INSERT INTO jobs (kind, args) SELECT 'status.apply', jsonb_build_object('code', 'P-' || g % 50, 'effective', '2026-01-01')
                    FROM generate_series(1, 500) g
                    """)
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                try c.query("ANALYZE jobs")
                let facts = try Self.genericPlan(StatusChangeFacts(projectID: 1, key: "k", jobID: 7, effective: "2026-01-01"), c)
                #expect(facts.contains("jobs_status_apply_code_idx"), "\(facts)")
                let pending = try Self.genericPlan(PendingStatusChanges(codes: ["P-1", "P-2"]), c)
                #expect(pending.contains("jobs_status_apply_code_idx"), "\(pending)")
            }
        }
    }
}
