/// The length of one step of a ledger series: a calendar month or quarter.
public enum LedgerPeriod: String, CaseIterable, Hashable, Sendable {
    case month, quarter

    /// The first day of the period holding `date`.
    public func start(of date: LocalDate) -> LocalDate {
        let month = self == .month ? date.month : (date.month - 1) / 3 * 3 + 1
        return LocalDate(unchecked: date.year, month, 1)
    }

    /// The period's name from its first day: `2024-05`, or `2024-Q2`.
    public func label(_ start: LocalDate) -> String {
        let year = String(start.year)
        switch self {
        case .month: return year + "-" + (start.month < 10 ? "0" : "") + String(start.month)
        case .quarter: return year + "-Q" + String((start.month - 1) / 3 + 1)
        }
    }
}
