import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("Lenders, sectors, FX and targets")
struct ReferenceStoreTests {
    @Test("lenders are unique regardless of case")
    func lenders() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try LenderStore(c).add(name: "China Development Bank", country: "CN", kind: .policyBank, actor: "a")
                let error = try #require(throws: StoreError.self) {
                    try LenderStore(c).add(name: "CHINA development bank", country: nil, kind: .other, actor: "a")
                }
                #expect(error.exitStatus == .dataError)
                let rows = try LenderStore(c).list()
                #expect(rows.map(\.name) == ["China Development Bank"])
                #expect(rows.first?.kind == "policy_bank")
            }
        }
    }

    @Test("sectors can be added and the five seeds are there")
    func sectors() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                #expect(try SectorStore(c).list().map(\.code) == ["agriculture", "energy", "logistics", "manufacturing", "other"])
                try SectorStore(c).add(try Sector(code: "mining", name: "Mining", dacCode: "322"), actor: "a")
                #expect(try SectorStore(c).list().count == 6)
                #expect(throws: StoreError.self) { try SectorStore(c).add(try Sector(code: "mining", name: "Again"), actor: "a") }
            }
        }
    }

    @Test("an FX rate set twice for a day keeps the latest, exactly")
    func fx() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                let day = try LocalDate.parse("2024-01-02")
                try FXStore(c).set(try FXRate(currency: .cny, quote: .usd, date: day, rate: try ExactDecimal.parse("0.14")), actor: "a")
                try FXStore(c).set(try FXRate(currency: .cny, quote: .usd, date: day, rate: try ExactDecimal.parse("0.140812345678")), actor: "a")
                let rates = try FXStore(c).list()
                #expect(rates.count == 1)
                #expect(rates.first?.rate.description == "0.140812345678")
                let converted = try FXStore(c).table().convert(Money(minorUnits: 100_000_000, currency: .cny), to: .usd, on: day)
                #expect(converted.minorUnits == 14_081_235)
            }
        }
    }

    @Test("the target defaults to 8 billion USD and can be replaced")
    func target() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                #expect(try TargetStore(c).current().target == .default)
                try TargetStore(c).set(try Target(amount: Money(minorUnits: 900_000_000_000, currency: .usd)), actor: "cfo")
                let current = try TargetStore(c).current()
                #expect(current.target.amount.minorUnits == 900_000_000_000)
                #expect(current.actor == "cfo")
            }
        }
    }
}
