import CivilCalendar
import Foundation

extension LocalDate {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int {
        CivilCalendar.days(fromYear: year, month: month, day: day)
    }

    /// The date `days` after 1970-01-01; throws when it falls outside 1900...2200.
    public init(daysSinceEpoch days: Int) throws(DomainError) {
        guard (Self.earliest.daysSinceEpoch...Self.latest.daysSinceEpoch).contains(days) else {
            throw DomainError("day \(days) after 1970-01-01 is outside the supported years 1900 to 2200")
        }
        self = Self.civil(fromDays: days)
    }

    /// The date `days` later (earlier when negative); throws when it leaves 1900...2200.
    public func adding(days: Int) throws(DomainError) -> LocalDate {
        let (target, overflow) = daysSinceEpoch.addingReportingOverflow(days)
        if overflow {
            throw DomainError("\(self) plus \(days) days is outside the supported years 1900 to 2200")
        }
        do {
            return try LocalDate(daysSinceEpoch: target)
        } catch {
            throw DomainError("\(self) plus \(days) days is outside the supported years 1900 to 2200")
        }
    }

    /// The number of days from this date to `other`; negative when `other` is earlier.
    public func days(to other: LocalDate) -> Int {
        other.daysSinceEpoch - daysSinceEpoch
    }

    /// The calendar date of `date` in `timeZone`, clamped to 1900-01-01...2200-12-31.
    public init(_ date: Date, in timeZone: TimeZone = .gmt) {
        let seconds = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        let days = (seconds / 86_400).rounded(.down)
        let low = Double(Self.earliest.daysSinceEpoch)
        let high = Double(Self.latest.daysSinceEpoch)
        let clamped = days.isNaN ? 0 : min(max(days, low), high)
        self = Self.civil(fromDays: Int(clamped))
    }

    /// Today's date in `timeZone` (UTC by default).
    public static func today(in timeZone: TimeZone = .gmt) -> LocalDate {
        LocalDate(Date(), in: timeZone)
    }

    /// The instant this date starts in `timeZone` (UTC by default).
    public func startOfDay(in timeZone: TimeZone = .gmt) -> Date {
        let utc = Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400)
        return utc.addingTimeInterval(-Double(timeZone.secondsFromGMT(for: utc)))
    }

    private static func civil(fromDays days: Int) -> LocalDate {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        return LocalDate(unchecked: year, month, day)
    }
}
