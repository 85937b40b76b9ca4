import PortfolioCore
import TestSupport

/// Builders for rollup tests.
enum RollupFixtures {
    /// An input from literals; lenders as `A=60;B=40`.
    static func input(
        _ code: String, _ sector: String, _ status: ProjectStatus, _ value: Money,
        _ lenders: String, on day: String = "2024-01-01"
    ) throws(DomainError) -> RollupInput {
        try RollupInput(
            code: ProjectCode(code), sectorCode: sector, status: status,
            value: value, valueDate: date(day), lenders: LenderShare.parseList(lenders)
        )
    }

    /// An amount from a decimal literal.
    static func money(_ text: String, _ currency: Currency = .usd) throws(DomainError) -> Money {
        try Money.parse(text, currency: currency)
    }

    /// A rate from literals.
    static func rate(_ currency: Currency, _ day: String, _ rate: String, to quote: Currency = .usd) throws(DomainError) -> FXRate {
        try FXRate(currency: currency, quote: quote, date: date(day), rate: ExactDecimal.parse(rate))
    }

    /// The row of `key` in `rows`.
    static func row(_ key: String, in rows: [RollupRow]) -> RollupRow? {
        rows.first { $0.key == key }
    }
}

/// Random portfolios with a fixed seed: sectors, statuses, currencies, dates and lender splits.
struct PortfolioGenerator {
    static let sectors = ["agriculture", "energy", "logistics", "manufacturing", "mining", "water"]
    static let lenders = [
        "Agricultural Development Bank", "Bank of China", "China Development Bank",
        "Export-Import Bank of China", "ICBC", "Silk Road Fund",
    ]
    static let currencies: [Currency] = [.usd, .cny, .eur, .jpy, .kwd]
    static let asOf = date("2025-12-31")

    var random: SeededGenerator

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    /// Rates into USD for every non-USD currency, on the first of each year 2015...2025.
    mutating func fxTable() throws(DomainError) -> FXTable {
        var table = FXTable()
        for currency in Self.currencies where currency != .usd {
            for year in 2015...2025 {
                let mantissa = Int128(Int.random(in: 1...2_000_000, using: &random))
                let scale = Int.random(in: 5...8, using: &random)
                table.insert(try FXRate(
                    currency: currency, quote: .usd, date: LocalDate(year: year, month: 1, day: 1),
                    rate: ExactDecimal(mantissa: mantissa, scale: scale)
                ))
            }
        }
        return table
    }

    /// A portfolio of `count` projects with codes `P-0`, `P-1`, ….
    mutating func portfolio(count: Int) throws(DomainError) -> [RollupInput] {
        var inputs: [RollupInput] = []
        for index in 0..<count {
            inputs.append(try project(code: "P-\(index)"))
        }
        return inputs
    }

    /// One random project.
    mutating func project(code: String) throws(DomainError) -> RollupInput {
        let currency = Self.currencies[Int.random(in: 0..<Self.currencies.count, using: &random)]
        let units: Int64 = Int.random(in: 0..<10, using: &random) == 0
            ? Int64.random(in: 0...3, using: &random)
            : Int64.random(in: 0...500_000_000_000, using: &random)
        let status = ProjectStatus.allCases[Int.random(in: 0..<ProjectStatus.allCases.count, using: &random)]
        let sector = Self.sectors[Int.random(in: 0..<Self.sectors.count, using: &random)]
        let valueDate = try LocalDate(
            year: Int.random(in: 2015...2025, using: &random),
            month: Int.random(in: 1...12, using: &random),
            day: Int.random(in: 1...28, using: &random)
        )
        return try RollupInput(
            code: ProjectCode(code), sectorCode: sector, status: status,
            value: Money(minorUnits: Int128(units), currency: currency), valueDate: valueDate, lenders: lenderShares()
        )
    }

    /// One to four distinct lenders with random basis points adding up to 10000.
    mutating func lenderShares() throws(DomainError) -> [LenderShare] {
        let count = Int.random(in: 1...4, using: &random)
        let names = Self.lenders.shuffled(using: &random).prefix(count)
        var cuts = Set<Int>()
        while cuts.count < count - 1 {
            cuts.insert(Int.random(in: 1..<10_000, using: &random))
        }
        let bounds = [0] + cuts.sorted() + [10_000]
        var shares: [LenderShare] = []
        for (name, index) in zip(names, 0..<count) {
            shares.append(try LenderShare(lender: name, basisPoints: bounds[index + 1] - bounds[index]))
        }
        return shares
    }
}
