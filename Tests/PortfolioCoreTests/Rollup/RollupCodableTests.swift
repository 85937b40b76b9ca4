import Foundation
import PortfolioCore
import Testing

@Suite("Rollup checks and JSON")
struct RollupCodableTests {
    typealias F = RollupFixtures

    static func usdRollup() throws -> Rollup {
        try RollupCalculator.compute(
            inputs: RollupExampleTests.usdPortfolio(), fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-06-30")
        )
    }

    @Test func jsonRoundTrip() throws {
        let rollup = try Self.usdRollup()
        let data = try JSONEncoder().encode(rollup)
        #expect(try JSONDecoder().decode(Rollup.self, from: data) == rollup)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"progress_text\":\"87.50%\""))
        #expect(text.contains("\"progress_basis_points\":8750"))
        #expect(text.contains("\"progress\":{\"denominator\":8,\"numerator\":7}") || text.contains("\"numerator\":7"))
        #expect(text.contains("\"as_of\":\"2025-06-30\""))
    }

    @Test func generatedRollupsRoundTrip() async throws {
        var generator = PortfolioGenerator(seed: 9)
        for _ in 0..<50 {
            await Task.yield()
            let fx = try generator.fxTable()
            let inputs = try generator.portfolio(count: Int.random(in: 0...40, using: &generator.random))
            let rollup = try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .usd, target: .default, asOf: PortfolioGenerator.asOf)
            #expect(try JSONDecoder().decode(Rollup.self, from: JSONEncoder().encode(rollup)) == rollup)
            for input in inputs.prefix(3) {
                #expect(try JSONDecoder().decode(RollupInput.self, from: JSONEncoder().encode(input)) == input)
            }
        }
    }

    @Test func decodingRefusesInconsistentTotals() throws {
        let text = String(decoding: try JSONEncoder().encode(try Self.usdRollup()), as: UTF8.self)
        let badTotal = text.replacingOccurrences(of: "\"project_count\":6", with: "\"project_count\":5")
        #expect(badTotal != text)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Rollup.self, from: Data(badTotal.utf8)) }
        let badRow = text.replacingOccurrences(of: "\"key\":\"logistics\"", with: "\"key\":\"energy\"")
        #expect(badRow != text)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Rollup.self, from: Data(badRow.utf8)) }
    }

    @Test func inputDecodingValidates() throws {
        let good = #"{"code":"P1","sector":"energy","status":"ongoing","value":{"amount":"10.00","currency":"USD"},"value_date":"2024-01-01","lenders":[{"lender":"A","basis_points":10000}]}"#
        let input = try JSONDecoder().decode(RollupInput.self, from: Data(good.utf8))
        #expect(input == (try F.input("P1", "energy", .ongoing, F.money("10"), "A")))
        let negative = good.replacingOccurrences(of: "\"10.00\"", with: "\"-10.00\"")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RollupInput.self, from: Data(negative.utf8)) }
        let short = good.replacingOccurrences(of: "10000", with: "9000")
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(RollupInput.self, from: Data(short.utf8)) }
    }

    @Test func initChecksRowsAgainstEachOther() throws {
        let usd = Currency.usd
        func row(_ key: String, _ projects: Int, _ value: Int128, _ counted: Int128, _ currency: Currency = usd) -> RollupRow {
            RollupRow(key: key, projects: projects, value: Money(minorUnits: value, currency: currency),
                      counted: Money(minorUnits: counted, currency: currency))
        }
        func attempt(
            sectors: [RollupRow] = [row("energy", 2, 300, 100)],
            statuses: [RollupRow] = [row("ongoing", 1, 100, 100), row("pledged", 1, 200, 0)],
            lenders: [RollupRow] = [row("A", 2, 250, 50), row("B", 1, 50, 50)],
            target: Money = Money(minorUnits: 1000, currency: usd)
        ) -> String? {
            domainError { () throws(DomainError) in
                try Rollup(asOf: date("2025-01-01"), currency: usd, target: target,
                           bySector: sectors, byStatus: statuses, byLender: lenders)
            }?.message
        }
        #expect(attempt() == nil)
        let made = try Rollup(
            asOf: date("2025-01-01"), currency: usd, target: Money(minorUnits: 1000, currency: usd),
            bySector: [row("energy", 2, 300, 100)],
            byStatus: [row("ongoing", 1, 100, 100), row("pledged", 1, 200, 0)],
            byLender: [row("B", 1, 50, 50), row("A", 2, 250, 50)]
        )
        #expect(made.byStatus.map(\.key) == ["pledged", "ongoing"])
        #expect(made.byLender.map(\.key) == ["A", "B"])
        #expect(made.progressText == "10.00%")
        #expect(attempt(target: .zero(usd)) == "target 0.00 USD must be greater than zero")
        #expect(attempt(target: Money(minorUnits: 5, currency: .eur)) == "the target is in EUR, not the reporting currency USD")
        #expect(attempt(sectors: [row("energy", 2, 299, 100)]) == "sector rows add up to 2.99 USD, not the total 3.00 USD")
        #expect(attempt(sectors: [row("energy", 3, 300, 100)]) == "sector row \"energy\" has 3 projects; there are 2")
        #expect(attempt(sectors: [row("energy", 1, 300, 100)]) == "sector rows hold 1 projects; the status rows hold 2")
        #expect(attempt(statuses: [row("ongoing", 1, 100, 0), row("pledged", 1, 200, 0)])
            == "status row \"ongoing\" has counted 0.00 USD; it must be 1.00 USD")
        #expect(attempt(statuses: [row("paused", 1, 100, 0), row("pledged", 1, 200, 0)]) == "status row \"paused\" does not name a status")
        #expect(attempt(lenders: [row("A", 2, 250, 50), row("A", 1, 50, 50)]) == "lender row \"A\" appears more than once")
        #expect(attempt(lenders: [row("A", 2, 300, 400)])
            == "lender row \"A\" has value 3.00 USD and counted 4.00 USD; counted must be within 0 and the value")
        #expect(attempt(lenders: [row("A", 1, 250, 50), row("B", 0, 50, 50)]) == "lender row \"B\" has 0 projects; a row needs at least one")
        #expect(attempt(lenders: [row("A", 1, 300, 100)]) == "lender rows hold 1 projects; the status rows hold 2")
        #expect(attempt(lenders: [row("A", 2, 300, 100, .eur)]) == "lender row \"A\" is not in the reporting currency USD")
    }
}
