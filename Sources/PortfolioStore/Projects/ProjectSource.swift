/// Where an imported project came from, and what of it the tracker estimated.
public struct ProjectSource: Sendable, Codable, Hashable {
    /// The dataset, such as `AidData GCDF 3.0`.
    public let dataset: String
    /// The record's identifier in the dataset.
    public let recordID: String
    /// The amount taken as the value, such as `nominal-usd`, or `none published`.
    public let amountBasis: String
    /// Whether the lenders' shares are the tracker's estimate.
    public let sharesEstimated: Bool
    /// Co-financiers whose money is not in the value.
    public let coFinanciers: [String]
    /// Whether the project counts in reports and rollups.
    public let aggregates: Bool

    public init(dataset: String, recordID: String, amountBasis: String, sharesEstimated: Bool, coFinanciers: [String], aggregates: Bool) {
        self.dataset = dataset
        self.recordID = recordID
        self.amountBasis = amountBasis
        self.sharesEstimated = sharesEstimated
        self.coFinanciers = coFinanciers
        self.aggregates = aggregates
    }
}
