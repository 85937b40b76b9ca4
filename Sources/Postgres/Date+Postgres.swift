import CivilCalendar
import Foundation

extension Date: PostgresEncodable, PostgresDecodable {
    public static var postgresType: OID { .timestamptz }

    /// ISO 8601 in UTC with microseconds, e.g. `2026-11-29 01:23:54.123456+00`.
    public var postgresText: String? {
        let totalMicros = (timeIntervalSince1970 * 1_000_000).rounded()
        guard totalMicros.isFinite, abs(totalMicros) < 9.0e18 else { return nil }
        let micros = Int64(totalMicros)
        let (seconds, fraction) = micros.floorDivided(by: 1_000_000)
        let (days, secondOfDay) = seconds.floorDivided(by: 86_400)
        let (y, m, d) = CivilCalendar.civil(fromDays: Int(days))
        func pad(_ v: some BinaryInteger, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2)) \(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(pad(fraction, 6))+00"
    }

    /// Decodes `timestamptz` (and `timestamp`, read as UTC) in the ISO text form.
    public static func decode(postgresText text: String, type: OID) -> Date? {
        guard type == .timestamptz || type == .timestamp || type == .unknown else { return nil }
        return TimestampParser.parse(text)
    }
}

/// Parses `YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM[:SS]]]`.
enum TimestampParser {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int64? {
            guard index + width <= bytes.count else { return nil }
            var value: Int64 = 0
            for byte in bytes[index..<(index + width)] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ ch: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == ch else { return false }
            index += 1
            return true
        }
        var yearDigits = 0
        while yearDigits < bytes.count, bytes[yearDigits] >= 48, bytes[yearDigits] <= 57 { yearDigits += 1 }
        guard yearDigits >= 4, yearDigits <= 6, let y = number(yearDigits), expect(45), let mo = number(2), expect(45), let d = number(2),
            expect(32) || expect(84), let h = number(2), expect(58), let mi = number(2), expect(58),
            let s = number(2)
        else { return nil }
        var micros: Int64 = 0
        if expect(46) {
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[index] - 48) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
        var offsetSeconds: Int64 = 0
        if index < bytes.count {
            let sign: Int64
            if expect(43) { sign = 1 } else if expect(45) { sign = -1 } else if expect(90) { sign = 0 } else { return nil }
            if sign != 0 {
                guard let oh = number(2) else { return nil }
                var om: Int64 = 0
                var os: Int64 = 0
                if expect(58) { guard let v = number(2) else { return nil }; om = v }
                if expect(58) { guard let v = number(2) else { return nil }; os = v }
                offsetSeconds = sign * (oh * 3600 + om * 60 + os)
            }
        }
        guard index == bytes.count, (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61 else { return nil }
        let days = Int64(CivilCalendar.days(fromYear: Int(y), month: Int(mo), day: Int(d)))
        let seconds = days * 86_400 + h * 3600 + mi * 60 + s - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }
}

extension Int64 {
    /// Division rounding toward negative infinity, with a non-negative remainder.
    func floorDivided(by divisor: Int64) -> (Int64, Int64) {
        var q = self / divisor
        var r = self % divisor
        if r < 0 {
            q -= 1
            r += divisor
        }
        return (q, r)
    }
}
