import PortfolioCore
import Testing

/// The IATI document's text: escaping, codes, dates and transactions.
@Suite("IATI documents")
struct IATIDocumentTests {
    static func project(status: ProjectStatus = .ongoing, start: String? = "2020-01-01", end: String? = "2030-12-31",
                        description: String? = nil) throws -> ValidatedProject {
        try ProjectDraft(code: "P-1", name: "Plant & <Works>", sector: "energy", status: status.rawValue, value: "1000.01", currency: "USD",
                         valueDate: "2019-05-01", lenders: "Bank A=60;Bank \"B\"=40", startDate: start ?? "", endDate: end ?? "",
                         description: description ?? "").validate()
    }

    @Test("text and attributes are escaped; characters XML forbids are replaced")
    func escaping() {
        #expect(XMLText.text("a & b < c > d \"e\"") == "a &amp; b &lt; c &gt; d \"e\"")
        #expect(XMLText.attribute("say \"hi\"\tthere\n") == "say &quot;hi&quot;&#9;there&#10;")
        #expect(XMLText.text("bell\u{07}") == "bell\u{FFFD}")
        #expect(XMLText.text("line\r\nnext") == "line&#13;\nnext")
    }

    @Test("statuses, sectors and transaction types map onto the IATI codelists")
    func codes() {
        #expect(ProjectStatus.allCases.map(IATICodes.activityStatus) == [1, 2, 2, 4, 6, 5])
        #expect(["energy", "manufacturing", "agriculture", "logistics", "other", "fisheries"].map { IATICodes.dacSector($0) }
                == ["232", "321", "311", "210", "998", "998"])
        #expect(IATICodes.dacSector("dac-320", own: "320") == "320")
        #expect(IATICodes.dacSector("fisheries", own: "31") == "998", "a sector's DAC code is written only when it is three digits")
        #expect(IATICodes.transaction(.cancellation) == (2, -1))
        #expect(IATICodes.transaction(.repayment) == (6, 1))
    }

    @Test("a reporting organisation's ref, name and type are checked")
    func reportingOrg() throws {
        #expect(throws: DomainError.self) { try IATIReportingOrg(ref: "BY GOV", name: "M", type: "10") }
        #expect(throws: DomainError.self) { try IATIReportingOrg(ref: "BY-GOV", name: " ", type: "10") }
        #expect(throws: DomainError.self) { try IATIReportingOrg(ref: "BY-GOV", name: "M", type: "1") }
        #expect(try IATIReportingOrg(ref: "BY-GOV.1_x", name: "M", type: "10").ref == "BY-GOV.1_x")
    }

    @Test("dates are actual once the status says they happened and they are not after the date, else planned")
    func dates() throws {
        let org = try IATIReportingOrg(ref: "XX-1", name: "Org", type: "10")
        let asOf = try LocalDate.parse("2026-01-01")
        func text(_ project: ValidatedProject) -> String {
            IATIDocument(org: org, country: nil, asOf: asOf, activities: [IATIActivity(project: project, ledger: [])]).rendered()
        }
        let ongoing = text(try Self.project())
        #expect(ongoing.contains("<activity-date iso-date=\"2020-01-01\" type=\"2\"/>"))
        #expect(ongoing.contains("<activity-date iso-date=\"2030-12-31\" type=\"3\"/>"))
        let pledged = text(try Self.project(status: .pledged, start: nil, end: nil))
        #expect(pledged.contains("<activity-date iso-date=\"2019-05-01\" type=\"1\" portfolio:from=\"value-date\"/>"))
        #expect(!pledged.contains("<transaction"), "a pledged project has no commitment yet")
        #expect(pledged.contains("<description type=\"1\" portfolio:from=\"title\"><narrative>Plant &amp; &lt;Works&gt;</narrative>"))
        let finished = text(try Self.project(status: .finished, end: "2025-06-30", description: "Done."))
        #expect(finished.contains("<activity-date iso-date=\"2025-06-30\" type=\"4\"/>"))
        #expect(finished.contains("<description type=\"1\"><narrative>Done.</narrative>"))
        // The lenders' parts add up to the value, in its currency, to the cent.
        #expect(ongoing.contains(">600.01</value>") && ongoing.contains(">400.00</value>"))
        #expect(ongoing.contains("portfolio:share-bp=\"6000\"><narrative>Bank A</narrative>"))
        #expect(ongoing.contains("<narrative>Bank \"B\"</narrative>"))
    }
}
