import PortfolioCore
import Testing

@Suite("Rollup input facts, as a diff shows them")
struct RollupInputFactsTests {
    typealias F = RollupFixtures

    static let base = "China Development Bank=60;Export-Import Bank of China=40"

    @Test("each fact changed alone is the one change reported, with different before and after texts", arguments: [
        ("lenders", try F.input("P", "energy", .ongoing, F.money("100"), "Bank of China=100")),
        ("lenders", try F.input("P", "energy", .ongoing, F.money("100"), "China Development Bank=50;Export-Import Bank of China=50")),
        ("lenders", try F.input("P", "energy", .ongoing, F.money("100"), "China Development Bank=60;Silk Road Fund=40")),
        ("sector", try F.input("P", "logistics", .ongoing, F.money("100"), base)),
        ("status", try F.input("P", "energy", .finished, F.money("100"), base)),
        ("value", try F.input("P", "energy", .ongoing, F.money("100.01"), base)),
        ("value", try F.input("P", "energy", .ongoing, F.money("100", .eur), base)),
        ("value_date", try F.input("P", "energy", .ongoing, F.money("100"), base, on: "2024-01-02")),
    ])
    func oneFactChanged(_ name: String, _ after: RollupInput) throws {
        let before = try F.input("P", "energy", .ongoing, F.money("100"), Self.base)
        let changed = before.changedFacts(to: after)
        #expect(changed.map(\.before.name) == [name])
        #expect(changed.map(\.after.name) == [name])
        let pair = try #require(changed.first)
        #expect(pair.before.text != pair.after.text)
    }

    @Test func sameFactsNoChange() throws {
        let input = try F.input("P", "energy", .ongoing, F.money("100"), Self.base)
        #expect(input.changedFacts(to: input).isEmpty)
        #expect(input.facts.map(\.description) == [
            "status ongoing", "value 100.00 USD", "value_date 2024-01-01", "sector energy", "lenders \(Self.base)",
        ])
    }

    @Test func severalFactsInFactOrder() throws {
        let before = try F.input("P", "energy", .ongoing, F.money("100"), Self.base)
        let after = try F.input("P", "other", .suspended, F.money("100"), "ICBC=100")
        #expect(before.changedFacts(to: after).map(\.after.description) == ["status suspended", "sector other", "lenders ICBC=100"])
    }
}
