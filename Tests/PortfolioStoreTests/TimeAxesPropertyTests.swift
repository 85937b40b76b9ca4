import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// Generated histories — projects entered on past value dates, back-dated corrections of their
/// values and lenders, disbursements recorded late — checked at many (as-of, as-recorded)
/// pairs against a brute-force recomputation from the list of what was recorded, in order.
@Suite("Both time axes against a brute-force recomputation")
struct TimeAxesPropertyTests {
    static let banks = ["Bank of China", "China Development Bank", "Export-Import Bank of China"]

    /// One recorded fact, in the order it was recorded.
    enum Event {
        /// A project entered, effective on its value date.
        case entered(code: String, on: LocalDate)
        case value(code: String, minorUnits: Int128, effective: LocalDate)
        case lenders(code: String, shares: [LenderShare], effective: LocalDate)
        case disbursement(code: String, lender: String, minorUnits: Int128, date: LocalDate)
    }

    /// What the events recorded up to `recorded` (exclusive index) say about `date`: each
    /// project's value and lenders as the latest recorded entry effective by then; the ledger up
    /// to it. Projects enter on their first value's effective date.
    static func expected(_ events: [Event], upTo recorded: Int, asOf date: LocalDate)
        throws -> (total: Int128, committed: [String: Int128], disbursed: [String: Int128]) {
        var values: [String: Int128] = [:]
        var lenders: [String: [LenderShare]] = [:]
        var disbursed: [String: Int128] = [:]
        var started = Set<String>()
        for event in events.prefix(recorded) {
            switch event {
            case .entered(let code, let day) where day <= date: started.insert(code)
            case .value(let code, let minorUnits, let effective) where effective <= date: values[code] = minorUnits
            case .lenders(let code, let shares, let effective) where effective <= date: lenders[code] = shares
            case .disbursement(_, let lender, let minorUnits, let day) where day <= date: disbursed[lender, default: 0] += minorUnits
            default: break
            }
        }
        var committed: [String: Int128] = [:]
        for (code, value) in values where started.contains(code) {
            let shares = try #require(lenders[code])
            for (share, part) in zip(shares, try LenderShare.split(Money(minorUnits: value, currency: .usd), by: shares)) {
                committed[share.lender, default: 0] += part.minorUnits
            }
        }
        return (values.filter { started.contains($0.key) }.values.reduce(0, +), committed, disbursed)
    }

    static func day(_ generator: inout SeededGenerator, from: Int = 0) throws -> LocalDate {
        try LocalDate.parse("2020-01-01").adding(days: Int.random(in: from...2000, using: &generator))
    }

    static func shares(_ generator: inout SeededGenerator) throws -> [LenderShare] {
        let chosen = banks.filter { _ in Bool.random(using: &generator) }
        let names = chosen.isEmpty ? [banks[Int.random(in: 0..<3, using: &generator)]] : chosen
        var left = 10_000
        return try names.enumerated().map { index, name in
            let points = index == names.count - 1 ? left : Int.random(in: 1_000...(left - 1_000 * (names.count - 1 - index)), using: &generator)
            left -= points
            return try LenderShare(lender: name, basisPoints: points)
        }
    }

    @Test("every breakdown, as of every date and as recorded at every moment, equals the recomputation to the minor unit",
          arguments: [UInt64(1), 2, 3])
    func matchesBruteForce(seed: UInt64) async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                var generator = SeededGenerator(seed: seed)
                var events: [Event] = []
                var moments: [Date] = []
                let today = LocalDate.today()
                var current: [String: [LenderShare]] = [:]
                for index in 0..<4 {
                    let code = "T-\(index)"
                    let valueDate = try Self.day(&generator)
                    let value = Int128(Int.random(in: 100_000_000...500_000_000, using: &generator))
                    let shares = try Self.shares(&generator)
                    let project = try ValidatedProject(
                        code: try ProjectCode(code), name: "Project \(code)", sectorCode: "energy", status: .ongoing,
                        value: Money(minorUnits: value, currency: .usd), valueDate: valueDate, lenders: shares)
                    _ = try ProjectStore(c).add(project, actor: "t", today: today)
                    events += [.entered(code: code, on: valueDate), .value(code: code, minorUnits: value, effective: valueDate),
                               .lenders(code: code, shares: shares, effective: valueDate)]
                    current[code] = shares
                    moments.append(try c.query("SELECT clock_timestamp()").scalar(Date.self))
                }
                // Each moment is after everything recorded before it and before what comes next.
                var recordedBefore: [Int] = [events.count]
                for _ in 0..<30 {
                    let code = "T-\(Int.random(in: 0..<4, using: &generator))"
                    let effective = try Self.day(&generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0:
                        let value = Int128(Int.random(in: 100_000_000...500_000_000, using: &generator))
                        _ = try ProjectStore(c).update(code, ProjectPatch(value: Money(minorUnits: value, currency: .usd), valueDate: effective),
                                                       expectedVersion: nil, actor: "t", today: today, effective: effective)
                        events.append(.value(code: code, minorUnits: value, effective: effective))
                    case 1:
                        let shares = try Self.shares(&generator)
                        _ = try ProjectStore(c).update(code, ProjectPatch(lenders: shares), expectedVersion: nil, actor: "t",
                                                       today: today, effective: effective)
                        events.append(.lenders(code: code, shares: shares, effective: effective))
                        current[code] = shares
                    default:
                        let lenders = try #require(current[code])
                        let lender = lenders[Int.random(in: 0..<lenders.count, using: &generator)].lender
                        let amount = Int128(Int.random(in: 1...100_000, using: &generator))
                        try LedgerStore(c).add(try LedgerEntry(projectCode: code, type: .disbursement, lender: lender,
                                                               amount: Money(minorUnits: amount, currency: .usd), valueDate: effective), actor: "t")
                        events.append(.disbursement(code: code, lender: lender, minorUnits: amount, date: effective))
                    }
                    moments.append(try c.query("SELECT clock_timestamp()").scalar(Date.self))
                    recordedBefore.append(events.count)
                }
                // The first four moments follow the projects' entries (three events each).
                let counts = (1...4).map { $0 * 3 } + recordedBefore.dropFirst()
                for check in 0..<40 {
                    let moment = Int.random(in: 0..<moments.count, using: &generator)
                    let date = check == 0 ? today : try Self.day(&generator)
                    let expected = try Self.expected(events, upTo: counts[moment], asOf: date)
                    let rollup = try RollupStore(c).rebuilt(asOf: date, recordedBy: moments[moment])
                    #expect(rollup.total.minorUnits == expected.total, "as of \(date), recorded by moment \(moment)")
                    let byLender = Dictionary(uniqueKeysWithValues: rollup.byLender.map { ($0.key, $0.value.minorUnits) })
                    #expect(byLender == expected.committed, "as of \(date), recorded by moment \(moment)")
                    let financing = try LedgerStore(c).financing(asOf: date, currency: .usd, recordedBy: moments[moment]).rows
                    let committed = Dictionary(uniqueKeysWithValues: financing.map { ($0.key, $0.committed) }).filter { $0.value != 0 }
                    #expect(committed == expected.committed.filter { $0.value != 0 }, "financing as of \(date), moment \(moment)")
                    let disbursed = Dictionary(uniqueKeysWithValues: financing.map { ($0.key, $0.disbursed) }).filter { $0.value != 0 }
                    #expect(disbursed == expected.disbursed, "disbursed as of \(date), moment \(moment)")
                }
            }
        }
    }
}
