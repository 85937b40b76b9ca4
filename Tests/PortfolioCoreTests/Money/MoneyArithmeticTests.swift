import PortfolioCore
import Testing

@Suite("Money arithmetic")
struct MoneyArithmeticTests {
    let a = Money(minorUnits: 150, currency: .usd)
    let b = Money(minorUnits: 275, currency: .usd)

    @Test func addsAndSubtracts() throws {
        #expect(try a.adding(b) == Money(minorUnits: 425, currency: .usd))
        #expect(try a.subtracting(b) == Money(minorUnits: -125, currency: .usd))
        #expect(try Money.sum([a, b, a], in: .usd) == Money(minorUnits: 575, currency: .usd))
        #expect(try Money.sum([Money](), in: .eur) == .zero(.eur))
    }

    @Test func refusesCurrencyMismatch() {
        let euros = Money(minorUnits: 1, currency: .eur)
        #expect(domainError { () throws(DomainError) in try a.adding(euros) }?.message
            == "cannot add EUR and USD amounts; convert first")
        #expect(domainError { () throws(DomainError) in try a.subtracting(euros) }?.message
            == "cannot subtract EUR and USD amounts; convert first")
    }

    @Test func refusesOverflow() {
        let max = Money(minorUnits: .max, currency: .usd)
        let min = Money(minorUnits: .min, currency: .usd)
        let one = Money(minorUnits: 1, currency: .usd)
        #expect(domainError { () throws(DomainError) in try max.adding(one) }?.message.hasSuffix("is too large") == true)
        #expect(domainError { () throws(DomainError) in try min.subtracting(one) } != nil)
        #expect(domainError { () throws(DomainError) in try Money.sum([max, one], in: .usd) } != nil)
        #expect(domainError { () throws(DomainError) in try max.adding(min) } == nil)
    }
}
