/// The columns of AidData's Global Chinese Development Finance dataset 3.0 the tracker reads,
/// by their published names, and where the header puts them.
public struct AidDataColumns: Sendable {
    public static let recordID = "AidData Record ID"
    public static let recommended = "Recommended For Aggregates"
    public static let recipient = "Recipient"
    public static let recipientISO = "Recipient ISO-3"
    public static let title = "Title"
    public static let description = "Description"
    public static let status = "Status"
    public static let sectorCode = "Sector Code"
    public static let sectorName = "Sector Name"
    public static let fundingAgencies = "Funding Agencies"
    public static let coFinancingAgencies = "Co-financing Agencies"
    public static let nominalUSD = "Amount (Nominal USD)"
    public static let constantUSD2021 = "Amount (Constant USD 2021)"
    public static let commitmentDate = "Commitment Date (MM/DD/YYYY)"
    public static let commitmentYear = "Commitment Year"
    public static let actualStart = "Actual Implementation Start Date (MM/DD/YYYY)"
    public static let plannedStart = "Planned Implementation Start Date (MM/DD/YYYY)"
    public static let actualEnd = "Actual Completion Date (MM/DD/YYYY)"
    public static let plannedEnd = "Planned Completion Date (MM/DD/YYYY)"

    /// The columns an import cannot do without.
    public static let required = [recordID, recommended, recipient, title, status, sectorCode, fundingAgencies, nominalUSD,
                                  constantUSD2021, commitmentDate]

    /// Each column's position, by name.
    public let positions: [String: Int]
    /// How many fields a record has.
    public let count: Int

    /// Reads a header row: names trimmed, a UTF-8 byte order mark before the first ignored.
    ///
    /// - Throws: `DomainError` naming every required column that is missing, or one named twice.
    public init(header: [String]) throws(DomainError) {
        var positions: [String: Int] = [:]
        for (index, raw) in header.enumerated() {
            var name = raw
            if index == 0, name.hasPrefix("\u{FEFF}") { name.removeFirst() }
            name = TextRules.trimmed(name)
            if positions[name] != nil, !name.isEmpty {
                throw DomainError("the header names the column \(TextRules.quoted(name)) twice")
            }
            positions[name] = index
        }
        let missing = Self.required.filter { positions[$0] == nil }
        if !missing.isEmpty {
            throw DomainError("not an AidData GCDF 3.0 file: the header has no column \(missing.map { TextRules.quoted($0) }.joined(separator: ", "))")
        }
        self.positions = positions
        count = header.count
    }
}
