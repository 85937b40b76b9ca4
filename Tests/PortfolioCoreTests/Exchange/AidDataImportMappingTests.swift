@testable import PortfolioCore
import Testing

/// How a record of AidData's GCDF 3.0 becomes a project.
@Suite("AidData import mapping")
struct AidDataImportMappingTests {
    static let header = AidDataColumns.required + [AidDataColumns.description, AidDataColumns.coFinancingAgencies,
                                                   AidDataColumns.commitmentYear, AidDataColumns.actualStart,
                                                   AidDataColumns.plannedStart, AidDataColumns.actualEnd, AidDataColumns.plannedEnd,
                                                   AidDataColumns.sectorName, AidDataColumns.recipientISO]

    static func record(_ changes: [String: String] = [:]) throws -> AidDataRecord {
        var values: [String: String] = [
            AidDataColumns.recordID: "89653", AidDataColumns.recommended: "Yes", AidDataColumns.recipient: "Belarus",
            AidDataColumns.title: "Port\nexpansion", AidDataColumns.status: "Implementation", AidDataColumns.sectorCode: "210",
            AidDataColumns.fundingAgencies: "China Eximbank", AidDataColumns.nominalUSD: "1500000.005",
            AidDataColumns.constantUSD2021: "1685346.9183932", AidDataColumns.commitmentDate: "2019-12-03",
        ]
        for (key, value) in changes { values[key] = value }
        let columns = try AidDataColumns(header: header)
        return AidDataRecord(line: 7, fields: header.map { values[$0] ?? "" }, columns: columns)
    }

    static func map(_ changes: [String: String] = [:], amount: AidDataAmountBasis = .nominalUSD) throws -> Result<AidDataImportMapping.Mapped, AidDataImportMapping.Refusal> {
        AidDataImportMapping.map(try record(changes), amount: amount, sector: { DACSector.known($0).map { DACSector.grouping($0.code) } })
    }

    @Test("a record becomes a project: the record ID its code, the amount rounded half away from zero, one funder at 100%")
    func basic() throws {
        let mapped = try Self.map().get()
        #expect(mapped.project.code.rawValue == "89653")
        #expect(mapped.project.name == "Port expansion", "line breaks fold into spaces")
        #expect(mapped.project.sectorCode == "logistics")
        #expect(mapped.project.status == .ongoing)
        #expect(mapped.project.value == Money(minorUnits: 150_000_001, currency: .usd))
        #expect(mapped.project.valueDate.description == "2019-12-03")
        #expect(mapped.project.lenders.map(\.basisPoints) == [10_000])
        #expect(!mapped.sharesEstimated && mapped.recommended && mapped.amountPublished)
        #expect(mapped.project.location == "Belarus")
        let constant = try Self.map(amount: .constantUSD2021).get()
        #expect(constant.project.value == Money(minorUnits: 168_534_692, currency: .usd))
    }

    @Test("every AidData status maps; another is refused naming the vocabulary", arguments: [
        ("Pipeline: Pledge", ProjectStatus.pledged), ("Pipeline: Commitment", .committed), ("Implementation", .ongoing),
        ("Completion", .finished), ("Suspended", .suspended), ("Cancelled", .cancelled), ("completion", .finished),
    ])
    func statuses(text: String, status: ProjectStatus) throws {
        #expect(try Self.map([AidDataColumns.status: text]).get().project.status == status)
    }

    @Test("an unknown status, a bad date, a bad amount, no funder, a bad flag: every problem of the record at once")
    func refusals() throws {
        let result = try Self.map([AidDataColumns.status: "Done", AidDataColumns.commitmentDate: "2019-13-03",
                                   AidDataColumns.nominalUSD: "1,500", AidDataColumns.fundingAgencies: " | ",
                                   AidDataColumns.recommended: "Maybe", AidDataColumns.sectorCode: "21"])
        guard case .failure(let refusal) = result else {
            Issue.record("refused nothing")
            return
        }
        let text = refusal.messages.joined(separator: "\n")
        for expected in ["Status: \"Done\" is not an AidData status", "Commitment Date (MM/DD/YYYY):", "Amount (Nominal USD):",
                         "Funding Agencies: empty", "Recommended For Aggregates: \"Maybe\"", "Sector Code: \"21\""] {
            #expect(text.contains(expected), "\(text)")
        }
    }

