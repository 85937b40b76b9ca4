import PortfolioCore
import PortfolioReports
import Testing

@Suite("Report model")
struct ReportModelTests {
    @Test("status rows follow the life cycle, not the value order")
    func statusOrder() throws {
        let report = try SampleData.report(.statuses)
        #expect(report.rows.map(\.key) == ["pledged", "committed", "ongoing", "finished"])
    }

    @Test("sector and lender rows keep the rollup's order, value descending")
    func breakdownOrder() throws {
        let rollup = try SampleData.rollup()
        #expect(try Report(.sectors, of: rollup).rows.map(\.key) == rollup.bySector.map(\.key))
        let lenders = try Report(.lenders, of: rollup).rows
        #expect(lenders.map(\.key) == rollup.byLender.map(\.key))
        #expect(zip(lenders, lenders.dropFirst()).allSatisfy { $0.value.minorUnits >= $1.value.minorUnits })
    }

    @Test("progress has one row per category and the sample's exact figures")
    func progress() throws {
        let report = try SampleData.report(.progress)
        #expect(report.rows.map(\.key) == ["counted", "pledged", "suspended", "cancelled"])
        #expect(report.rows.map(\.projects) == [30, 2, 0, 0])
        let progress = try #require(report.progress)
        #expect(progress.counted == Money(minorUnits: 783_540_000_000, currency: .usd))
        #expect(progress.pledged == Money(minorUnits: 16_460_000_000, currency: .usd))
        #expect(progress.ratio == (try ExactRatio(783_540_000_000, over: 800_000_000_000)))
        #expect(report.total.value == Target.default.amount)
    }

    @Test("shares are value over total, exactly")
    func shares() throws {
        let report = try SampleData.report(.sectors)
        for row in report.rows {
            #expect(row.share == (try ExactRatio(row.value.minorUnits, over: report.total.value.minorUnits)))
        }
    }

    @Test("a trend cannot be built from one rollup")
    func trendFromRollup() throws {
        let rollup = try SampleData.rollup()
        #expect(throws: DomainError.self) { try Report(.trend, of: rollup) }
    }

    @Test("trend points are sorted oldest first and the total is the latest point's")
    func trendOrder() throws {
        let report = try SampleData.trend()
        #expect(report.points.map(\.asOf.description) == ["2026-09-30", "2026-10-31", "2026-11-29"])
        #expect(report.asOf.description == "2026-11-29")
        #expect(report.total.projects == 32)
    }

    @Test("a trend point in another currency, or with a counted amount above its total, is refused")
    func trendRefusals() throws {
        let euro = try TrendPoint(
            takenAt: .now, asOf: SampleData.asOf, trigger: "manual",
            total: Money(minorUnits: 100, currency: .eur), counted: Money(minorUnits: 50, currency: .eur),
            target: Money(minorUnits: 1_000, currency: .eur), projectCount: 1
        )
        #expect(throws: DomainError.self) { try Report(trend: [euro], currency: .usd, asOf: SampleData.asOf) }
        #expect(throws: DomainError.self) {
            try SampleData.point("2026-01-01T00:00:00Z", "2026-01-01", "manual", total: 10, counted: 11, projects: 1)
        }
    }

    @Test("an empty portfolio renders in every format with zero shares")
    func emptyPortfolio() throws {
        let rollup = try Rollup(
            asOf: SampleData.asOf, currency: .usd, target: Target.default.amount, bySector: [], byStatus: [], byLender: []
        )
        for kind in [ReportKind.sectors, .statuses, .lenders, .progress] {
            let report = try Report(kind, of: rollup)
            for format in ReportFormat.allCases {
                #expect(!report.rendered(as: format).isEmpty)
            }
        }
        let progress = try Report(.progress, of: rollup)
        #expect(progress.rows.allSatisfy { $0.share == (try? ExactRatio(0, over: 1)) })
        #expect(CSVRenderer().render(progress).contains("total,0,0.00,0.000000,8000000000.00,0.000000\n"))
    }
}
