import PortfolioCore
import Testing

@Suite("Rollup: hand-checked examples")
struct RollupExampleTests {
    typealias F = RollupFixtures

    static let cdb = "China Development Bank"
    static let exim = "Export-Import Bank of China"

    /// Six USD projects, 8,100,000,000 in all, 7,000,000,000 of it counted.
    static func usdPortfolio() throws(DomainError) -> [RollupInput] {
        [
            try F.input("P1", "energy", .committed, F.money("3,000,000,000"), "\(cdb)=100"),
            try F.input("P2", "energy", .ongoing, F.money("2,500,000,000"), "\(cdb)=60;\(exim)=40"),
            try F.input("P3", "logistics", .finished, F.money("1,500,000,000"), "\(exim)=100"),
            try F.input("P4", "agriculture", .pledged, F.money("800,000,000"), "ICBC=100"),
            try F.input("P5", "manufacturing", .suspended, F.money("200,000,000"), "\(cdb)=50;ICBC=50"),
            try F.input("P6", "manufacturing", .cancelled, F.money("100,000,000"), "ICBC"),
        ]
    }

    static func row(_ key: String, _ projects: Int, _ value: String, _ counted: String) throws(DomainError) -> RollupRow {
        RollupRow(key: key, projects: projects, value: try F.money(value), counted: try F.money(counted))
    }

