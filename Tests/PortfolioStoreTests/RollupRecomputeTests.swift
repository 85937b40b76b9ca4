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

    @Test("projects at the largest value, converted at the largest rate into the currency with the most minor digits, sum exactly")
    func largestValuesAtTheLargestRate() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let today = RollupRecomputeTests.today
                try TargetStore(c).set(try Target(amount: Money(minorUnits: 1_000, currency: .kwd)), actor: "t")
                try FXStore(c).set([
                    try FXRate(currency: .jpy, quote: .kwd, date: Fixtures.date("2024-01-01"), rate: FXRate.maxRate),
                    try FXRate(currency: .usd, quote: .kwd, date: Fixtures.date("2024-01-01"), rate: ExactDecimal.parse("0.305")),
                ], actor: "t")
                for code in ["BIG1", "BIG2", "BIG3"] {
                    _ = try ProjectStore(c).add(try Fixtures.project(
                        code, value: Money.largestValue(.jpy).formatted(), currency: "JPY", lenders: "Bank of China=33.33;ICBC=66.67"), actor: "t")
                }
                _ = try ProjectStore(c).add(try Fixtures.project("BIG4", value: Money.largestValue(.usd).formatted()), actor: "t")
                let store = RollupStore(c)
                let rollup = try store.recomputed(asOf: today)
                // 10^18 - 1 yen at 1,000,000 KWD per yen is (10^18 - 1) × 10^9 fils; the dollars at 0.305,
                // times 10 (cents to fils), round half to even.
                let perProject = Money.maxValueMinorUnits * 1_000_000_000
                let dollars = (Money.maxValueMinorUnits * 305 + 50) / 100
                #expect(rollup.total.minorUnits == 3 * perProject + dollars)
                #expect(rollup.total.minorUnits > Int128(Int64.max))
                #expect(rollup == (try store.recomputedProjectByProject(asOf: today)))
                #expect(rollup.byLender.reduce(Int128(0)) { $0 + $1.value.minorUnits } == rollup.total.minorUnits)
                #expect(try store.rebuilt(asOf: today) == rollup)
                let id = try store.take(trigger: .manual, asOf: today)
                #expect(try store.snapshot(id).rollup == rollup)
                let stored = try c.query("SELECT total_minor FROM rollup_snapshots WHERE id = $1", id).scalar(Int128.self)
                #expect(stored == rollup.total.minorUnits)
            }
        }
    }
}
