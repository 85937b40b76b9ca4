import Foundation
import PortfolioCore
import Testing

@Suite("Exact ratio")
struct ExactRatioTests {
    @Test("basis points and percent, rounded half to even", arguments: [
        (Int128(7), Int128(8), 8750, "87.50%"),
        (1, 3, 3333, "33.33%"),
        (2, 3, 6667, "66.67%"),
        (1, 20_000, 0, "0.00%"),        // 0.5 bp → 0
        (3, 20_000, 2, "0.02%"),        // 1.5 bp → 2
        (5, 20_000, 2, "0.02%"),        // 2.5 bp → 2
        (7, 20_000, 4, "0.04%"),        // 3.5 bp → 4
        (-7, 20_000, -4, "-0.04%"),
        (0, 5, 0, "0.00%"),
        (9, 8, 11_250, "112.50%"),
        (41, 4000, 102, "1.02%"),
    ])
    func rounding(numerator: Int128, denominator: Int128, basisPoints: Int, text: String) throws {
        let ratio = try ExactRatio(numerator, over: denominator)
        #expect(ratio.basisPoints == basisPoints)
        #expect(ratio.percentText == text)
    }

    @Test func lowestTermsAndRefusals() throws {
        let ratio = try ExactRatio(700_000_000_000, over: 800_000_000_000)
        #expect(ratio.numerator == 7 && ratio.denominator == 8)
        #expect(ratio == (try ExactRatio(14, over: 16)))
        #expect(ratio.description == "7/8")
        #expect(try ExactRatio(0, over: 9) == (try ExactRatio(0, over: 1)))
        #expect(try ExactRatio(.min, over: 2).numerator == .min / 2)
        #expect(domainError { () throws(DomainError) in try ExactRatio(1, over: 0) }?.message
            == "a ratio's denominator must be greater than zero, not 0")
        #expect(domainError { () throws(DomainError) in try ExactRatio(1, over: -2) } != nil)
    }

    @Test func hugeRatiosSaturateButPrintExactly() throws {
        let ratio = try ExactRatio(Int128(Int64.max), over: 1)
        #expect(ratio.basisPoints == Int.max)
        #expect(ratio.percentText == "922337203685477580700.00%")
        #expect(try ExactRatio(Int128(Int64.min), over: 1).basisPoints == Int.min)
        // Beyond 10^34 the basis points saturate at Int128.max instead of overflowing.
        #expect(try ExactRatio(.max, over: 1).percentText == "1701411834604692317316873037158841057.27%")
        #expect(try ExactRatio(.min, over: 1).percentText == "-1701411834604692317316873037158841057.27%")
        #expect(try ExactRatio(.max, over: 3).basisPoints == Int.max)
    }

    @Test func jsonRefusesABadDenominator() throws {
        let ratio = try JSONDecoder().decode(ExactRatio.self, from: Data(#"{"numerator":6,"denominator":8}"#.utf8))
        #expect(ratio == (try ExactRatio(3, over: 4)))
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ExactRatio.self, from: Data(#"{"numerator":6,"denominator":0}"#.utf8))
        }
    }
}
