import PortfolioCore
import Testing

@Suite("Rollup accumulator")
struct RollupAccumulatorTests {
    typealias F = RollupFixtures

    @Test func updatingAProjectByRemoveAndAdd() throws {
        let inputs = try RollupExampleTests.usdPortfolio()
        var accumulator = RollupAccumulator(currency: .usd, fx: FXTable())
        for input in inputs { try accumulator.add(input) }
        let before = try accumulator.result(target: .default, asOf: date("2025-01-01"))

        // P4 (800,000,000, pledged) becomes committed: counted rises to 7,800,000,000.
        let committed = try F.input("P4", "agriculture", .committed, F.money("800,000,000"), "ICBC=100")
        try accumulator.remove(inputs[3])
        try accumulator.add(committed)
        let after = try accumulator.result(target: .default, asOf: date("2025-01-01"))
        #expect(after.counted == (try F.money("7,800,000,000")))
        #expect(after.total == before.total)
        #expect(after.progressText == "97.50%")
        #expect(F.row("pledged", in: after.byStatus) == nil)
        #expect(F.row("committed", in: after.byStatus)?.projects == 2)
        var updated = inputs
        updated[3] = committed
        #expect(after == (try RollupCalculator.compute(
            inputs: updated, fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )))

        // Putting the old facts back restores the first rollup exactly.
        try accumulator.remove(committed)
        try accumulator.add(inputs[3])
        #expect(try accumulator.result(target: .default, asOf: date("2025-01-01")) == before)
    }

    @Test func removingEverythingLeavesAnEmptyAccumulator() throws {
        let empty = RollupAccumulator(currency: .usd, fx: FXTable())
        var accumulator = empty
        let inputs = try RollupExampleTests.usdPortfolio()
        for input in inputs { try accumulator.add(input) }
        #expect(accumulator.projectCount == 6)
        for input in inputs.reversed() { try accumulator.remove(input) }
        #expect(accumulator == empty)
        #expect(accumulator.isEmpty)
    }

    @Test func refusedRemovalChangesNothing() throws {
        var accumulator = RollupAccumulator(currency: .usd, fx: FXTable())
        try accumulator.add(try F.input("A", "energy", .ongoing, F.money("100"), "X=50;Y=50"))
        let saved = accumulator
        let attempts = [
            try F.input("A", "energy", .ongoing, F.money("100.01"), "X=50;Y=50"),   // more than was added
            try F.input("A", "mining", .ongoing, F.money("100"), "X=50;Y=50"),      // sector never added
            try F.input("A", "energy", .pledged, F.money("100"), "X=50;Y=50"),      // status never added
            try F.input("A", "energy", .ongoing, F.money("100"), "X=50;Z=50"),      // lender never added
            try F.input("A", "energy", .ongoing, F.money("50"), "X=50;Y=50"),       // leaves amounts with no project
        ]
        for attempt in attempts {
            let error = domainError { () throws(DomainError) in
                var copy = accumulator
                try copy.remove(attempt)
            }
            #expect(error?.message == "project A cannot be removed: the rollup does not hold these facts of it")
            _ = try? accumulator.remove(attempt)
            #expect(accumulator == saved)
        }
        try accumulator.remove(try F.input("A", "energy", .ongoing, F.money("100"), "X=50;Y=50"))
        #expect(accumulator.isEmpty)
    }

    @Test func refusedAddChangesNothing() throws {
        var accumulator = RollupAccumulator(currency: .usd, fx: FXTable())
        try accumulator.add(try F.input("A", "energy", .ongoing, Money(minorUnits: .max - 5, currency: .usd), "X=50;Y=50"))
        let saved = accumulator
        #expect(throws: DomainError.self) {
            try accumulator.add(try F.input("B", "mining", .pledged, Money(minorUnits: 6, currency: .usd), "Z"))
        }
        #expect(accumulator == saved)
        #expect(throws: DomainError.self) {
            try accumulator.add(try F.input("C", "mining", .pledged, Money(minorUnits: 1, currency: .cny), "Z"))
        }
        #expect(accumulator == saved)
        try accumulator.add(try F.input("B", "mining", .pledged, Money(minorUnits: 5, currency: .usd), "Z"))
        #expect(try accumulator.result(target: .default, asOf: date("2025-01-01")).total.minorUnits == .max)
    }
}
