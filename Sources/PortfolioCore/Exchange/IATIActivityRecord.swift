/// What an IATI activity says that the tracker can take, as read from the file: texts and codes
/// as written, each with the line it is on. `IATIImportMapping` turns it into a project.
public struct IATIActivityRecord: Hashable, Sendable {
    public struct Funder: Hashable, Sendable {
        public var name: String
        public var role: String?
        /// `portfolio:share-bp`, when the file was written by this tracker.
        public var shareBasisPoints: String?
        public var line: Int
    }

    public struct Sector: Hashable, Sendable {
        public var vocabulary: String
        public var code: String
        public var vocabularyURI: String?
        public var line: Int
    }

    public struct Transaction: Hashable, Sendable {
        public var line: Int
        public var reference: String?
        /// `portfolio:type`: `share` or one of ours.
        public var ourType: String?
        public var forced = false
        public var typeCode: String?
        public var date: String?
        public var value: String?
        public var currency: String?
        public var valueDate: String?
        public var provider: String?
        public var note: String?
    }

    public var line: Int
    public var identifier: String?
    public var reportingOrgRef: String?
    public var defaultCurrency: String?
    public var title: String?
    public var description: String?
    /// The description is the title again (`portfolio:from="title"`): there was none.
    public var descriptionIsTitle = false
    public var funders: [Funder] = []
    public var statusCode: String?
    public var statusLine: Int?
    public var ourStatus: String?
    /// Activity dates by IATI type (1 planned start, 2 actual start, 3 planned end, 4 actual end).
    public var dates: [String: String] = [:]
    /// The planned start is the value date (`portfolio:from="value-date"`): there was no start date.
    public var startIsValueDate = false
    /// Sectors in document order.
    public var sectors: [Sector] = []
    public var location: String?
    /// `portfolio:value` and `portfolio:value-date` of the activity.
    public var ourValue: String?
    public var ourValueDate: String?
    /// `portfolio:aggregates`: "false" for a project left out of aggregates.
    public var ourAggregates: String?
    public var transactions: [Transaction] = []

    public init(line: Int) {
        self.line = line
    }
}
