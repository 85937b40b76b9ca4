import CivilCalendar

/// A calendar date without time or zone, in the proleptic Gregorian calendar, limited to 1900...2200.
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year, 1900...2200.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...31.
    public let day: Int

    /// The years a date may have.
    public static let supportedYears = 1900...2200

    /// The earliest supported date, 1900-01-01.
    public static let earliest = LocalDate(unchecked: 1900, 1, 1)
    /// The latest supported date, 2200-12-31.
    public static let latest = LocalDate(unchecked: 2200, 12, 31)

    init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Creates a date, refusing impossible days and years outside 1900...2200.
    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        let text = Self.isoText(year, month, day)
        guard Self.supportedYears.contains(year) else {
            throw DomainError("\(TextRules.quoted(text)) is outside the supported years 1900 to 2200")
        }
        guard (1...12).contains(month) else {
            throw DomainError("\(TextRules.quoted(text)) is not a date; the month must be 01 to 12")
        }
        let length = Self.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            throw DomainError(
                "\(TextRules.quoted(text)) is not a date; \(Self.monthNames[month - 1]) \(year) has \(length) days"
            )
        }
        self.init(unchecked: year, month, day)
    }

    /// The ISO 8601 form, `YYYY-MM-DD`.
    public var description: String {
        Self.isoText(year, month, day)
    }

    /// Whether `year` is a Gregorian leap year (2000 is, 1900 is not).
    public static func isLeapYear(_ year: Int) -> Bool {
        CivilCalendar.isLeapYear(year)
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        CivilCalendar.daysIn(month: month, year: year)
    }

    /// Orders by year, then month, then day.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private static func isoText(_ year: Int, _ month: Int, _ day: Int) -> String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(value.magnitude)
            let sign = value < 0 ? "-" : ""
            return sign + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }
}
