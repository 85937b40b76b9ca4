import Foundation
import PortfolioCore
import Testing

/// The bounds that keep every sum of a portfolio in range: values, targets, rates and digits.
@Suite("Money bounds")
struct MoneyBoundsTests {
    static func draft(value: String, currency: String) -> ProjectDraft {
        var draft = ProjectDraftTests.good
        draft.value = value
        draft.currency = currency
        return draft
    }

    @Test("a project value up to 10^18 - 1 minor units is accepted, one more is refused naming the limit", arguments: [
        ("9,999,999,999,999,999.99", ["10,000,000,000,000,000.00", "92233720368547758.07"], Currency.usd, "9,999,999,999,999,999.99"),
        ("999999999999999999", ["1000000000000000000", "9223372036854775807"], .jpy, "999,999,999,999,999,999"),
        ("999,999,999,999,999.999", ["1,000,000,000,000,000.000", "9223372036854775.807"], .kwd, "999,999,999,999,999.999"),
    ])
    func projectValues(_ largest: String, _ above: [String], _ currency: Currency, _ shown: String) throws {
        let project = try Self.draft(value: largest, currency: currency.code).validate()
        #expect(project.value.minorUnits == Money.maxValueMinorUnits)
        // Near Int64.max and beyond it: refused alike, with the same message naming the field and the limit.
        for text in above + ["1" + String(repeating: "0", count: 40)] {
            let failure = try #require(throws: ValidationFailure.self) { try Self.draft(value: text, currency: currency.code).validate() }
            #expect(failure.problems.map(\.field) == ["value"])
            #expect(failure.problems.first?.message.contains("the largest \(currency.code) value is \(shown) (10^18 - 1 minor units)") == true,
                    "\(failure)")
        }
    }

    @Test("a patch cannot take a value past the bound; typed values past it are refused too")
    func patchAndTypedValues() throws {
        let project = Project(try ProjectDraftTests.good.validate(), version: 1, createdAt: Date(), updatedAt: Date())
        let patch = ProjectPatch(value: Money(minorUnits: Money.maxValueMinorUnits + 1, currency: .usd))
        let failure = try #require(throws: ValidationFailure.self) { try patch.apply(to: project) }
        #expect(failure.problems.map(\.field) == ["value"])
        #expect(throws: ValidationFailure.self) {
            try ValidatedProject(code: project.code, name: "x", sectorCode: "energy", value: Money(minorUnits: .max, currency: .usd),
                                 valueDate: project.valueDate, lenders: project.lenders)
        }
    }

    @Test("a target is at most the largest value")
    func targets() throws {
        #expect(try Target(amount: Money.largestValue(.usd)).amount.minorUnits == Money.maxValueMinorUnits)
        let error = domainError { () throws(DomainError) in try Target(amount: Money(minorUnits: Money.maxValueMinorUnits + 1, currency: .usd)) }
        #expect(error?.field == "target")
        #expect(error?.message.contains("the largest USD value is 9,999,999,999,999,999.99") == true)
    }

    @Test("no supported currency has more than 3 minor digits, as the sum bound assumes")
    func minorDigits() {
        #expect(Currency.all.allSatisfy { (0...3).contains($0.minorDigits) })
    }

    @Test("the worst case of the bound: the largest values at the largest rate into the most digits, summed, fit with room")
    func worstCaseSum() throws {
        let rate = try FXRate(currency: .jpy, quote: .kwd, date: date("2024-01-01"), rate: FXRate.maxRate)
        let one = try rate.convert(Money(minorUnits: Int128(Int64.max), currency: .jpy))
        #expect(one.minorUnits == Int128(Int64.max) * 1_000_000_000)
        // 2^31 - 1 such projects: the most a portfolio holds.
        let (sum, overflow) = one.minorUnits.multipliedReportingOverflow(by: Int128(Int32.max))
        #expect(!overflow)
        #expect(sum < 20_000_000_000_000_000_000_000_000_000_000_000_000)
    }
}
