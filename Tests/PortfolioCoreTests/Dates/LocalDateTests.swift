import Foundation
import PortfolioCore
import Testing

@Suite("LocalDate")
struct LocalDateTests {
    @Test("valid dates", arguments: [
        ("2024-02-29", 2024, 2, 29),
        ("2000-02-29", 2000, 2, 29),
        ("1900-01-01", 1900, 1, 1),
        ("2200-12-31", 2200, 12, 31),
        (" 2026-03-31 ", 2026, 3, 31),
    ])
    func parses(text: String, year: Int, month: Int, day: Int) throws {
        let date = try LocalDate.parse(text)
        #expect((date.year, date.month, date.day) == (year, month, day))
        #expect(date.description == TextTrim.trim(text))
    }

    @Test("refused dates say why", arguments: [
        ("2026-02-30", "\"2026-02-30\" is not a date; February 2026 has 28 days"),
        ("1900-02-29", "\"1900-02-29\" is not a date; February 1900 has 28 days"),
        ("2100-02-29", "\"2100-02-29\" is not a date; February 2100 has 28 days"),
        ("2026-04-31", "\"2026-04-31\" is not a date; April 2026 has 30 days"),
        ("2026-01-00", "\"2026-01-00\" is not a date; January 2026 has 31 days"),
        ("2026-13-01", "\"2026-13-01\" is not a date; the month must be 01 to 12"),
        ("2026-00-10", "\"2026-00-10\" is not a date; the month must be 01 to 12"),
        ("0000-01-01", "\"0000-01-01\" is outside the supported years 1900 to 2200"),
        ("1899-12-31", "\"1899-12-31\" is outside the supported years 1900 to 2200"),
        ("2201-01-01", "\"2201-01-01\" is outside the supported years 1900 to 2200"),
        ("2026-1-01", "\"2026-1-01\" is not a date; write YYYY-MM-DD, such as 2026-03-31"),
        ("2026/01/01", "\"2026/01/01\" is not a date; write YYYY-MM-DD, such as 2026-03-31"),
        ("20260101", "\"20260101\" is not a date; write YYYY-MM-DD, such as 2026-03-31"),
        ("2026-01-01T00:00", "\"2026-01-01T00:00\" is not a date; write YYYY-MM-DD, such as 2026-03-31"),
        ("+2026-01-0", "\"+2026-01-0\" is not a date; write YYYY-MM-DD, such as 2026-03-31"),
        ("２０２６-01-01", "\"２０２６-01-01\" is not a date; write YYYY-MM-DD, such as 2026-03-31"),
        ("", "date is empty"),
    ])
    func refuses(text: String, message: String) {
        #expect(domainError { () throws(DomainError) in try LocalDate.parse(text) }?.message == message)
    }

    @Test("leap years", arguments: [(1900, false), (2000, true), (2024, true), (2023, false), (2100, false), (2400, true)])
    func leapYears(year: Int, leap: Bool) {
        #expect(LocalDate.isLeapYear(year) == leap)
        #expect(LocalDate.daysIn(month: 2, year: year) == (leap ? 29 : 28))
    }

    @Test("days since epoch", arguments: [
        ("1970-01-01", 0), ("1970-01-02", 1), ("1969-12-31", -1), ("2000-03-01", 11_017),
        ("1900-01-01", -25_567), ("2200-12-31", 84_370), ("2026-03-31", 20_543),
    ])
    func epochDays(text: String, days: Int) throws {
        let date = try LocalDate.parse(text)
        #expect(date.daysSinceEpoch == days)
        #expect(try LocalDate(daysSinceEpoch: days) == date)
    }

    @Test func everyDayInRangeFollowsTheCalendar() throws {
        var expected = LocalDate.earliest
        for days in LocalDate.earliest.daysSinceEpoch...LocalDate.latest.daysSinceEpoch {
            let date = try LocalDate(daysSinceEpoch: days)
            #expect(date == expected)
            #expect(date.daysSinceEpoch == days)
            if date == LocalDate.latest { break }
            let (y, m, d) = (date.year, date.month, date.day)
            expected = if d < LocalDate.daysIn(month: m, year: y) {
                try LocalDate(year: y, month: m, day: d + 1)
            } else if m < 12 {
                try LocalDate(year: y, month: m + 1, day: 1)
            } else {
                try LocalDate(year: y + 1, month: 1, day: 1)
            }
        }
        #expect(expected == LocalDate.latest)
    }

