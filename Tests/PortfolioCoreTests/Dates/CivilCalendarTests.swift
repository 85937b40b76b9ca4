import CivilCalendar
import Testing

@Suite("Civil calendar: day counts and dates")
struct CivilCalendarTests {
    @Test("known days: the epoch, leap days, the far past and future")
    func knownDays() {
        #expect(CivilCalendar.days(fromYear: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.days(fromYear: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.days(fromYear: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.days(fromYear: 1900, month: 1, day: 1) == -25_567)
        #expect(CivilCalendar.civil(fromDays: 11_016) == (2000, 2, 29))
        #expect(CivilCalendar.civil(fromDays: -719_468) == (0, 3, 1))
    }

    @Test("every day from 1600 to 2400 goes to a date and back, one day after the last")
    func roundTrip() {
        let first = CivilCalendar.days(fromYear: 1600, month: 1, day: 1)
        let last = CivilCalendar.days(fromYear: 2400, month: 12, day: 31)
        var previous = CivilCalendar.civil(fromDays: first - 1)
        for days in first...last {
            let date = CivilCalendar.civil(fromDays: days)
            #expect(CivilCalendar.days(fromYear: date.year, month: date.month, day: date.day) == days)
            let nextDay = previous.day == CivilCalendar.daysIn(month: previous.month, year: previous.year)
                ? (previous.month == 12 ? (previous.year + 1, 1, 1) : (previous.year, previous.month + 1, 1))
                : (previous.year, previous.month, previous.day + 1)
            if nextDay != date { Issue.record("\(days): \(date) does not follow \(previous)"); return }
            previous = date
        }
    }

    @Test("leap years: every fourth, not centuries, but every fourth century")
    func leapYears() {
        #expect(CivilCalendar.isLeapYear(2024))
        #expect(!CivilCalendar.isLeapYear(1900))
        #expect(CivilCalendar.isLeapYear(2000))
        #expect(!CivilCalendar.isLeapYear(2023))
        #expect(CivilCalendar.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilCalendar.daysIn(month: 2, year: 2100) == 28)
        #expect(CivilCalendar.daysIn(month: 4, year: 2024) == 30)
    }
}
