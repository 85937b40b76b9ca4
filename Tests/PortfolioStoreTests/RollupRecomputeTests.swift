import Foundation
import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("Full rollup recomputation")
struct RollupRecomputeTests {
    static let today = LocalDate.today()

    @Test("the database's sums equal adding every project one by one in Swift, to the minor unit")
    func sameAsProjectByProject() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try FXStore(c).set([
                    try FXRate(currency: .cny, quote: .usd, date: try Fixtures.date("2020-01-01"), rate: try ExactDecimal.parse("0.1412345")),
                    try FXRate(currency: .cny, quote: .usd, date: try Fixtures.date("2023-06-01"), rate: try ExactDecimal.parse("0.1387")),
                    try FXRate(currency: .eur, quote: .usd, date: try Fixtures.date("2019-01-01"), rate: try ExactDecimal.parse("1.0833")),
                ], actor: "t")
                let lenderSets = [
                    "China Development Bank",
                    "Bank of China=50;ICBC=50",
                    "ICBC=50;Bank of China=50",
                    "Bank of China=33.34;ICBC=33.33;CDB=33.33",
                    "Export-Import Bank of China=60;China Development Bank=40",
                    "CDB=0.01;ICBC=99.99",
                    "Bank of China=25;ICBC=25;CDB=25;Export-Import Bank of China=25",
                ]
                let statuses = ProjectStatus.allCases
                let currencies = ["USD", "USD", "USD", "CNY", "EUR"]
                for index in 0..<300 {
                    let cents = (index * 7_919_113 + 12_345) % 5_000_000_001
                    let currency = currencies[index % currencies.count]
                    let valueDate = index % 2 == 0 ? "2021-03-04" : "2024-01-10"
                    let project = try Fixtures.project(
                        "R\(index)", sector: ["energy", "logistics", "other", "agriculture"][index % 4],
                        status: statuses[(index * 7) % statuses.count],
                        value: "\(cents / 100).\(String(format: "%02d", cents % 100))", currency: currency, valueDate: valueDate,
                        lenders: lenderSets[(index * 3 + index / 7) % lenderSets.count])
                    _ = try ProjectStore(c).add(project, actor: "t")
                }
                let store = RollupStore(c)
                let fast = try store.recomputed(asOf: RollupRecomputeTests.today)
                let reference = try store.recomputedProjectByProject(asOf: RollupRecomputeTests.today)
                #expect(fast == reference)
                #expect(fast.projectCount == 300)
                #expect(fast.byLender.count == 5)
                // In another reporting currency, USD projects need a rate that is missing: both refuse.
                #expect(throws: StoreError.self) { try store.recomputed(asOf: RollupRecomputeTests.today, currency: .eur) }
            }
        }
    }

    @Test("a missing rate is named with its project; a sum beyond 64 bits falls back and is refused clearly")
    func refusals() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("CNY1", value: "100.00", currency: "CNY"), actor: "t")
                let missing = #expect(throws: StoreError.self) { try RollupStore(c).recomputed(asOf: RollupRecomputeTests.today) }
                #expect(missing.map { "\($0)" }?.contains("project CNY1: no USD rate for CNY") == true)
            }
        }
        try await TestDatabase.with { db in
            try await db.run { c in
                let half = Int64.max / 2 + 1
                for code in ["BIG1", "BIG2"] {
                    let units = Money(minorUnits: half, currency: .usd)
                    _ = try ProjectStore(c).add(try Fixtures.project(code, value: units.formatted(), lenders: "Bank of China"), actor: "t")
                }
                let tooLarge = #expect(throws: StoreError.self) { try RollupStore(c).recomputed(asOf: RollupRecomputeTests.today) }
                #expect(tooLarge.map { "\($0)" }?.contains("too large") == true)
            }
        }
    }
}
