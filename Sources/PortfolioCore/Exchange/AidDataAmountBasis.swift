/// Which of AidData's amounts becomes a project's value. Both are in US dollars, rounded to the
/// cent half away from zero.
public enum AidDataAmountBasis: String, Sendable, CaseIterable, Codable {
    /// `Amount (Nominal USD)`: the commitment in dollars of its own year, the default. A value
    /// with a value date is a nominal amount, as the ledger, FX conversion and IATI all read it.
    case nominalUSD = "nominal-usd"
    /// `Amount (Constant USD 2021)`: deflated to 2021 dollars, as AidData's own headline figures
    /// compare years; the value date stays the commitment date.
    case constantUSD2021 = "constant-usd-2021"

    /// The column the amount is read from.
    public var column: String {
        switch self {
        case .nominalUSD: AidDataColumns.nominalUSD
        case .constantUSD2021: AidDataColumns.constantUSD2021
        }
    }
}
