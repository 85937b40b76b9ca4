import Foundation
import PortfolioCore
import Testing
import TestSupport

/// `report --as-of` shows every field as it was: each change counts from its effective date.
@Suite("report --as-of follows each change's effective date, end to end")
struct AsOfCommandTests {
    /// The line of `key` in a CSV report, or nil.
    static func line(_ key: String, in csv: String) -> String? {
        csvDataLines(csv).first { $0.hasPrefix(key + ",") }
    }

    static func report(_ cli: PortfolioCLI, _ kind: String, asOf: String? = nil) async throws -> String {
        try await cli.succeed(["report", kind, "--format", "csv"] + (asOf.map { ["--as-of", $0] } ?? [])).stdout
    }

    /// `days` days from today (UTC), as YYYY-MM-DD.
    static func day(_ days: Int) throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        let date = try #require(calendar.date(byAdding: .day, value: days, to: Date()))
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    @Test("value, value date, sector and lenders: back-dated with --value-date or --effective, or from the day recorded")
    func everyField() async throws {
        try await withSampleDatabase { _, cli in
            try await cli.succeed(["sector", "add", "asof", "As-of test"])
            try await cli.succeed(["project", "add", "--code", "AS-1", "--name", "As of", "--sector", "asof", "--status", "ongoing",
                             "--value", "100", "--currency", "USD", "--value-date", "2020-01-01", "--lender", "Bank of China"])
            // A back-dated value counts from its value date.
            try await cli.succeed(["project", "update", "AS-1", "--value", "250", "--value-date", "2021-06-01"])
            await #expect(Self.line("asof", in: try Self.report(cli, "sectors", asOf: "2021-05-31"))?.hasPrefix("asof,1,100.00,100.00,0.000000,") == true)
            await #expect(Self.line("asof", in: try Self.report(cli, "sectors", asOf: "2021-06-01"))?.hasPrefix("asof,1,250.00,250.00,") == true)
            // A lender change with --effective counts from that date.
            try await cli.succeed(["project", "update", "AS-1", "--lender", "Test Lender=100", "--effective", "2022-01-01"])
            await #expect(Self.line("Test Lender", in: try Self.report(cli, "lenders", asOf: "2021-12-31")) == nil)
            await #expect(Self.line("Test Lender", in: try Self.report(cli, "lenders", asOf: "2022-01-01"))?.hasPrefix("Test Lender,1,250.00,") == true)
            // A sector change without a date counts from today: yesterday still shows the old sector.
            try await cli.succeed(["project", "update", "AS-1", "--sector", "other"])
            await #expect(Self.line("asof", in: try Self.report(cli, "sectors", asOf: try Self.day(-1))) != nil)
            await #expect(Self.line("asof", in: try Self.report(cli, "sectors")) == nil)
            // As of today the rebuilt portfolio is the current one.
            await #expect(try Self.report(cli, "lenders", asOf: try Self.day(0)) == (try Self.report(cli, "lenders")))
        }
    }

    @Test("--effective after today or not a date is refused and changes nothing", arguments: [
        (["--effective", "tomorrow"], "--effective: "),
        (["--effective", "2022-02-30"], "--effective: "),
        (["--effective", "+1"], "after today"),
    ])
    func badEffective(_ flags: [String], _ mention: String) async throws {
        let flags = try flags.map { $0 == "+1" ? try Self.day(1) : $0 }
        let bad = BadInput(label: "update \(flags)", arguments: ["project", "update", "ILL-EN-05", "--name", "X"] + flags,
                           status: .dataError, mentions: [mention])
        try await bad.check()
    }
}
