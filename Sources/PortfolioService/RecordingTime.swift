import Foundation
import PortfolioCore

/// A moment on the transaction-time axis, as `--as-recorded` and `as_recorded` take it.
public enum RecordingTime {
    /// A date (`2026-03-31`), meaning the end of that day in UTC (its last microsecond: every
    /// row recorded on it, none recorded after), or an RFC 3339 timestamp with its zone
    /// (`2026-03-31T18:00:00Z`, `…T18:00:00.25+02:00`; `T` and `Z` in either case; a leap
    /// second counts as :59), in the supported years (1900 to 2200). Surrounding spaces are
    /// ignored unless `strict`.
    public static func parse(_ text: String, strict: Bool = false) throws -> Date {
        let body = strict ? text : text.trimmingCharacters(in: .whitespaces)
        let refusal = DomainError("\(body.debugDescription) is not a date (YYYY-MM-DD) or a timestamp with its zone (2026-03-31T18:00:00Z)")
        let bytes = Array(body.utf8)
        guard bytes.count >= 10, let day = try? LocalDate.parse(String(decoding: bytes[0..<10], as: UTF8.self)) else { throw refusal }
        let start = day.startOfDay()
        if bytes.count == 10 { return start.addingTimeInterval(86_400 - 0.000_001) }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, bytes[range].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
            return bytes[range].reduce(0) { $0 * 10 + Int($1 - 48) }
        }
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = digits(11..<13), let minute = digits(14..<16), let second = digits(17..<19),
              hour < 24, minute < 60, second <= 60 else { throw refusal }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            var scale = 0.1
            index += 1
            let first = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > first else { throw refusal }
        }
        guard index < bytes.count else { throw refusal }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { throw refusal }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let hours = digits(index + 1..<index + 3), let minutes = digits(index + 4..<index + 6), hours < 24, minutes < 60
            else { throw refusal }
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
        default:
            throw refusal
        }
        let seconds = Double(hour * 3600 + minute * 60 + min(second, 59) - offset) + (second == 60 ? 0.999_999 : fraction)
        return start.addingTimeInterval(seconds)
    }
}
