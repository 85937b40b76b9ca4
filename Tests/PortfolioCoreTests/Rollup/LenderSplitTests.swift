import PortfolioCore
import Testing

@Suite("Largest-remainder split")
struct LenderSplitTests {
    @Test func threeWaySplitOfAnOddAmount() throws {
        let lenders = shares("A=33.34;B=33.33;C=33.33")
        // 1,000,000.01: exact parts 33,340,000.3334 / 33,330,000.3333 / 33,330,000.3333; the one cent left goes to A.
        let odd = try LenderShare.split(Money(minorUnits: 100_000_001, currency: .usd), by: lenders)
        #expect(odd.map(\.minorUnits) == [33_340_001, 33_330_000, 33_330_000])
        // 1,000,000.02: remainders .6668 / .6666 / .6666; two cents left go to A, then B (tie broken by name).
        let two = try LenderShare.split(Money(minorUnits: 100_000_002, currency: .usd), by: lenders)
        #expect(two.map(\.minorUnits) == [33_340_001, 33_330_001, 33_330_000])
    }

    @Test func tiesGoToTheNameThatSortsFirstWhateverTheOrder() throws {
        let cent = Money(minorUnits: 1, currency: .usd)
        #expect(try LenderShare.split(cent, by: shares("Zeta=50;Alpha=50")).map(\.minorUnits) == [0, 1])
        #expect(try LenderShare.split(cent, by: shares("Alpha=50;Zeta=50")).map(\.minorUnits) == [1, 0])
        let reordered = try LenderShare.split(Money(minorUnits: 100_000_002, currency: .usd), by: shares("C=33.33;B=33.33;A=33.34"))
        #expect(reordered.map(\.minorUnits) == [33_330_000, 33_330_001, 33_340_001])
    }

    @Test("ties go by the names' UTF-8 bytes, the order of PostgreSQL's COLLATE \"C\" on stored names")
    func tiesByUTF8Bytes() throws {
        let cent = Money(minorUnits: 1, currency: .usd)
        // Upper case sorts before lower case: the name as stored decides, not as typed.
        #expect(try LenderShare.split(cent, by: shares("ICBC=50;China Exim Bank=50")).map(\.minorUnits) == [0, 1])
        #expect(try LenderShare.split(cent, by: shares("ICBC=50;china exim bank=50")).map(\.minorUnits) == [1, 0])
        // "A" + combining ring (41 CC 8A) sorts before "B" (42) by bytes, though its composed
        // form, U+00C5, sorts after "B" as a Swift string.
        #expect(try LenderShare.split(cent, by: shares("B=50;A\u{30A}=50")).map(\.minorUnits) == [0, 1])
    }

    @Test func negativeAndExtremeAmounts() throws {
        let negative = try LenderShare.split(Money(minorUnits: -100_000_002, currency: .usd), by: shares("A=33.34;B=33.33;C=33.33"))
        #expect(negative.map(\.minorUnits) == [-33_340_001, -33_330_001, -33_330_000])
        #expect(try LenderShare.split(Money(minorUnits: .max, currency: .jpy), by: shares("A")).map(\.minorUnits) == [.max])
        #expect(try LenderShare.split(Money(minorUnits: .min, currency: .jpy), by: shares("A")).map(\.minorUnits) == [.min])
        let halves = try LenderShare.split(Money(minorUnits: .max, currency: .jpy), by: shares("A=50;B=50"))
        #expect(halves.map(\.minorUnits) == [Int128.max / 2 + 1, Int128.max / 2])
        #expect(halves.allSatisfy { $0.currency == .jpy })
    }

    @Test func refusesSharesThatDoNotAddUp() throws {
        let shares = [try LenderShare(lender: "A", basisPoints: 5000)]
        #expect(domainError { () throws(DomainError) in
            try LenderShare.split(Money(minorUnits: 10, currency: .usd), by: shares)
        }?.message == "lender shares add up to 50%; they must add up to 100%")
    }

    @Test func partsAddUpAndStayWithinOneUnitOfTheExactShare() throws {
        var generator = PortfolioGenerator(seed: 77)
        for _ in 0..<2000 {
            let lenders = try generator.lenderShares()
            let units = Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &generator.random)
            let parts = try LenderShare.split(Money(minorUnits: Int128(units), currency: .usd), by: lenders)
            #expect(parts.reduce(0) { $0 + $1.minorUnits } == Int128(units))
            for (share, part) in zip(lenders, parts) {
                let exact = Int128(units.magnitude) * Int128(share.basisPoints)
                let floor = exact / 10_000
                let magnitude = Int128(part.minorUnits.magnitude)
                #expect(magnitude == floor || (magnitude == floor + 1 && exact % 10_000 != 0))
            }
        }
    }
}
