@testable import PortfolioCore
import Testing

/// How an activity from another publisher becomes a project: value, shares and ledger.
@Suite("IATI import mapping")
struct IATIImportMappingTests {
    static func record(_ commitments: [(provider: String, value: String)]) -> IATIActivityRecord {
        var record = IATIActivityRecord(line: 3)
        record.identifier = "XM-1-P-9"
        record.reportingOrgRef = "XM-1"
        record.defaultCurrency = "USD"
        record.title = "Port"
        record.statusCode = "2"
        record.sectors = [.init(vocabulary: "2", code: "210", line: 9)]
        record.funders = ["Bank A", "Bank B"].map { .init(name: $0, role: "1", line: 5) }
        record.transactions = commitments.enumerated().map { index, commitment in
            var transaction = IATIActivityRecord.Transaction(line: 20 + index)
            transaction.typeCode = "2"
            transaction.date = "2020-01-0\(index + 1)"
            transaction.value = commitment.value
            transaction.currency = "USD"
            transaction.provider = commitment.provider
            return transaction
        }
        return record
    }

    @Test("shares follow each funder's commitments however their decimals are written; the commitments are the value, not ledger entries")
    func shares() throws {
        let imported = try IATIImportMapping.map(Self.record([("Bank A", "750.5"), ("Bank B", "250.50")])).get()
        #expect(imported.project.code.description == "P-9")
        #expect(imported.project.value == Money(minorUnits: 100_100, currency: .usd))
        #expect(imported.project.lenders.map(\.basisPoints) == [7498, 2502])
        #expect(imported.project.valueDate.description == "2020-01-01")
        #expect(imported.transactions.isEmpty)
        #expect(imported.project.sectorCode == "logistics")
    }

    @Test("no commitment to weigh by: equal shares that add up to 100%")
    func equal() throws {
        var record = Self.record([("Bank A", "300.00")])
        record.funders.append(.init(name: "Bank C", role: "1", line: 6))
        let imported = try IATIImportMapping.map(record).get()
        #expect(imported.project.lenders.map(\.basisPoints).reduce(0, +) == 10_000)
    }
}
