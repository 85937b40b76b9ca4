import Foundation
import PortfolioCore

/// A moment on the transaction-time axis, as `--as-recorded` takes it.
public enum RecordingTime {
    /// An ISO 8601 timestamp with its zone (`2026-03-31T18:00:00Z`, `…+02:00`, with or without
    /// fractional seconds), or a date (`2026-03-31`), meaning the end of that day in UTC: the
    /// first instant of the next day, exclusive of nothing recorded on the date itself.
    public static func parse(_ text: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.count == 10 {
            let day = try LocalDate.parse(trimmed)
            // The last microsecond of the day: every row recorded on it, none recorded after.
            return try day.adding(days: 1).startOfDay().addingTimeInterval(-0.000_001)
        }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime, .withFractionalSeconds], [.withInternetDateTime]] {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        throw DomainError("\(trimmed.debugDescription) is not a date (YYYY-MM-DD) or a timestamp with its zone (2026-03-31T18:00:00Z)")
    }
}
