import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// A lender's part of a project is split by the lender's stored name, however it was typed. The
/// cases below tie: 1,000,000.01 split 50/50 leaves one cent, which goes to the name whose bytes
/// sort first. Stored, "China Exim Bank" sorts before "ICBC"; typed "china exim bank" sorts after.
@Suite("Lender parts split by the stored names")
struct LenderStoredNameTests {
    static let today = LocalDate.today()
    static let typed = "china exim bank=50;ICBC=50"
    /// The parts the stored names give: the left-over cent to China Exim Bank.
    static let expected = ["China Exim Bank": Int128(50_000_001), "ICBC": Int128(50_000_000)]

    static func storedLender(_ c: Connection) throws {
        try LenderStore(c).add(name: "China Exim Bank", country: "CN", kind: .policyBank, actor: "t")
    }

    static func parts(_ c: Connection, _ code: String) throws -> [String: Int128] {
        var parts: [String: Int128] = [:]
        for row in try c.query(
            "SELECT l.name, pl.part_minor FROM project_lenders pl JOIN lenders l ON l.id = pl.lender_id JOIN projects p ON p.id = pl.project_id WHERE p.code = $1",
            code) {
            parts[try row.decode(String.self, at: 0)] = try row.decode(Int128.self, at: 1)
        }
        return parts
    }

    /// The stored parts are the split of the stored project, and the recomputation from them
    /// equals the fold of every project, to the minor unit.
    static func checkAgree(_ c: Connection, _ code: String) throws {
        let project = try ProjectStore(c).require(code)
        #expect(project.lenders.map(\.lender).sorted() == ["China Exim Bank", "ICBC"])
        #expect(try parts(c, code) == expected)
        let split = try LenderShare.split(project.value, by: project.lenders)
        #expect(Dictionary(uniqueKeysWithValues: zip(project.lenders.map(\.lender), split.map(\.minorUnits))) == expected)
        let store = RollupStore(c)
        let recomputed = try store.recomputed(asOf: today)
        #expect(recomputed == (try store.recomputedProjectByProject(asOf: today)))
        #expect(recomputed.byLender.first { $0.key == "China Exim Bank" }?.value.minorUnits == 50_000_001)
        #expect(try store.rebuilt(asOf: today) == recomputed)
    }

