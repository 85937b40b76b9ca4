import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("Project store")
struct ProjectStoreTests {
    @Test("add stores the project, its lenders, history, audit entry and one rollup job")
    func add() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let stored = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "alice")
                #expect(stored.version == 1)
                #expect(stored.lenders.map(\.lender) == ["China Development Bank", "Export-Import Bank of China"])
                #expect(stored.lenders.map(\.basisPoints) == [6000, 4000])
                #expect(try StatusStore(c).history("P-1").map(\.to) == [.ongoing])
                #expect(try AuditLog.entries(c, entity: "project", key: "P-1").map(\.actor) == ["alice"])
                #expect(try c.query("SELECT count(*) FROM lenders").scalar(Int.self) == 2)
                #expect(try c.query("SELECT count(*) FROM jobs WHERE kind = 'rollup.take'").scalar(Int.self) == 1)
                _ = try ProjectStore(c).add(try Fixtures.project("P-2", lenders: "china development bank"), actor: "alice")
                // Lender names match regardless of case; the waiting rollup absorbs the second change.
                #expect(try c.query("SELECT count(*) FROM lenders").scalar(Int.self) == 2)
                #expect(try c.query("SELECT count(*) FROM jobs WHERE kind = 'rollup.take'").scalar(Int.self) == 1)
            }
        }
    }

    @Test("a duplicate code or unknown sector is refused and nothing is written")
    func refusals() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let before = try c.query("SELECT count(*) FROM audit_log").scalar(Int.self)
                #expect(throws: StoreError.self) { try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a") }
                let sector = try #require(throws: StoreError.self) { try ProjectStore(c).add(try Fixtures.project("P-2", sector: "mining"), actor: "a") }
                #expect(sector.description.contains("mining"))
                #expect(sector.description.contains("energy"))
                #expect(try c.query("SELECT count(*) FROM audit_log").scalar(Int.self) == before)
                #expect(try c.query("SELECT count(*) FROM projects").scalar(Int.self) == 1)
            }
        }
    }

    @Test("update changes only what the patch names and bumps the version")
    func update() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let store = ProjectStore(c)
                _ = try store.add(try Fixtures.project("P-1"), actor: "a")
                var patch = ProjectPatch()
                patch.value = Money(minorUnits: 250_000_000, currency: .usd)
                patch.location = .set("Minsk Region")
                let updated = try store.update("P-1", patch, expectedVersion: 1, actor: "b", today: try Fixtures.date("2026-01-01"))
                #expect(updated.version == 2)
                #expect(updated.value.minorUnits == 250_000_000)
                #expect(updated.location == "Minsk Region")
                #expect(updated.name == "Project P-1")
                #expect(try c.query("SELECT count(*) FROM value_history").scalar(Int.self) == 2)
                let stale = try #require(throws: StoreError.self) {
                    try store.update("P-1", patch, expectedVersion: 1, actor: "b", today: try Fixtures.date("2026-01-01"))
                }
                #expect(stale == .versionConflict(code: "P-1", expected: 1, actual: 2))
                #expect(stale.exitStatus == .tempFailure)
                var lenders = ProjectPatch()
                lenders.lenders = [try LenderShare(lender: "Bank of China", basisPoints: 10_000)]
                let moved = try store.update("P-1", lenders, expectedVersion: nil, actor: "b", today: try Fixtures.date("2026-01-01"))
                #expect(moved.lenders.map(\.lender) == ["Bank of China"])
                #expect(try AuditLog.entries(c, entity: "project", key: "P-1").count == 3)
            }
        }
    }

    @Test("concurrent updates of different fields both land")
    func concurrentUpdates() async throws {
        try await TestDatabase.with { db in
            _ = try await db.run { c in try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<10 {
                    group.addTask {
                        _ = try await db.run { c in
                            var patch = ProjectPatch()
                            patch.name = "Renamed \(round)"
                            return try ProjectStore(c).update("P-1", patch, expectedVersion: nil, actor: "a", today: try Fixtures.date("2026-01-01"))
                        }
                    }
                    group.addTask {
                        _ = try await db.run { c in
                            var patch = ProjectPatch()
                            patch.location = .set("Region \(round)")
                            return try ProjectStore(c).update("P-1", patch, expectedVersion: nil, actor: "a", today: try Fixtures.date("2026-01-01"))
                        }
                    }
                }
                try await group.waitForAll()
            }
            let final = try await db.run { c in try ProjectStore(c).require("P-1") }
            #expect(final.version == 21)
            #expect(final.name.hasPrefix("Renamed "))
            #expect(final.location?.hasPrefix("Region ") == true)
        }
    }

    @Test("list filters by sector, status and lender")
    func list() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let store = ProjectStore(c)
                _ = try store.add(try Fixtures.project("A", sector: "energy", status: .ongoing, lenders: "Bank of China"), actor: "a")
                _ = try store.add(try Fixtures.project("B", sector: "logistics", status: .finished, lenders: "ICBC"), actor: "a")
                _ = try store.add(try Fixtures.project("C", sector: "energy", status: .finished, lenders: "ICBC=50;Bank of China=50"), actor: "a")
                #expect(try store.list().map(\.code.rawValue) == ["A", "B", "C"])
                #expect(try store.list(.init(sector: "energy")).map(\.code.rawValue) == ["A", "C"])
                #expect(try store.list(.init(status: .finished)).map(\.code.rawValue) == ["B", "C"])
                #expect(try store.list(.init(lender: "icbc")).map(\.code.rawValue) == ["B", "C"])
                #expect(try store.list(.init(sector: "energy", status: .finished, lender: "bank of china")).map(\.code.rawValue) == ["C"])
            }
        }
    }
}