    @Test func agreesWithFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        for days in stride(from: LocalDate.earliest.daysSinceEpoch, through: LocalDate.latest.daysSinceEpoch, by: 97) {
            let date = try LocalDate(daysSinceEpoch: days)
            let parts = calendar.dateComponents([.year, .month, .day], from: date.startOfDay())
            #expect((parts.year, parts.month, parts.day) == (date.year, date.month, date.day))
        }
    }

    @Test("adding days", arguments: [
        ("2024-02-28", 1, "2024-02-29"), ("2024-02-28", 2, "2024-03-01"), ("1900-02-28", 1, "1900-03-01"),
        ("2000-02-28", 1, "2000-02-29"), ("2026-12-31", 1, "2027-01-01"), ("2026-03-01", -1, "2026-02-28"),
        ("2026-01-01", 0, "2026-01-01"), ("2024-01-01", 366, "2025-01-01"),
    ])
    func adding(start: String, days: Int, result: String) throws {
        #expect(try date(start).adding(days: days).description == result)
        #expect(date(start).days(to: date(result)) == days)
    }

    @Test func addingOutsideTheRangeThrows() {
        #expect(domainError { () throws(DomainError) in try LocalDate.latest.adding(days: 1) }?.message
            == "2200-12-31 plus 1 days is outside the supported years 1900 to 2200")
        #expect(domainError { () throws(DomainError) in try LocalDate.earliest.adding(days: -1) } != nil)
        #expect(domainError { () throws(DomainError) in try LocalDate.latest.adding(days: .max) } != nil)
        #expect(domainError { () throws(DomainError) in try LocalDate(daysSinceEpoch: .min) } != nil)
    }

    @Test("days between years", arguments: [("2023-01-01", "2024-01-01", 365), ("2024-01-01", "2025-01-01", 366),
                                            ("1900-01-01", "1901-01-01", 365), ("2000-01-01", "2001-01-01", 366),
                                            ("2026-06-01", "2026-05-01", -31)])
    func daysBetween(from: String, to: String, days: Int) {
        #expect(date(from).days(to: date(to)) == days)
    }

    @Test func orderAndCodable() throws {
        #expect(date("2026-01-31") < date("2026-02-01"))
        #expect(date("2025-12-31") < date("2026-01-01"))
        let data = try JSONEncoder().encode([date("2026-03-31")])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-03-31\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [date("2026-03-31")])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data("[\"2026-02-30\"]".utf8))
        }
    }

    @Test func fromInstantsAndZones() throws {
        #expect(LocalDate(Date(timeIntervalSince1970: 0)) == date("1970-01-01"))
        #expect(LocalDate(Date(timeIntervalSince1970: 86_399)) == date("1970-01-01"))
        #expect(LocalDate(Date(timeIntervalSince1970: 86_400)) == date("1970-01-02"))
        #expect(LocalDate(Date(timeIntervalSince1970: -1)) == date("1969-12-31"))
        let west = try #require(TimeZone(secondsFromGMT: -3600))
        let east = try #require(TimeZone(secondsFromGMT: 14 * 3600))
        #expect(LocalDate(Date(timeIntervalSince1970: 0), in: west) == date("1969-12-31"))
        #expect(LocalDate(Date(timeIntervalSince1970: 36_000), in: east) == date("1970-01-02"))
        #expect(LocalDate(.distantFuture) == LocalDate.latest)
        #expect(LocalDate(.distantPast) == LocalDate.earliest)
        #expect(LocalDate(date("2026-03-31").startOfDay(in: east), in: east) == date("2026-03-31"))
        #expect(LocalDate.supportedYears.contains(LocalDate.today().year))
    }
}

/// Trimming for expectations, independent of the module's own helper.
enum TextTrim {
    static func trim(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
