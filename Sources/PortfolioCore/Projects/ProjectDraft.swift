/// A project as entered, every field still text: the input of `add` and of each imported CSV row.
///
/// Blank optional fields mean "not given"; a blank status means `pledged`.
public struct ProjectDraft: Hashable, Sendable, Codable {
    /// The project code.
    public var code: String
    /// The project name.
    public var name: String
    /// The sector code; matched ignoring case.
    public var sector: String
    /// The status; blank means `pledged`.
    public var status: String
    /// The value, such as `1,200,000,000.50`.
    public var value: String
    /// The value's ISO 4217 currency code.
    public var currency: String
    /// The value date, `YYYY-MM-DD`; required.
    public var valueDate: String
    /// The lender shares, such as `China Development Bank=60;Export-Import Bank of China=40`.
    public var lenders: String
    /// The start date, `YYYY-MM-DD`, or blank.
    public var startDate: String
    /// The end date, `YYYY-MM-DD`, or blank.
    public var endDate: String
    /// The location, or blank.
    public var location: String
    /// The description, or blank.
    public var description: String

    /// Creates a draft from text fields.
    public init(
        code: String, name: String, sector: String, status: String = "",
        value: String, currency: String, valueDate: String, lenders: String,
        startDate: String = "", endDate: String = "", location: String = "", description: String = ""
    ) {
        self.code = code
        self.name = name
        self.sector = sector
        self.status = status
        self.value = value
        self.currency = currency
        self.valueDate = valueDate
        self.lenders = lenders
        self.startDate = startDate
        self.endDate = endDate
        self.location = location
        self.description = description
    }
}
