import PortfolioCore
import Testing
import TestSupport

/// `Financing.compute` by lender, sector, status and category, and the disbursement series, on
/// random portfolios and ledgers.
@Suite("Financing breakdowns and disbursement series")
struct FinancingBreakdownTests {
    /// A random ledger over `inputs`' project–lender pairs, plus transactions on a project that
    /// is not in the portfolio and by a lender no longer financing one.
    static func ledger(_ inputs: [RollupInput], _ random: inout SeededGenerator) -> [LedgerSum] {
        var sums: [LedgerSum] = []
        for input in inputs {
            for share in input.lenders where Int.random(in: 0..<3, using: &random) > 0 {
                for type in TransactionType.allCases where Bool.random(using: &random) {
                    sums.append(LedgerSum(code: input.code.description, lender: share.lender, type: type,
                                          amount: Int128(Int.random(in: 1...90_000_000_000, using: &random))))
                }
            }
        }
        sums.append(LedgerSum(code: "LATER-1", lender: "Bank of China", type: .disbursement, amount: 12_345))
        if let first = inputs.first {
            sums.append(LedgerSum(code: first.code.description, lender: "Replaced Bank", type: .repayment, amount: 777))
        }
        return sums
    }

    @Test("every breakdown adds up to the same totals, which a per-pair recomputation gives too", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func breakdownsReconcile(seed: UInt64) throws {
        var generator = PortfolioGenerator(seed: seed)
        let fx = try generator.fxTable()
        let inputs = try generator.portfolio(count: 40)
        let ledger = Self.ledger(inputs, &generator.random)
        var totals: [FinancingBreakdown: Financing] = [:]
        for breakdown in FinancingBreakdown.allCases {
            let lines = try Financing.compute(inputs: inputs, ledger: ledger, fx: fx, currency: .usd, by: breakdown)
            #expect(Set(lines.map(\.key)).count == lines.count, "\(breakdown): one line per key")
            totals[breakdown] = Financing.total(lines)
            if breakdown != .lender {
                #expect(lines.contains { $0.key == FinancingBreakdown.outsidePortfolio && $0.disbursed == 12_345 }, "\(breakdown)")
            }
        }
        let lender = try #require(totals[.lender])
        for breakdown in FinancingBreakdown.allCases {
            #expect(totals[breakdown] == lender, "\(breakdown) against lender")
        }
        // Brute force: every pair on its own.
        var committed: Int128 = 0, disbursed: Int128 = 0, undisbursed: Int128 = 0, repaid: Int128 = 0
        var pairs = Set<String>()
        for input in inputs where input.status != .pledged {
            let value = try fx.convert(input.value, to: .usd, on: input.valueDate)
            for (share, part) in zip(input.lenders, try LenderShare.split(value, by: input.lenders)) {
                pairs.insert(input.code.description + "\u{0}" + share.lender)
                committed += part.minorUnits
            }
        }
        var flows: [String: [TransactionType: Int128]] = [:]
        for sum in ledger {
            flows[sum.code + "\u{0}" + sum.lender, default: [:]][sum.type, default: 0] += sum.amount
        }
        pairs.formUnion(flows.keys)
        for (pair, flow) in flows {
            committed += (flow[.commitment] ?? 0) - (flow[.cancellation] ?? 0)
            disbursed += flow[.disbursement] ?? 0
            repaid += flow[.repayment] ?? 0
            _ = pair
        }
        for pair in pairs {
            let parts = pair.split(separator: "\u{0}", omittingEmptySubsequences: false)
            let input = inputs.first { $0.code.description == parts[0] }
            var part: Int128 = 0
            if let input, input.status != .pledged {
                let value = try fx.convert(input.value, to: .usd, on: input.valueDate)
                for (share, piece) in zip(input.lenders, try LenderShare.split(value, by: input.lenders)) where share.lender == parts[1] {
                    part += piece.minorUnits
                }
            }
            let flow = flows[pair] ?? [:]
            let pairCommitted = part + (flow[.commitment] ?? 0) - (flow[.cancellation] ?? 0)
            undisbursed += max(pairCommitted - (flow[.disbursement] ?? 0), 0)
        }
        #expect(lender.committed == committed)
        #expect(lender.disbursed == disbursed)
        #expect(lender.repaid == repaid)
        #expect(lender.undisbursed == undisbursed)
        #expect(lender.projects == pairs.count)
        #expect(lender.outstanding == disbursed - repaid)
    }

    @Test("from the rollup and only the pledged projects and those with transactions, every figure but the pair count is the full computation's",
          arguments: [11, 12, 13, 14] as [UInt64])
    func fromTheRollup(seed: UInt64) throws {
        var generator = PortfolioGenerator(seed: seed)
        let fx = try generator.fxTable()
        let inputs = try generator.portfolio(count: 60)
        // Transactions on a third of the projects only, and one on a project not in the portfolio.
        let touched = Array(inputs.enumerated().filter { $0.offset % 3 == 0 }.map(\.element))
        let ledger = Self.ledger(touched, &generator.random)
        let rollup = try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .usd,
                                                  target: Target(amount: Money(minorUnits: 1, currency: .usd)), asOf: PortfolioGenerator.asOf)
        let codes = Set(ledger.map(\.code))
        let subset = inputs.filter { $0.status == .pledged || codes.contains($0.code.description) }
        #expect(subset.count < inputs.count)
        for breakdown in FinancingBreakdown.allCases {
            let full = try Financing.compute(inputs: inputs, ledger: ledger, fx: fx, currency: .usd, by: breakdown)
            let fast = try Financing.compute(rollup: rollup, inputs: subset, ledger: ledger, fx: fx, by: breakdown)
            func figures(_ lines: [Financing]) -> [String] {
                lines.filter { $0.committed != 0 || $0.disbursed != 0 || $0.repaid != 0 || $0.interest != 0 }
                    .map { "\($0.key) \($0.committed) \($0.disbursed) \($0.undisbursed) \($0.overDisbursed) \($0.repaid) \($0.interest)" }
                    .sorted()
            }
            #expect(figures(fast) == figures(full), "\(breakdown)")
        }
    }

