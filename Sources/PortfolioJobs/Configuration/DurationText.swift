import Foundation

/// Parses durations written for people: `3600`, `90s`, `15m`, `1h`, `2h30m`, `1d`, `250ms`.
public enum DurationText {
    /// The duration, or an error message saying what is wrong.
    public static func parse(_ text: String) -> Result<Duration, ConfigurationError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return .failure(ConfigurationError("is empty; use e.g. 3600, 90s, 15m or 1h")) }
        if let seconds = Int(trimmed) {
            guard seconds > 0 else { return .failure(ConfigurationError("\"\(text)\" must be more than zero")) }
            guard seconds <= 366 * 86_400 else { return .failure(ConfigurationError("\"\(text)\" is longer than a year")) }
            return .success(.seconds(seconds))
        }
        var total: Int64 = 0
        var number: Int64?
        var index = trimmed.startIndex
        while index < trimmed.endIndex {
            let ch = trimmed[index]
            if let digit = ch.wholeNumberValue, ch.isASCII {
                let (times, overflow1) = (number ?? 0).multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times.addingReportingOverflow(Int64(digit))
                guard !overflow1, !overflow2, next < 1_000_000_000 else {
                    return .failure(ConfigurationError("\"\(text)\" is too large"))
                }
                number = next
                index = trimmed.index(after: index)
                continue
            }
            guard let value = number else {
                return .failure(ConfigurationError("\"\(text)\" is not a duration; use e.g. 3600, 90s, 15m or 1h"))
            }
            var unit = String(ch)
            let after = trimmed.index(after: index)
            if ch == "m", after < trimmed.endIndex, trimmed[after] == "s" {
                unit = "ms"
                index = trimmed.index(after: after)
            } else {
                index = after
            }
            let millis: Int64
            switch unit {
            case "ms": millis = 1
            case "s": millis = 1000
            case "m": millis = 60_000
            case "h": millis = 3_600_000
            case "d": millis = 86_400_000
            default:
                return .failure(ConfigurationError("\"\(text)\" has unknown unit \"\(unit)\"; use ms, s, m, h or d"))
            }
            let (part, overflow1) = value.multipliedReportingOverflow(by: millis)
            let (sum, overflow2) = total.addingReportingOverflow(part)
            guard !overflow1, !overflow2, sum <= 366 * 86_400_000 else {
                return .failure(ConfigurationError("\"\(text)\" is longer than a year"))
            }
            total = sum
            number = nil
        }
        if number != nil {
            return .failure(ConfigurationError("\"\(text)\" ends with a number without a unit; use e.g. 90s"))
        }
        guard total > 0 else { return .failure(ConfigurationError("\"\(text)\" must be more than zero")) }
        guard total <= 366 * 86_400_000 else { return .failure(ConfigurationError("\"\(text)\" is longer than a year")) }
        return .success(.milliseconds(total))
    }
}

/// A bad configuration value; the worker exits 64 with it.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
