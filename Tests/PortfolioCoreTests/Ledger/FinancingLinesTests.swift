import Foundation
import PortfolioCore
import Testing
import TestSupport

/// Financing lines kept one project at a time, as a snapshot folds changes into them.
@Suite("Financing lines kept project by project")
struct FinancingLinesTests {
    /// Each project's own sums of `ledger`.
    static func byProject(_ ledger: [LedgerSum]) -> [String: [LedgerSum]] {
        Dictionary(grouping: ledger, by: \.code)
    }

    @Test("adding every project's lines gives the whole portfolio's, pairs included; removing some gives the rest's",
          arguments: [21, 22, 23, 24, 25] as [UInt64])
    func addAndRemove(seed: UInt64) throws {
        var generator = PortfolioGenerator(seed: seed)
        let fx = try generator.fxTable()
        let inputs = try generator.portfolio(count: 50)
        let ledger = FinancingBreakdownTests.ledger(inputs, &generator.random).filter { sum in
            inputs.contains { $0.code.description == sum.code }
        }
        let sums = Self.byProject(ledger)
        var lines = FinancingLines(currency: .usd)
        for input in inputs {
            try lines.add(input, ledger: sums[input.code.description] ?? [], fx: fx)
        }
        for breakdown in FinancingBreakdown.allCases {
            #expect(lines.lines(by: breakdown) == (try Financing.compute(inputs: inputs, ledger: ledger, fx: fx, currency: .usd, by: breakdown)),
                    "\(breakdown)")
        }
        // Remove every other project, and move one to another status with a new ledger.
        let removed = inputs.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        for input in removed {
            try lines.remove(input, ledger: sums[input.code.description] ?? [], fx: fx)
        }
        let kept = inputs.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let keptCodes = Set(kept.map(\.code.description))
        let rest = ledger.filter { keptCodes.contains($0.code) }
        for breakdown in FinancingBreakdown.allCases {
            #expect(lines.lines(by: breakdown) == (try Financing.compute(inputs: kept, ledger: rest, fx: fx, currency: .usd, by: breakdown)),
                    "\(breakdown) after removals")
        }
        // Removing what was never added is refused and changes nothing.
        let before = lines
        if let gone = removed.first(where: { !(sums[$0.code.description] ?? []).isEmpty || $0.status != .pledged }) {
            #expect(throws: DomainError.self) { try lines.remove(gone, ledger: sums[gone.code.description] ?? [], fx: fx) }
            #expect(lines == before)
        }
    }

    @Test("lines round-trip through their stored JSON, amounts beyond 2^53 exactly")
    func codable() throws {
        let big: Int128 = 9_000_000_000_000_000_123
        let lines = FinancingLines(currency: .usd, lines: [
            .sector: [Financing(key: "energy", projects: 2, committed: big, disbursed: 5, undisbursed: big - 5, overDisbursed: 0, repaid: 1, interest: 0)],
            .status: [Financing(key: "ongoing", projects: 2, committed: big, disbursed: 5, undisbursed: big - 5, overDisbursed: 0, repaid: 1, interest: 0)],
            .lender: [Financing(key: "Bank of China", projects: 2, committed: big, disbursed: 5, undisbursed: big - 5, overDisbursed: 0, repaid: 1, interest: 0)],
        ])
        let data = try JSONEncoder().encode(lines)
        #expect(String(decoding: data, as: UTF8.self).contains("\"9000000000000000123\""))
        #expect(try JSONDecoder().decode(FinancingLines.self, from: data) == lines)
        #expect(lines.lines(by: .category).map(\.key) == ["counted"])
    }
}