    @Test("periods start on the first of the month or quarter and are named 2024-05 and 2024-Q2")
    func periods() throws {
        let day = try LocalDate.parse("2024-05-31")
        #expect(LedgerPeriod.month.start(of: day).description == "2024-05-01")
        #expect(LedgerPeriod.quarter.start(of: day).description == "2024-04-01")
        #expect(LedgerPeriod.quarter.start(of: try LocalDate.parse("2024-12-31")).description == "2024-10-01")
        #expect(LedgerPeriod.quarter.start(of: try LocalDate.parse("2024-01-01")).description == "2024-01-01")
        #expect(LedgerPeriod.month.label(try LocalDate.parse("2024-05-01")) == "2024-05")
        #expect(LedgerPeriod.quarter.label(try LocalDate.parse("2024-10-01")) == "2024-Q4")
    }

    @Test("a series keys by the project's sector or the lender, runs cumulative figures on, and --from drops points but not their amounts")
    func series() throws {
        let inputs = [
            try RollupFixtures.input("A-1", "energy", .ongoing, RollupFixtures.money("100"), "X=100"),
            try RollupFixtures.input("B-1", "water", .finished, RollupFixtures.money("100"), "Y=100"),
        ]
        func sum(_ start: String, _ code: String, _ lender: String, _ type: TransactionType, _ amount: Int128) throws -> LedgerPeriodSum {
            LedgerPeriodSum(start: try LocalDate.parse(start), code: code, lender: lender, type: type, amount: amount)
        }
        let sums = [
            try sum("2024-01-01", "A-1", "X", .disbursement, 10), try sum("2024-01-01", "B-1", "Y", .disbursement, 5),
            try sum("2024-04-01", "A-1", "X", .disbursement, 7), try sum("2024-04-01", "A-1", "X", .repayment, 2),
            try sum("2024-04-01", "B-1", "X", .disbursement, 1), try sum("2024-07-01", "C-9", "Y", .disbursement, 3),
            try sum("2024-07-01", "A-1", "X", .interest, 100),
        ]
        let bySector = DisbursementSeries.compute(sums, inputs: inputs, period: .quarter, by: .sector)
        #expect(bySector.points.map { "\($0.start) \($0.key) \($0.disbursed) \($0.repaid) \($0.cumulativeDisbursed)" } == [
            "2024-01-01 energy 10 0 10", "2024-01-01 water 5 0 5",
            "2024-04-01 energy 7 2 17", "2024-04-01 water 1 0 6",
            "2024-07-01 \(FinancingBreakdown.outsidePortfolio) 3 0 3",
        ])
        let byLender = DisbursementSeries.compute(sums, inputs: inputs, period: .quarter, by: .lender, from: try LocalDate.parse("2024-05-20"))
        #expect(byLender.points.map { "\($0.start) \($0.key) \($0.disbursed) \($0.cumulativeDisbursed) \($0.cumulativeRepaid)" } == [
            "2024-04-01 X 8 18 2", "2024-07-01 Y 3 8 0",
        ])
    }
}
