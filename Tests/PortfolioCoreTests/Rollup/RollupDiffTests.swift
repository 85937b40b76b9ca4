import Foundation
import PortfolioCore
import Testing

@Suite("Rollup diff")
struct RollupDiffTests {
    typealias F = RollupFixtures

    @Test func statusChangeAndNewProject() throws {
        let inputs = try RollupExampleTests.usdPortfolio()
        let before = try RollupCalculator.compute(
            inputs: inputs, fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        var changed = inputs
        changed[3] = try F.input("P4", "agriculture", .committed, F.money("800,000,000"), "ICBC=100")
        changed.append(try F.input("P7", "mining", .pledged, F.money("50,000,000"), "ICBC=100"))
        let after = try RollupCalculator.compute(
            inputs: changed, fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-02-01")
        )
        let diff = try RollupDiff(before: before, after: after)
        #expect(!diff.isEmpty)
        #expect(diff.beforeAsOf == date("2025-01-01"))
        #expect(diff.afterAsOf == date("2025-02-01"))
        #expect(diff.totalDelta == (try F.money("50,000,000")))
        #expect(diff.countedDelta == (try F.money("800,000,000")))
        #expect(diff.total.projectsDelta == 1)
        // Agriculture's value did not change but its counted amount did; mining is new.
        #expect(diff.bySector.map(\.key) == ["mining", "agriculture"])
        #expect(diff.bySector[0].before == .empty("mining", currency: .usd))
        #expect(diff.bySector[1].countedDelta == (try F.money("800,000,000")))
        #expect(diff.bySector[1].delta == .zero(.usd))
        // Pledged loses P4 and gains P7: -750,000,000; committed gains 800,000,000.
        #expect(diff.byStatus.map(\.key) == ["committed", "pledged"])
        #expect(diff.byStatus[1].delta == Money(minorUnits: -75_000_000_000, currency: .usd))
        #expect(diff.byStatus[1].projectsDelta == 0)
        #expect(diff.byLender.map(\.key) == ["ICBC"])
        #expect(diff.byLender[0].projectsDelta == 1)
    }

    @Test func removedKeyComparesWithAnEmptyRow() throws {
        let one = try RollupCalculator.compute(
            inputs: [try F.input("A", "energy", .ongoing, F.money("10"), "X")],
            fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        let none = try RollupCalculator.compute(
            inputs: [RollupInput](), fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        let diff = try RollupDiff(before: one, after: none)
        #expect(diff.bySector.count == 1)
        #expect(diff.bySector[0].after == .empty("energy", currency: .usd))
        #expect(diff.bySector[0].delta == Money(minorUnits: -1000, currency: .usd))
        #expect(diff.bySector[0].countedDelta == Money(minorUnits: -1000, currency: .usd))
        #expect(diff.bySector[0].projectsDelta == -1)
        #expect(diff.totalDelta.formatted() == "-10.00")
    }

    @Test func refusesDifferentCurrencies() throws {
        let usd = try RollupCalculator.compute(
            inputs: [RollupInput](), fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        let eur = try RollupCalculator.compute(
            inputs: [RollupInput](), fx: FXTable(), currency: .eur,
            target: Target(amount: F.money("1", .eur)), asOf: date("2025-01-01")
        )
        #expect(domainError { () throws(DomainError) in try RollupDiff(before: usd, after: eur) }?.message
            == "cannot compare a USD rollup with a EUR rollup")
    }

    @Test func codableRoundTripRecomputesDeltas() throws {
        let inputs = try RollupExampleTests.usdPortfolio()
        let before = try RollupCalculator.compute(
            inputs: inputs.dropLast(), fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        let after = try RollupCalculator.compute(
            inputs: inputs, fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-02-01")
        )
        let diff = try RollupDiff(before: before, after: after)
        let data = try JSONEncoder().encode(diff)
        #expect(try JSONDecoder().decode(RollupDiff.self, from: data) == diff)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"counted_delta\""))
        #expect(text.contains("\"before_as_of\":\"2025-01-01\""))
        let tampered = text.replacingOccurrences(of: "\"projects_delta\":1", with: "\"projects_delta\":7")
        #expect(tampered != text)
        #expect(try JSONDecoder().decode(RollupDiff.self, from: Data(tampered.utf8)) == diff)
    }
}