    @Test("several funding agencies share equally (largest remainder) and are flagged estimated; repeats and co-financiers who fund are left out")
    func shares() throws {
        let mapped = try Self.map([AidDataColumns.fundingAgencies: "A Bank|B Bank| a bank |C Bank",
                                   AidDataColumns.coFinancingAgencies: "IFC|C Bank|KfW"]).get()
        #expect(mapped.project.lenders.map(\.lender) == ["A Bank", "B Bank", "C Bank"])
        #expect(mapped.project.lenders.map(\.basisPoints) == [3334, 3333, 3333])
        #expect(mapped.sharesEstimated)
        #expect(mapped.coFinanciers == ["IFC", "KfW"])
    }

    @Test("a blank amount is zero and marked unpublished; a commitment year stands in for a missing date; MM/DD/YYYY reads")
    func gaps() throws {
        let blank = try Self.map([AidDataColumns.nominalUSD: "", AidDataColumns.commitmentDate: "", AidDataColumns.commitmentYear: "2014.0"]).get()
        #expect(blank.project.value.minorUnits == 0 && !blank.amountPublished)
        #expect(blank.project.valueDate.description == "2014-01-01")
        let american = try Self.map([AidDataColumns.commitmentDate: "04/12/2018"]).get()
        #expect(american.project.valueDate.description == "2018-04-12")
        guard case .failure(let none) = try Self.map([AidDataColumns.commitmentDate: ""]) else {
            Issue.record("a record without a date was taken")
            return
        }
        #expect(none.messages.contains { $0.contains("no Commitment Year") })
    }

    @Test("actual dates before planned ones; an end before the start is left out")
    func dates() throws {
        let mapped = try Self.map([AidDataColumns.actualStart: "2019-02-27", AidDataColumns.plannedStart: "2018-01-01",
                                   AidDataColumns.plannedEnd: "2021-12-31", AidDataColumns.actualEnd: "2022-08-26"]).get()
        #expect(mapped.project.startDate?.description == "2019-02-27" && mapped.project.endDate?.description == "2022-08-26")
        let planned = try Self.map([AidDataColumns.plannedStart: "2018-01-01", AidDataColumns.plannedEnd: "2017-12-31"]).get()
        #expect(planned.project.startDate?.description == "2018-01-01" && planned.project.endDate == nil)
    }

    @Test("a long title and description are cut with an ellipsis at the tracker's limits, whitespace folded")
    func folding() throws {
        let mapped = try Self.map([AidDataColumns.title: String(repeating: "word ", count: 100),
                                   AidDataColumns.description: "a\r\n\tb " + String(repeating: "x", count: 3000)]).get()
        #expect(mapped.project.name.unicodeScalars.count == ProjectRules.maxNameLength && mapped.project.name.hasSuffix("…"))
        #expect(mapped.project.description?.hasPrefix("a b x") == true)
        #expect(mapped.project.description?.unicodeScalars.count == ProjectRules.maxDescriptionLength)
    }

    @Test("a header without a required column is refused naming it; a byte order mark before the first name is ignored")
    func header() throws {
        #expect(throws: DomainError.self) { try AidDataColumns(header: ["AidData Record ID", "Title"]) }
        let columns = try AidDataColumns(header: ["\u{FEFF}" + Self.header[0]] + Self.header.dropFirst())
        #expect(columns.positions[AidDataColumns.recordID] == 0)
        #expect(throws: DomainError.self) { try AidDataColumns(header: Self.header + [AidDataColumns.title]) }
    }

    @Test("amounts as datasets write them round to the cent half away from zero", arguments: [
        ("1685346.9183932", 168_534_692), ("0.005", 1), ("0.004999", 0), ("1.5e+07", 1_500_000_000), ("1.2345E2", 12_345),
        ("2372.04934019408", 237_205), ("-0.005", -1), ("7", 700), ("  42.10 ", 4210), ("1e-3", 0),
    ])
    func rounding(text: String, minorUnits: Int) throws {
        #expect(try Money.rounding(text, currency: .usd).minorUnits == Int128(minorUnits))
    }

    @Test("what is not an amount is refused", arguments: ["", "nan", "1,500", "1.2.3", "1e", "1e999", "12x", "99999999999999999999"])
    func notAmounts(text: String) {
        #expect(throws: DomainError.self) { try Money.rounding(text, currency: .usd) }
    }
}
