/// An IATI 2.03 `iati-activities` document of a portfolio on a date, written deterministically
/// (the same portfolio gives the same bytes).
///
/// Per project: the identifier `{org-ref}-{code}`, the reporting organisation, the name as
/// title, the description (the name again when there is none: IATI requires one), the lenders
/// as funding organisations, the status (`IATICodes.activityStatus`), the start and end dates
/// (actual once the status says it happened and the date is not after `asOf`, else planned; the
/// value date as planned start when there is no start date), the recipient country, the sector
/// in DAC 3-digit codes and in the tracker's own (vocabulary 99), standard loan as finance
/// type, and the transactions: each lender's part of the value as its commitment, then the
/// ledger. What IATI's codes cannot say travels in `portfolio:` attributes.
public struct IATIDocument: Sendable {
    public let org: IATIReportingOrg
    /// An ISO 3166-1 alpha-2 code, such as `BY`, or nil to leave it out.
    public let country: String?
    public let asOf: LocalDate
    public let activities: [IATIActivity]

    public init(org: IATIReportingOrg, country: String?, asOf: LocalDate, activities: [IATIActivity]) {
        self.org = org
        self.country = country
        self.asOf = asOf
        self.activities = activities
    }

    /// The document as UTF-8 text, ending with a newline.
    public func rendered() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<iati-activities version=\"2.03\" xmlns:portfolio=\"\(IATICodes.extensionNamespace)\">\n"
        for activity in activities {
            write(activity, to: &out)
        }
        out += "</iati-activities>\n"
        return out
    }

    private func write(_ activity: IATIActivity, to out: inout String) {
        let project = activity.project
        let code = project.code.description
        out += " <iati-activity default-currency=\"\(project.value.currency.code)\" xml:lang=\"en\""
            + " portfolio:value=\"\(project.value.formatted())\" portfolio:value-date=\"\(project.valueDate)\""
            + (activity.aggregates ? "" : " portfolio:aggregates=\"false\"") + ">\n"
        out += "  <iati-identifier>\(XMLText.text(org.ref + "-" + code))</iati-identifier>\n"
        out += "  <reporting-org ref=\"\(XMLText.attribute(org.ref))\" type=\"\(org.type)\">\(narrative(org.name))</reporting-org>\n"
        out += "  <title>\(narrative(project.name))</title>\n"
        let described = project.description != nil
        out += "  <description type=\"1\"\(described ? "" : " portfolio:from=\"title\"")>\(narrative(project.description ?? project.name))</description>\n"
        for share in project.lenders {
            out += "  <participating-org role=\"1\" portfolio:share-bp=\"\(share.basisPoints)\">\(narrative(share.lender))</participating-org>\n"
        }
        out += "  <activity-status code=\"\(IATICodes.activityStatus(project.status))\" portfolio:status=\"\(project.status.rawValue)\"/>\n"
        let started = [.ongoing, .finished].contains(project.status)
        if let start = project.startDate {
            out += "  <activity-date iso-date=\"\(start)\" type=\"\(started && start <= asOf ? 2 : 1)\"/>\n"
        } else {
            out += "  <activity-date iso-date=\"\(project.valueDate)\" type=\"1\" portfolio:from=\"value-date\"/>\n"
        }
        if let end = project.endDate {
            out += "  <activity-date iso-date=\"\(end)\" type=\"\(project.status == .finished && end <= asOf ? 4 : 3)\"/>\n"
        }
        if let country {
            out += "  <recipient-country code=\"\(XMLText.attribute(country))\" percentage=\"100\"/>\n"
        }
        if let location = project.location {
            out += "  <location>\n   <name>\(narrative(location))</name>\n  </location>\n"
        }
        out += "  <sector vocabulary=\"2\" code=\"\(IATICodes.dacSector(project.sectorCode, own: activity.dacCode))\" percentage=\"100\"/>\n"
        out += "  <sector vocabulary=\"99\" vocabulary-uri=\"\(IATICodes.extensionNamespace)/sectors\" code=\"\(XMLText.attribute(project.sectorCode))\" percentage=\"100\"/>\n"
        out += "  <default-finance-type code=\"421\"/>\n"
        for transaction in activity.transactions {
            write(transaction, to: &out)
        }
        out += " </iati-activity>\n"
    }

    private func write(_ transaction: IATIActivity.Transaction, to out: inout String) {
        let (code, sign) = IATICodes.transaction(transaction.type)
        var attributes = transaction.reference.map { " ref=\"\(XMLText.attribute($0))\"" } ?? ""
        attributes += transaction.isShare ? " portfolio:type=\"share\"" : " portfolio:type=\"\(transaction.type.rawValue)\""
        if transaction.forced { attributes += " portfolio:forced=\"true\"" }
        let amount = Money(minorUnits: transaction.amount.minorUnits * Int128(sign), currency: transaction.amount.currency)
        out += "  <transaction\(attributes)>\n"
        out += "   <transaction-type code=\"\(code)\"/>\n"
        out += "   <transaction-date iso-date=\"\(transaction.date)\"/>\n"
        out += "   <value currency=\"\(amount.currency.code)\" value-date=\"\(transaction.date)\">\(amount.formatted())</value>\n"
        if let note = transaction.note {
            out += "   <description>\(narrative(note))</description>\n"
        }
        out += "   <provider-org>\(narrative(transaction.lender))</provider-org>\n"
        out += "  </transaction>\n"
    }

    private func narrative(_ text: String) -> String {
        "<narrative>\(XMLText.text(text))</narrative>"
    }
}