    @Test("a project added with a lender typed in another case stores the parts a fold and a recomputation give")
    func added() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try LenderStoredNameTests.storedLender(c)
                _ = try ProjectStore(c).add(try Fixtures.project("T", value: "1000000.01", lenders: LenderStoredNameTests.typed), actor: "t")
                try LenderStoredNameTests.checkAgree(c, "T")
                #expect(try c.query("SELECT lender_names FROM lender_history").scalar([String].self).sorted() == ["China Exim Bank", "ICBC"])
                // A snapshot folded after a change equals the recomputation too.
                _ = try RollupStore(c).take(trigger: .manual, asOf: LocalDate.today())
                _ = try StatusStore(c).set(StatusChangeRequest(code: "T", status: .suspended, effective: LenderStoredNameTests.today, actor: "t"),
                                           today: LenderStoredNameTests.today)
                let folded = try RollupStore(c).snapshot(try RollupStore(c).take(trigger: .manual, asOf: LenderStoredNameTests.today))
                #expect(folded.fullRecompute == false)
                #expect(folded.rollup == (try RollupStore(c).recomputed(asOf: LenderStoredNameTests.today)))
            }
        }
    }

    @Test("an update typing the lenders in another case splits by the stored names, and a change of case alone changes nothing")
    func updated() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try LenderStoredNameTests.storedLender(c)
                _ = try ProjectStore(c).add(try Fixtures.project("T", value: "1000000.01", lenders: "ICBC"), actor: "t")
                var patch = ProjectPatch()
                patch.lenders = try LenderShare.parseList(LenderStoredNameTests.typed)
                _ = try ProjectStore(c).update("T", patch, expectedVersion: nil, actor: "t", today: LenderStoredNameTests.today)
                try LenderStoredNameTests.checkAgree(c, "T")
                let history = try c.query("SELECT count(*) FROM lender_history").scalar(Int.self)
                let deltas = try c.query("SELECT count(*) FROM rollup_deltas").scalar(Int.self)
                patch.lenders = try LenderShare.parseList("ICBC=50;CHINA EXIM BANK=50")
                _ = try ProjectStore(c).update("T", patch, expectedVersion: nil, actor: "t", today: LenderStoredNameTests.today)
                #expect(try c.query("SELECT count(*) FROM lender_history").scalar(Int.self) == history)
                #expect(try c.query("SELECT count(*) FROM rollup_deltas").scalar(Int.self) == deltas)
                try LenderStoredNameTests.checkAgree(c, "T")
            }
        }
    }

    @Test("an import typing a lender in another case splits by the stored name")
    func imported() async throws {
        let path = try Fixtures.file(Fixtures.header + "T,Tied,energy,ongoing,1000000.01,USD,2024-01-10,\(LenderStoredNameTests.typed),,,\n")
        try await TestDatabase.with { db in
            try await db.run { c in
                try LenderStoredNameTests.storedLender(c)
                let report = try ProjectImporter(c).importFile(path: path, actor: "t")
                #expect(report.imported == 1 && report.lendersCreated == 1)
                try LenderStoredNameTests.checkAgree(c, "T")
                #expect(try c.query("SELECT lender_names FROM lender_history").scalar([String].self).sorted() == ["China Exim Bank", "ICBC"])
            }
        }
    }

    @Test("a history entry recorded with a typed name is rebuilt with the stored one")
    func rebuiltFromTypedHistory() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try LenderStoredNameTests.storedLender(c)
                _ = try ProjectStore(c).add(try Fixtures.project("T", value: "1000000.01", lenders: LenderStoredNameTests.typed), actor: "t")
                // An entry as the store recorded it before it named lenders as stored.
                try c.query("""
                    INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor)
                    SELECT id, ARRAY['china exim bank', 'ICBC'], ARRAY[5000, 5000], $1, 't' FROM projects
                    """, [LenderStoredNameTests.today.bind])
                #expect(try RollupStore(c).rebuilt(asOf: LenderStoredNameTests.today) == (try RollupStore(c).recomputed(asOf: LenderStoredNameTests.today)))
            }
        }
    }

    @Test("migration 8 splits parts written from a typed name again, and asks the next snapshot to recompute")
    func migrationRepairs() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try LenderStoredNameTests.storedLender(c)
                _ = try ProjectStore(c).add(try Fixtures.project("T", value: "1000000.01", lenders: LenderStoredNameTests.typed), actor: "t")
                _ = try RollupStore(c).take(trigger: .manual, asOf: LenderStoredNameTests.today)
                // The parts a split by the typed names wrote: the cent to ICBC.
                try c.query("""
                    UPDATE project_lenders pl SET part_minor = CASE WHEN l.name = 'ICBC' THEN 50000001 ELSE 50000000 END
                    FROM lenders l WHERE l.id = pl.lender_id
                    """)
                try c.execute(script: Migration0008.sql)
                #expect(try LenderStoredNameTests.parts(c, "T") == LenderStoredNameTests.expected)
                #expect(try c.query("SELECT count(*) FROM rollup_deltas WHERE reset AND snapshot_id IS NULL").scalar(Int.self) == 1)
                let next = try RollupStore(c).snapshot(try RollupStore(c).take(trigger: .manual, asOf: LenderStoredNameTests.today))
                #expect(next.fullRecompute)
                // Parts already right: nothing moves and no reset is asked for.
                try c.execute(script: Migration0008.sql)
                #expect(try c.query("SELECT count(*) FROM rollup_deltas WHERE snapshot_id IS NULL").scalar(Int.self) == 0)
                try LenderStoredNameTests.checkAgree(c, "T")
            }
        }
    }
}
