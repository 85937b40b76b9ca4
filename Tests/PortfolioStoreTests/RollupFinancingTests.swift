import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// Snapshots keep the portfolio's financing lines, folding each transaction and each project
/// change in at the cost of the change.
@Suite("The ledger in the rollup")
struct RollupFinancingTests {
    static let lenders = ["China Development Bank", "Export-Import Bank of China", "Bank of China"]

    /// The newest snapshot: whether it was a full recomputation, and its financing lines.
    static func newest(_ c: Connection) throws -> (full: Bool, financing: FinancingLines?) {
        let row = try #require(try c.query("SELECT full_recompute, financing::text FROM rollup_snapshots ORDER BY id DESC LIMIT 1").first)
        let text = try row.decode(String?.self, at: 1)
        return (try row.decode(Bool.self, at: 0), try text.map { try JSONDecoder().decode(FinancingLines.self, from: Data($0.utf8)) })
    }

    /// Takes a snapshot and checks its lines against the whole ledger's, every breakdown, pairs
    /// included; returns whether it was folded rather than recomputed.
    static func takeAndCheck(_ c: Connection, step: Int) throws -> Bool {
        try RollupStore(c).take(trigger: .manual, asOf: LocalDate.today())
        let (full, stored) = try newest(c)
        let lines = try #require(stored, "step \(step): the snapshot has financing lines")
        let expected = try LedgerStore(c).financing(asOf: LocalDate.today(), quote: .usd, recordedBy: nil, by: Set(FinancingBreakdown.allCases))
        for breakdown in FinancingBreakdown.allCases {
            #expect(lines.lines(by: breakdown) == expected[breakdown], "step \(step), \(breakdown)")
        }
        // Today's report takes the same lines from the rollup.
        #expect(try RollupStore(c).currentWithFinancing(asOf: LocalDate.today()).financing == lines, "step \(step)")
        return !full
    }

    @Test("after transactions, value, sector, lender and status changes, each snapshot's lines equal the whole ledger's",
          arguments: [1, 2, 3] as [UInt64])
    func randomSteps(seed: UInt64) async throws {
        try await TestDatabase.with { db in
            let folded = try await db.run { c -> Int in
                var random = SeededGenerator(seed: seed)
                try FXStore(c).set(try FXRate(currency: .eur, quote: .usd, date: try Fixtures.date("2020-01-01"), rate: ExactDecimal.parse("1.1")), actor: "t")
                let statuses: [ProjectStatus] = [.pledged, .committed, .ongoing, .ongoing, .finished]
                for index in 0..<8 {
                    _ = try ProjectStore(c).add(try Fixtures.project(
                        "P-\(index)", sector: index % 2 == 0 ? "energy" : "agriculture", status: statuses[index % statuses.count],
                        value: "\(1_000_000 + index * 10_000).00", currency: index % 3 == 0 ? "EUR" : "USD"), actor: "t")
                }
                var folded = 0
                if try Self.takeAndCheck(c, step: -1) { folded += 1 }
                for step in 0..<40 {
                    let code = "P-\(Int.random(in: 0..<8, using: &random))"
                    do {
                        switch Int.random(in: 0..<8, using: &random) {
                        case 0, 1, 2, 3:
                            let type = TransactionType.allCases.randomElement(using: &random) ?? .disbursement
                            let lender = Self.lenders.randomElement(using: &random) ?? Self.lenders[0]
                            let currency: Currency = Bool.random(using: &random) ? .usd : .eur
                            try LedgerStore(c).add(try LedgerEntry(
                                projectCode: code, type: type, lender: lender,
                                amount: Money(minorUnits: Int128(Int.random(in: 1...3_000_000, using: &random)), currency: currency),
                                valueDate: try Fixtures.date("2024-0\(Int.random(in: 1...9, using: &random))-15")), actor: "t")
                        case 4:
                            let value = Money(minorUnits: Int128(Int.random(in: 50_000_000...200_000_000, using: &random)), currency: .usd)
                            _ = try ProjectStore(c).update(code, ProjectPatch(value: value), expectedVersion: nil, actor: "t", today: LocalDate.today())
                        case 5:
                            let sector = Bool.random(using: &random) ? "energy" : "transport"
                            _ = try ProjectStore(c).update(code, ProjectPatch(sectorCode: sector), expectedVersion: nil, actor: "t", today: LocalDate.today())
                        case 6:
                            let shares = Bool.random(using: &random)
                                ? "China Development Bank=50;Bank of China=50" : "China Development Bank=60;Export-Import Bank of China=40"
                            _ = try ProjectStore(c).update(code, ProjectPatch(lenders: try LenderShare.parseList(shares)),
                                                           expectedVersion: nil, actor: "t", today: LocalDate.today())
                        default:
                            let next: ProjectStatus = [.committed, .ongoing, .suspended, .finished].randomElement(using: &random) ?? .ongoing
                            _ = try StatusStore(c).set(StatusChangeRequest(code: code, status: next, effective: LocalDate.today(), actor: "t"),
                                                       today: LocalDate.today())
                        }
                    } catch is StoreError, is DomainError {
                        // A refused step (a lender not financing the project, a disbursement above
                        // the commitment, a forbidden transition) changes nothing.
                    } catch let error as ValidationFailure {
                        Issue.record("step \(step): \(error)")
                    }
                    if step % 4 == 3, try Self.takeAndCheck(c, step: step) { folded += 1 }
                }
                #expect(try c.query("SELECT count(*) FROM ledger_transactions").scalar(Int.self) > 5)
                return folded
            }
            #expect(folded >= 8, "snapshots folded rather than recomputed: \(folded)")
        }
    }

