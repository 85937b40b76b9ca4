import PortfolioCore
import PortfolioReports
import Testing

@Suite("Exact decimal text of ratios")
struct DecimalTextTests {
    @Test("fixed decimals round half to even and never show binary artefacts", arguments: [
        (Int128(43), Int128(160), 6, "0.268750"),
        (1, 3, 6, "0.333333"),
        (2, 3, 6, "0.666667"),
        (3, 10, 6, "0.300000"),
        (1, 8, 2, "0.12"),
        (3, 8, 2, "0.38"),
        (-1, 3, 3, "-0.333"),
        (-1, 3000, 2, "0.00"),
        (7, 1, 2, "7.00"),
        (783_540_000_000, 800_000_000_000, 6, "0.979425"),
    ])
    func fixed(numerator: Int128, denominator: Int128, places: Int, expected: String) throws {
        #expect(DecimalText.fixed(try ExactRatio(numerator, over: denominator), places: places) == expected)
    }

    @Test("trimmed decimals drop trailing zeros but keep one decimal", arguments: [
        (Int128(43), Int128(160), "0.26875"),
        (1, 10, "0.1"),
        (3, 10, "0.3"),
        (1, 1, "1.0"),
        (0, 1, "0.0"),
        (1, 3, "0.333333"),
        (1, 4_000_000, "0.0"),
        (100_000_000_000, 800_000_000_000, "0.125"),
    ])
    func trimmed(numerator: Int128, denominator: Int128, expected: String) throws {
        #expect(DecimalText.trimmed(try ExactRatio(numerator, over: denominator)) == expected)
    }

    @Test("every share in the JSON of the sample is a plain decimal within half a millionth of the exact share")
    func sampleShares() throws {
        for kind in [ReportKind.sectors, .statuses, .lenders, .progress] {
            let report = try SampleData.report(kind)
            let json = report.rendered(as: .json)
            let shares = json.split(separator: "\n").filter { $0.contains("\"share\": ") }.map { line in
                String(line.split(separator: ": ")[1].prefix { $0 != "," })
            }
            try #require(shares.count == report.rows.count)
            for (text, row) in zip(shares, report.rows) {
                #expect(text.wholeMatch(of: /[0-9]+\.[0-9]{1,6}/) != nil, "\(kind) \(row.key): \(text)")
                let digits = text.split(separator: ".")
                let fraction = String(digits[1]) + String(repeating: "0", count: 6 - digits[1].count)
                let millionths = try #require(Int128(String(digits[0]) + fraction))
                let total = Int128(report.total.value.minorUnits)
                let error = millionths * total - Int128(row.value.minorUnits) * 1_000_000
                #expect(error.magnitude * 2 <= total.magnitude, "\(kind) \(row.key): \(text)")
            }
        }
    }
}