    @Test func usdPortfolioAgainstTheDefaultTarget() throws {
        let rollup = try RollupCalculator.compute(
            inputs: Self.usdPortfolio(), fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-06-30")
        )
        #expect(rollup.asOf == date("2025-06-30"))
        #expect(rollup.currency == .usd)
        #expect(rollup.target == Money(minorUnits: 800_000_000_000, currency: .usd))
        #expect(rollup.projectCount == 6)
        #expect(rollup.total == (try F.money("8,100,000,000")))
        #expect(rollup.counted == (try F.money("7,000,000,000")))
        #expect(rollup.pipeline == (try F.money("800,000,000")))
        #expect(rollup.suspended == (try F.money("200,000,000")))
        #expect(rollup.cancelled == (try F.money("100,000,000")))
        #expect(rollup.amount(in: .pipeline) == rollup.pipeline)
        #expect(rollup.progress == (try ExactRatio(7, over: 8)))
        #expect(rollup.progressBasisPoints == 8750)
        #expect(rollup.progressText == "87.50%")
        #expect(rollup.bySector == [
            try Self.row("energy", 2, "5,500,000,000", "5,500,000,000"),
            try Self.row("logistics", 1, "1,500,000,000", "1,500,000,000"),
            try Self.row("agriculture", 1, "800,000,000", "0"),
            try Self.row("manufacturing", 2, "300,000,000", "0"),
        ])
        #expect(rollup.byStatus == [
            try Self.row("committed", 1, "3,000,000,000", "3,000,000,000"),
            try Self.row("ongoing", 1, "2,500,000,000", "2,500,000,000"),
            try Self.row("finished", 1, "1,500,000,000", "1,500,000,000"),
            try Self.row("pledged", 1, "800,000,000", "0"),
            try Self.row("suspended", 1, "200,000,000", "0"),
            try Self.row("cancelled", 1, "100,000,000", "0"),
        ])
        #expect(rollup.byLender == [
            try Self.row(Self.cdb, 3, "4,600,000,000", "4,500,000,000"),
            try Self.row(Self.exim, 2, "2,500,000,000", "2,500,000,000"),
            try Self.row("ICBC", 3, "1,000,000,000", "0"),
        ])
    }

    @Test func emptyPortfolio() throws {
        let rollup = try RollupCalculator.compute(
            inputs: [RollupInput](), fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        #expect(rollup.projectCount == 0)
        #expect(rollup.total == .zero(.usd))
        #expect(rollup.bySector.isEmpty && rollup.byStatus.isEmpty && rollup.byLender.isEmpty)
        #expect(rollup.progressText == "0.00%")
        #expect(rollup.progressBasisPoints == 0)
    }

    /// CNY values convert at the latest rate on or before their value date, rounding half to even.
    @Test func cnyProjectsConvertWithHalfEvenRounding() throws {
        let fx = FXTable([
            try F.rate(.cny, "2023-01-01", "0.1405"),
            try F.rate(.cny, "2024-01-01", "0.1385"),
            try F.rate(.cny, "2024-06-01", "0.13"),
        ])
        let inputs = [
            // 100,001,000 fen × 0.1385 = 13,850,138.5 cents → 13,850,138 (half to even, down).
            try F.input("C1", "energy", .committed, F.money("1,000,010.00", .cny), "\(Self.cdb)=50;\(Self.exim)=50", on: "2024-03-15"),
            // 100,003,000 fen × 0.1385 = 13,850,415.5 cents → 13,850,416 (half to even, up); the 0.13 rate starts a day later.
            try F.input("C2", "energy", .pledged, F.money("1,000,030.00", .cny), "\(Self.cdb)=100", on: "2024-05-31"),
            // 100,001,000 fen × 0.1405 = 14,050,140.5 cents → 14,050,140.
            try F.input("C3", "mining", .finished, F.money("1,000,010.00", .cny), "\(Self.exim)=100", on: "2023-06-01"),
        ]
        let target = try Target(amount: F.money("1,000,000"))
        let rollup = try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .usd, target: target, asOf: date("2025-01-01"))
        #expect(rollup.total == Money(minorUnits: 41_750_694, currency: .usd))
        #expect(rollup.counted == Money(minorUnits: 27_900_278, currency: .usd))
        #expect(rollup.pipeline == Money(minorUnits: 13_850_416, currency: .usd))
        #expect(F.row("energy", in: rollup.bySector)?.value.minorUnits == 27_700_554)
        #expect(F.row("mining", in: rollup.bySector)?.counted.minorUnits == 14_050_140)
        #expect(F.row(Self.cdb, in: rollup.byLender)?.value.minorUnits == Int128(6_925_069 + 13_850_416))
        #expect(F.row(Self.exim, in: rollup.byLender)?.value.minorUnits == Int128(6_925_069 + 14_050_140))
        #expect(F.row(Self.exim, in: rollup.byLender)?.counted.minorUnits == Int128(6_925_069 + 14_050_140))
        // 27,900,278 / 100,000,000 = 27.900278% → 2790 basis points.
        #expect(rollup.progressBasisPoints == 2790)
        #expect(rollup.progressText == "27.90%")
    }

    @Test func threeWayCoFinancedProject() throws {
        let input = try F.input("T1", "water", .ongoing, F.money("1,000,000.02"), "C=33.33;A=33.34;B=33.33")
        let rollup = try RollupCalculator.compute(
            inputs: [input], fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01")
        )
        #expect(rollup.byLender.map(\.key) == ["A", "B", "C"])
        #expect(rollup.byLender.map(\.value.minorUnits) == [33_340_001, 33_330_001, 33_330_000])
        #expect(rollup.byLender.map(\.counted.minorUnits) == [33_340_001, 33_330_001, 33_330_000])
        #expect(rollup.byLender.map(\.projects) == [1, 1, 1])
    }

    @Test func targetInAnotherCurrencyConvertsAtTheRollupDate() throws {
        let fx = FXTable([try F.rate(.usd, "2025-01-01", "0.9", to: .eur)])
        let inputs = [try F.input("E1", "energy", .ongoing, F.money("450,000,000", .eur), "ICBC")]
        let rollup = try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .eur, target: .default, asOf: date("2025-03-01"))
        #expect(rollup.target == (try F.money("7,200,000,000", .eur)))
        #expect(rollup.progressText == "6.25%")
        let error = domainError { () throws(DomainError) in
            try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .eur, target: .default, asOf: date("2024-12-31"))
        }
        #expect(error?.description == "target: no EUR rate for USD on or before 2024-12-31")
    }

    @Test func missingRateNamesTheProjectAndCurrency() throws {
        let fx = FXTable([try F.rate(.cny, "2024-01-01", "0.14")])
        let inputs = [
            try F.input("OK-1", "energy", .ongoing, F.money("100", .cny), "ICBC", on: "2024-02-01"),
            try F.input("EARLY-2", "energy", .ongoing, F.money("100", .cny), "ICBC", on: "2023-12-31"),
        ]
        let error = domainError { () throws(DomainError) in
            try RollupCalculator.compute(inputs: inputs, fx: fx, currency: .usd, target: .default, asOf: date("2025-01-01"))
        }
        #expect(error?.description == "project EARLY-2: no USD rate for CNY on or before 2023-12-31")
    }

    @Test func sumsBeyond64BitsAreExact() throws {
        // Two values past half of Int64.max: their sum overflowed 64 bits, and is exact in 128.
        let half = Money(minorUnits: Int128(Int64.max / 2 + 1), currency: .usd)
        let inputs = [
            try F.input("BIG-1", "energy", .pledged, half, "ICBC"),
            try F.input("BIG-2", "mining", .cancelled, half, "Silk Road Fund"),
        ]
        let rollup = try RollupCalculator.compute(inputs: inputs, fx: FXTable(), currency: .usd, target: .default, asOf: date("2025-01-01"))
        #expect(rollup.total.minorUnits == Int128(Int64.max) + 1)
        #expect(rollup.total.formatted(grouping: true) == "92,233,720,368,547,758.08")
        #expect(rollup.pipeline == half && rollup.cancelled == half)
    }

    @Test func conversionBeyond128BitsThrows() throws {

        let fx = FXTable([try F.rate(.jpy, "2024-01-01", "1000")])
        let yen = [try F.input("FX-1", "energy", .pledged, Money(minorUnits: .max / 10, currency: .jpy), "ICBC")]
        let conversion = domainError { () throws(DomainError) in
            try RollupCalculator.compute(inputs: yen, fx: fx, currency: .usd, target: .default, asOf: date("2025-01-01"))
        }
        #expect(conversion?.message.hasPrefix("project FX-1: ") == true)
        #expect(conversion?.message.hasSuffix("is too large in USD") == true)
    }

    @Test func inputValidation() throws {
        let code = try ProjectCode("V-1")
        let negative = domainError { () throws(DomainError) in
            try RollupInput(
                code: code, sectorCode: "energy", status: .ongoing,
                value: Money(minorUnits: -1, currency: .usd), valueDate: date("2024-01-01"), lenders: shares("A")
            )
        }
        #expect(negative?.description == "value: project V-1: value -0.01 USD must not be negative")
        let badShares = domainError { () throws(DomainError) in
            try RollupInput(
                code: code, sectorCode: "energy", status: .ongoing,
                value: .zero(.usd), valueDate: date("2024-01-01"), lenders: shares("A=60;B=30")
            )
        }
        #expect(badShares?.description == "lenders: project V-1: lender shares add up to 90%; they must add up to 100%")
        let sector = try RollupInput(
            code: code, sectorCode: " Energy ", status: .ongoing, value: .zero(.usd), valueDate: date("2024-01-01"), lenders: shares("A")
        )
        #expect(sector.sectorCode == "energy")
    }
}