    @Test("a transaction is one change for the rollup, with the project's ledger before and after it; a project change keeps the ledger")
    func deltas() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "t")
                try RollupStore(c).take(trigger: .manual, asOf: LocalDate.today())
                try LedgerStore(c).add(try LedgerFixtures.entry(.disbursement, "100.00"), actor: "t")
                _ = try ProjectStore(c).update("P-1", ProjectPatch(sectorCode: "agriculture"), expectedVersion: nil, actor: "t", today: LocalDate.today())
                let rows = try c.query("""
                    SELECT ledger_before->'sums', ledger_after->'sums', before = after FROM rollup_deltas WHERE snapshot_id IS NULL ORDER BY id
                    """).map { (try $0.decode(String.self, at: 0), try $0.decode(String.self, at: 1), try $0.decode(Bool.self, at: 2)) }
                #expect(rows.count == 2)
                #expect(rows.first?.0 == "[]")
                #expect(rows.first?.1.contains("\"10000\"") == true)
                #expect(rows.first?.2 == true)
                #expect(rows.last?.0 == rows.last?.1)
                #expect(rows.last?.2 == false)
                // Folded: the snapshot's lines move the disbursement to the new sector.
                #expect(try Self.takeAndCheck(c, step: 0))
                let lines = try #require(try Self.newest(c).financing)
                #expect(lines.lines(by: .sector).map(\.key) == ["agriculture"])
                #expect(lines.lines(by: .sector).first?.disbursed == 10_000)
                // The rollup diff does not list the ledger-only change as a project change.
                let ids = try c.query("SELECT id FROM rollup_snapshots ORDER BY id").map { try $0.decode(Int.self, at: 0) }
                #expect(try RollupStore(c).changes(after: ids[0], upTo: ids[1]).count == 1)
            }
        }
    }
}

/// A ledger write and a project change on the same project, each forced to wait for the other.
@Suite("The ledger in the rollup, under concurrent writes")
struct RollupFinancingRaceTests {
    enum First: String, CaseIterable, Sendable { case projectChange, transaction }

    @Test("whichever holds the project first, the other waits, and the snapshot folds both against the facts they saw",
          arguments: First.allCases)
    func interleaved(first: First) async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "t")
                try RollupStore(c).take(trigger: .manual, asOf: LocalDate.today())
            }
            @Sendable func change(_ c: Connection) throws {
                _ = try ProjectStore(c).update("P-1", ProjectPatch(sectorCode: "agriculture"), expectedVersion: nil, actor: "t",
                                               today: LocalDate.today())
            }
            @Sendable func record(_ c: Connection) throws {
                try LedgerStore(c).add(try LedgerFixtures.entry(.disbursement, "100.00"), actor: "t")
            }
            // The first writer holds its transaction open, with the project's row locked, until
            // the second is seen waiting for it.
            let holder = try Connection(configuration: db.configuration)
            let held = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let firstWrite = Task {
                try await Blocking.run {
                    try holder.transaction { c in
                        try first == .projectChange ? change(c) : record(c)
                        held.signal()
                        release.wait()
                    }
                }
            }
            try await Blocking.run { held.wait() }
            let secondWrite = Task { try await db.run { c in try first == .projectChange ? record(c) : change(c) } }
            #expect(try await LockWaits.someoneWaits(db), "the second writer waits for the first")
            release.signal()
            try await firstWrite.value
            try await secondWrite.value
            holder.close()
            try await db.run { c in
                #expect(try RollupFinancingTests.takeAndCheck(c, step: 0), "folded, not recomputed")
                let lines = try #require(try RollupFinancingTests.newest(c).financing)
                #expect(lines.lines(by: .sector).map(\.key) == ["agriculture"])
                #expect(lines.lines(by: .sector).first?.disbursed == 10_000)
            }
        }
    }
}
