import PortfolioCore
import Testing

@Suite("Rollup: properties over generated portfolios")
struct RollupPropertyTests {
    static let portfolios = 500

    /// Runs `body` on 500 seeded portfolios of 0...60 projects, with their FX table, yielding
    /// between portfolios: seconds of arithmetic must not hold a thread of the cooperative pool
    /// (two on the CI machines) that other tests' tasks, a worker's heartbeat among them, wait for.
    static func forEachPortfolio(
        seed: UInt64, _ body: ([RollupInput], FXTable, inout PortfolioGenerator) throws -> Void
    ) async throws {
        var generator = PortfolioGenerator(seed: seed)
        for _ in 0..<portfolios {
            let fx = try generator.fxTable()
            let inputs = try generator.portfolio(count: Int.random(in: 0...60, using: &generator.random))
            try body(inputs, fx, &generator)
            await Task.yield()
        }
    }

    static func compute(_ inputs: some Sequence<RollupInput>, _ fx: FXTable) throws(DomainError) -> Rollup {
        try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .usd, target: .default, asOf: PortfolioGenerator.asOf)
    }

    @Test func breakdownsAndCategoriesAddUpToTheTotals() async throws {
        try await Self.forEachPortfolio(seed: 1) { inputs, fx, _ in
            let rollup = try Self.compute(inputs, fx)
            // An independent total: each value converted on its own, summed in 128 bits.
            var total: Int128 = 0
            var counted: Int128 = 0
            for input in inputs {
                let value = Int128(try fx.convert(input.value, to: .usd, on: input.valueDate).minorUnits)
                total += value
                if input.status.countsTowardTarget { counted += value }
            }
            #expect(Int128(rollup.total.minorUnits) == total)
            #expect(Int128(rollup.counted.minorUnits) == counted)
            #expect(rollup.projectCount == inputs.count)
            let categories = StatusCategory.allCases.reduce(Int128(0)) { $0 + Int128(rollup.amount(in: $1).minorUnits) }
            #expect(categories == total)
            for rows in [rollup.bySector, rollup.byStatus, rollup.byLender] {
                #expect(rows.reduce(Int128(0)) { $0 + Int128($1.value.minorUnits) } == total)
                #expect(rows.reduce(Int128(0)) { $0 + Int128($1.counted.minorUnits) } == counted)
                #expect(rows.allSatisfy { $0.value.currency == .usd && $0.counted.currency == .usd })
                let ordered = zip(rows, rows.dropFirst()).allSatisfy { earlier, later in
                    earlier.value.minorUnits > later.value.minorUnits
                        || (earlier.value.minorUnits == later.value.minorUnits && earlier.key < later.key)
                }
                #expect(ordered)
            }
            #expect(rollup.bySector.reduce(0) { $0 + $1.projects } == inputs.count)
            #expect(rollup.byStatus.reduce(0) { $0 + $1.projects } == inputs.count)
            #expect(rollup.byLender.reduce(0) { $0 + $1.projects } == inputs.reduce(0) { $0 + $1.lenders.count })
        }
    }

    @Test func removingInputsMatchesComputingTheRest() async throws {
        try await Self.forEachPortfolio(seed: 2) { inputs, fx, generator in
            var accumulator = RollupAccumulator(currency: .usd, fx: fx)
            for input in inputs { try accumulator.add(input) }
            let whole = try accumulator.result(target: .default, asOf: PortfolioGenerator.asOf)
            #expect(whole == (try Self.compute(inputs, fx)))

            // Remove and re-add one input: the rollup comes back exactly.
            if let some = inputs.randomElement(using: &generator.random) {
                var copy = accumulator
                try copy.remove(some)
                try copy.add(some)
                #expect(copy == accumulator)
            }

            // Remove a random subset, in random order: the same as computing what is left.
            let removed = inputs.filter { _ in Bool.random(using: &generator.random) }
            for input in removed.shuffled(using: &generator.random) {
                try accumulator.remove(input)
            }
            let removedCodes = Set(removed.map(\.code))
            let rest = inputs.filter { !removedCodes.contains($0.code) }
            #expect(try accumulator.result(target: .default, asOf: PortfolioGenerator.asOf) == (try Self.compute(rest, fx)))
        }
    }

    @Test func updatingInputsMatchesComputingTheUpdatedSet() async throws {
        try await Self.forEachPortfolio(seed: 3) { inputs, fx, generator in
            var accumulator = RollupAccumulator(currency: .usd, fx: fx)
            for input in inputs { try accumulator.add(input) }
            var current = inputs
            for index in current.indices where Int.random(in: 0..<4, using: &generator.random) == 0 {
                let replacement = try generator.project(code: current[index].code.rawValue)
                try accumulator.remove(current[index])
                try accumulator.add(replacement)
                current[index] = replacement
            }
            #expect(try accumulator.result(target: .default, asOf: PortfolioGenerator.asOf) == (try Self.compute(current, fx)))
        }
    }

    @Test func orderDoesNotMatter() async throws {
        try await Self.forEachPortfolio(seed: 4) { inputs, fx, generator in
            let rollup = try Self.compute(inputs, fx)
            #expect(try Self.compute(inputs.shuffled(using: &generator.random), fx) == rollup)
            #expect(try Self.compute(inputs.reversed(), fx) == rollup)
        }
    }

    @Test func diffWithItselfIsEmptyAndDiffsAddUp() async throws {
        var previous: Rollup?
        try await Self.forEachPortfolio(seed: 5) { inputs, fx, _ in
            let rollup = try Self.compute(inputs, fx)
            #expect(try RollupDiff(before: rollup, after: rollup).isEmpty)
            if let previous {
                let diff = try RollupDiff(before: previous, after: rollup)
                let expected = Int128(rollup.total.minorUnits) - Int128(previous.total.minorUnits)
                #expect(Int128(diff.totalDelta.minorUnits) == expected)
                #expect(Int128(diff.countedDelta.minorUnits)
                    == Int128(rollup.counted.minorUnits) - Int128(previous.counted.minorUnits))
                for rows in [diff.bySector, diff.byStatus, diff.byLender] {
                    #expect(rows.reduce(Int128(0)) { $0 + Int128($1.delta.minorUnits) } == expected)
                    #expect(rows.allSatisfy { $0.isChanged })
                }
                #expect(diff.isEmpty == (previous.bySector == rollup.bySector
                    && previous.byStatus == rollup.byStatus && previous.byLender == rollup.byLender))
            }
            previous = rollup
        }
    }
}
