import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// `rollup diff` tells back-dated corrections from real movement, and a snapshot is what a
/// report of its date gives as recorded when it was taken.
@Suite("Rollup corrections and movement")
struct RollupCorrectionTests {
    static func usd(_ minorUnits: Int128) -> Money { Money(minorUnits: minorUnits, currency: .usd) }

    @Test("a change made since a snapshot is movement, a back-dated one a correction; together they are the diff")
    func split() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = LocalDate.today()
                let store = ProjectStore(c)
                _ = try store.add(try Fixtures.project("P-1", value: "1,000.00", valueDate: "2020-01-01"), actor: "a")
                _ = try store.add(try Fixtures.project("P-2", sector: "logistics", value: "500.00", valueDate: "2020-01-01"), actor: "a")
                let rollups = RollupStore(c)
                let first = try rollups.snapshot(try rollups.take(trigger: .manual, asOf: today))
                // Nothing recorded since: the snapshot is the report of its date as recorded then,
                // and there is nothing to correct.
                let reported = try rollups.rebuilt(asOf: today, recordedBy: first.takenAt)
                #expect(try RollupDiff(before: first.rollup, after: reported).isEmpty)
                #expect(try rollups.split(first.id, first.id).corrections.isEmpty)

                // Today's change: movement. A change back-dated to 2021: a correction.
                _ = try store.update("P-2", ProjectPatch(value: Self.usd(70_000)), expectedVersion: nil, actor: "b", today: today)
                _ = try store.update("P-1", ProjectPatch(value: Self.usd(120_000), valueDate: try Fixtures.date("2020-01-01")),
                                     expectedVersion: nil, actor: "b", today: today, effective: try Fixtures.date("2021-01-01"))
                let second = try rollups.snapshot(try rollups.take(trigger: .manual, asOf: today))
                let split = try rollups.split(first.id, second.id)
                #expect(split.corrections.totalDelta == Self.usd(20_000))
                #expect(split.corrections.bySector.map(\.key) == ["energy"])
                #expect(split.movement.totalDelta == Self.usd(20_000))
                #expect(split.movement.bySector.map(\.key) == ["logistics"])
                let whole = try rollups.diff(first.id, second.id)
                #expect(whole.totalDelta == Self.usd(40_000))
                // In either order of the arguments, the earlier snapshot is the one restated.
                #expect(try rollups.split(second.id, first.id) == split)
            }
        }
    }
}
