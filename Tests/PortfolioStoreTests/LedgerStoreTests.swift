import Foundation
import Postgres
import PortfolioCore
@testable import PortfolioStore
import Testing
import TestSupport

/// Builders for ledger tests: project P-1 is worth 1,000,000.00 USD, 60% China Development
/// Bank (600,000.00) and 40% Export-Import Bank of China (400,000.00).
enum LedgerFixtures {
    static let cdb = "China Development Bank"
    static let exim = "Export-Import Bank of China"

    static func entry(
        _ type: TransactionType, _ amount: String, _ currency: Currency = .usd, lender: String = cdb, on day: String = "2024-03-01",
        code: String = "P-1", ref: String? = nil, note: String? = nil, forced: Bool = false
    ) throws -> LedgerEntry {
        try LedgerEntry(projectCode: code, type: type, lender: lender, amount: try Money.parse(amount, currency: currency),
                        valueDate: try Fixtures.date(day), reference: ref, note: note, forced: forced)
    }

    static func count(_ c: Connection) throws -> Int {
        try c.query("SELECT count(*) FROM ledger_transactions").scalar(Int.self)
    }
}

@Suite("Ledger store: transactions after the signature")
struct LedgerStoreTests {
    typealias F = LedgerFixtures

    @Test("a disbursement within the commitment is recorded with its audit entry and listed; the lender's name is the stored one")
    func recordsAndLists() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let (_, lender) = try LedgerStore(c).add(try F.entry(.disbursement, "250,000.00", lender: "china development bank", ref: "D-1"), actor: "alice")
                #expect(lender == F.cdb)
                let listed = try LedgerStore(c).list(code: "P-1")
                #expect(listed.map(\.amount) == [Money(minorUnits: 25_000_000, currency: .usd)])
                #expect(listed.map(\.lender) == [F.cdb])
                #expect(listed.map(\.reference) == ["D-1"])
                #expect(try AuditLog.entries(c, entity: "project", key: "P-1").map(\.action).contains("transaction.add"))
                #expect(try LedgerStore(c).list(type: .repayment).isEmpty)
                #expect(try LedgerStore(c).list(from: try Fixtures.date("2024-03-02")).isEmpty)
            }
        }
    }

    @Test("disbursements above the commitment are refused, and nothing is written, unless forced with a note")
    func commitmentBound() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let store = LedgerStore(c)
                try store.add(try F.entry(.disbursement, "400,000.00"), actor: "a")
                // Exactly the commitment is allowed; one minor unit more is not.
                try store.add(try F.entry(.disbursement, "200,000.00"), actor: "a")
                let refused = try #require(throws: StoreError.self) { try store.add(try F.entry(.disbursement, "0.01"), actor: "a") }
                #expect(refused.description.contains("above its commitment"))
                #expect(try F.count(c) == 2)
                // The other lender's commitment is its own.
                try store.add(try F.entry(.disbursement, "400,000.00", lender: F.exim), actor: "a")
                #expect(throws: ValidationFailure.self) { try F.entry(.disbursement, "10.00", forced: true) }
                try store.add(try F.entry(.disbursement, "10.00", note: "bridge loan", forced: true), actor: "a")
                let financing = try store.financing(asOf: try Fixtures.date("2024-12-31"), currency: nil)
                let cdb = try #require(financing.rows.first { $0.key == F.cdb })
                #expect(cdb.overDisbursed == 1_000)
                #expect(cdb.undisbursed == 0)
            }
        }
    }

    @Test("a commitment raises and a cancellation lowers what may be disbursed; a cancellation below the disbursed amount is refused")
    func commitmentsAndCancellations() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let store = LedgerStore(c)
                try store.add(try F.entry(.commitment, "100,000.00"), actor: "a")
                try store.add(try F.entry(.disbursement, "700,000.00"), actor: "a")
                #expect(throws: StoreError.self) { try store.add(try F.entry(.cancellation, "0.01"), actor: "a") }
                try store.add(try F.entry(.repayment, "50,000.00"), actor: "a")
                try store.add(try F.entry(.interest, "1,234.56"), actor: "a")
                let row = try #require(try store.financing(asOf: try Fixtures.date("2024-12-31"), currency: nil).rows.first { $0.key == F.cdb })
                #expect(row.committed == 70_000_000)
                #expect(row.disbursed == 70_000_000)
                #expect(row.repaid == 5_000_000)
                #expect(row.interest == 123_456)
                #expect(row.undisbursed == 0)
            }
        }
    }

    @Test("a lender that does not finance the project, an unknown lender or project, a future date and a reference used twice are refused")
    func refusals() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1", lenders: "China Development Bank=100"), actor: "a")
                _ = try ProjectStore(c).add(try Fixtures.project("P-2", lenders: "Export-Import Bank of China=100"), actor: "a")
                let store = LedgerStore(c)
                let notFinancing = try #require(throws: StoreError.self) { try store.add(try F.entry(.disbursement, "1.00", lender: F.exim), actor: "a") }
                #expect(notFinancing.description.contains("does not finance P-1"))
                let unknown = try #require(throws: StoreError.self) { try store.add(try F.entry(.disbursement, "1.00", lender: "Nobody"), actor: "a") }
                #expect(unknown.description.contains("no lender named"))
                #expect(throws: StoreError.projectNotFound("P-9")) { try store.add(try F.entry(.disbursement, "1.00", code: "P-9"), actor: "a") }
                let tomorrow = try LocalDate.today().adding(days: 1).description
                let future = try #require(throws: StoreError.self) { try store.add(try F.entry(.repayment, "1.00", on: tomorrow), actor: "a") }
                #expect(future.description.contains("after today"))
                try store.add(try F.entry(.disbursement, "1.00", ref: "R-1"), actor: "a")
                let twice = try #require(throws: StoreError.self) { try store.add(try F.entry(.disbursement, "1.00", ref: "R-1"), actor: "a") }
                #expect(twice.description.contains("reference \"R-1\" already"))
                // References are per project.
                try store.add(try F.entry(.disbursement, "1.00", lender: F.exim, code: "P-2", ref: "R-1"), actor: "a")
                #expect(try F.count(c) == 2)
            }
        }
    }

    @Test("the ledger is append-only")
    func appendOnly() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                try LedgerStore(c).add(try F.entry(.disbursement, "1.00"), actor: "a")
                #expect(throws: PostgresError.self) { try c.query("UPDATE ledger_transactions SET amount_minor = 2") }
                #expect(throws: PostgresError.self) { try c.query("DELETE FROM ledger_transactions") }
                #expect(try c.query("SELECT amount_minor FROM ledger_transactions").scalar(Int.self) == 100)
            }
        }
    }

    @Test("amounts in another currency count at the rate of their value date, half to even, for the bound and the report")
    func otherCurrencies() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let noRate = try #require(throws: StoreError.self) {
                    try LedgerStore(c).add(try F.entry(.disbursement, "1.00", .cny), actor: "a")
                }
                #expect(noRate.description.contains("fx set CNY"))
                // 0.125 USD per CNY from 2024-01-01, 0.25 from 2024-06-01.
                try FXStore(c).set(try FXRate(currency: .cny, quote: .usd, date: try Fixtures.date("2024-01-01"), rate: try ExactDecimal.parse("0.125")), actor: "a")
                try FXStore(c).set(try FXRate(currency: .cny, quote: .usd, date: try Fixtures.date("2024-06-01"), rate: try ExactDecimal.parse("0.25")), actor: "a")
                let store = LedgerStore(c)
                // 0.20 CNY at 0.125 is 0.025 USD: 0.02 half to even (2 cents); 0.60 CNY is 0.075: 0.08.
                try store.add(try F.entry(.disbursement, "0.20", .cny, on: "2024-03-01"), actor: "a")
                try store.add(try F.entry(.disbursement, "0.60", .cny, on: "2024-03-01"), actor: "a")
                // 2,399,999.20 CNY at 0.25 on 2024-07-01 is 599,999.80 USD: 10 cents left to the commitment.
                try store.add(try F.entry(.disbursement, "2,399,999.20", .cny, on: "2024-07-01"), actor: "a")
                #expect(throws: StoreError.self) { try store.add(try F.entry(.disbursement, "0.44", .cny, on: "2024-07-01"), actor: "a") }
                try store.add(try F.entry(.disbursement, "0.40", .cny, on: "2024-07-01"), actor: "a")
                let financing = try store.financing(asOf: try Fixtures.date("2024-12-31"), currency: .usd)
                let row = try #require(financing.rows.first { $0.key == F.cdb })
                #expect(row.disbursed == 2 + 8 + 59_999_980 + 10)
                #expect(row.undisbursed == 0)
                let before = try #require(try store.financing(asOf: try Fixtures.date("2024-06-30"), currency: .usd).rows.first { $0.key == F.cdb })
                #expect(before.disbursed == 10)
            }
        }
    }

    @Test("the financing report leaves pledged projects out, and every column's rows add up to what the ledger holds")
    func financingReconciles() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                _ = try ProjectStore(c).add(try Fixtures.project("P-2", status: .pledged, value: "5,000,000.00"), actor: "a")
                _ = try ProjectStore(c).add(try Fixtures.project("P-3", status: .finished, value: "333.33"), actor: "a")
                let store = LedgerStore(c)
                try store.add(try F.entry(.disbursement, "100.00", code: "P-3"), actor: "a")
                try store.add(try F.entry(.disbursement, "133.33", lender: F.exim, code: "P-3"), actor: "a")
                try store.add(try F.entry(.repayment, "33.33", lender: F.exim, code: "P-3"), actor: "a")
                let rows = try store.financing(asOf: .today(), currency: nil).rows
                #expect(rows.reduce(0) { $0 + $1.committed } == 100_033_333)
                #expect(rows.reduce(0) { $0 + $1.disbursed } == 23_333)
                #expect(rows.reduce(0) { $0 + $1.repaid } == 3_333)
                #expect(rows.reduce(0) { $0 + $1.projects } == 4)
                for row in rows { #expect(row.undisbursed - row.overDisbursed == row.committed - row.disbursed) }
            }
        }
    }

    @Test("two disbursements that each fit but together do not: the second waits for the first and is refused")
    func concurrentDisbursements() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a") }
            let first = try Connection(configuration: db.configuration)
            defer { first.close() }
            // The first holds its transaction open after its insert.
            try await Blocking.run {
                _ = try first.query("BEGIN")
                _ = try LedgerStore(first).record(try F.entry(.disbursement, "400,000.00"), actor: "a", where: nil)
            }
            let second = Task {
                try await db.run { c in try LedgerStore(c).add(try F.entry(.disbursement, "400,000.00"), actor: "b") }
            }
            #expect(try await LockWaits.someoneWaits(db))
            try await Blocking.run { _ = try first.query("COMMIT") }
            let outcome = await second.result
            #expect(throws: StoreError.self) { try outcome.get() }
            #expect(try await db.run { c in try F.count(c) } == 1)
        }
    }
}

@Suite("Ledger import: all or nothing, every problem with its line")
struct LedgerImporterTests {
    typealias F = LedgerFixtures
    static let header = "code,type,lender,amount,currency,date,ref,note\n"

    @Test("a good file is recorded whole, in file order, and a second run of it is refused whole")
    func recordsAndRefusesARerun() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let path = try Fixtures.file(Self.header + """
                    P-1,disbursement,china development bank,"300,000.00",USD,2024-01-10,D-1,first tranche
                    P-1,disbursement,China Development Bank,300000.00,USD,2024-02-10,D-2,
                    P-1,repayment,Export-Import Bank of China,0.00,USD,2024-03-10,,
                    """)
                let refused = try #require(throws: ImportFailure.self) { try LedgerImporter(c).importFile(path: path, actor: "a") }
                #expect(refused.problems.count == 1)
                #expect(refused.problems.first?.contains(":4: amount:") == true)
                let fixed = try Fixtures.file(Self.header + """
                    P-1,disbursement,china development bank,"300,000.00",USD,2024-01-10,D-1,first tranche
                    P-1,disbursement,China Development Bank,300000.00,USD,2024-02-10,D-2,
                    P-1,repayment,Export-Import Bank of China,10.00,USD,2024-03-10,,
                    """)
                #expect(try LedgerImporter(c).importFile(path: fixed, actor: "a") == 3)
                #expect(try LedgerStore(c).list(code: "P-1").map(\.reference) == ["D-1", "D-2", nil])
                let again = try #require(throws: ImportFailure.self) { try LedgerImporter(c).importFile(path: fixed, actor: "a") }
                #expect(again.problems.first?.contains(":2: ref:") == true)
                #expect(try F.count(c) == 3)
            }
        }
    }

    @Test("rows that do not parse are all reported; the first row the database refuses is reported with its line; nothing is kept")
    func reportsEveryProblem() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                let bad = try Fixtures.file(Self.header + """
                    P-1,gift,China Development Bank,1.00,USD,2024-01-10,,
                    P-1,disbursement,China Development Bank,1.001,USD,2024-01-10,,
                    P-1,disbursement,China Development Bank,1.00,XXX,2024-13-10,,
                    P-1,disbursement,China Development Bank,1.00,USD,2024-01-10,R,
                    P-1,disbursement,China Development Bank,1.00,USD,2024-01-10,R,
                    """)
                let parse = try #require(throws: ImportFailure.self) { try LedgerImporter(c).importFile(path: bad, actor: "a") }
                #expect(parse.problems.map { $0.split(separator: ":")[1] } == ["2", "3", "4", "4", "6"])
                let refusedByDatabase = try Fixtures.file(Self.header + """
                    P-1,disbursement,China Development Bank,1.00,USD,2024-01-10,,
                    P-1,disbursement,China Development Bank,"600,000.00",USD,2024-01-11,,
                    P-9,disbursement,China Development Bank,1.00,USD,2024-01-10,,
                    """)
                let refused = try #require(throws: ImportFailure.self) { try LedgerImporter(c).importFile(path: refusedByDatabase, actor: "a") }
                #expect(refused.problems.count == 1)
                #expect(refused.problems.first?.contains(":3: amount:") == true)
                #expect(try F.count(c) == 0)
                #expect(try c.query("SELECT count(*) FROM audit_log WHERE action LIKE 'transaction.%'").scalar(Int.self) == 0)
            }
        }
    }
}

@Suite("Financing as of a date: the projects as they were, the ledger up to it")
struct LedgerAsOfTests {
    typealias F = LedgerFixtures

    @Test("committed follows the lenders as they were on the date; a lender replaced after disbursing keeps its pair, over-disbursed")
    func lendersAsTheyWere() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1"), actor: "a")
                try LedgerStore(c).add(try F.entry(.disbursement, "100,000.00", lender: F.exim, on: "2024-03-01"), actor: "a")
                _ = try ProjectStore(c).update(
                    "P-1", ProjectPatch(lenders: [try LenderShare(lender: F.cdb, basisPoints: 10_000)]), expectedVersion: nil, actor: "a",
                    today: .today(), effective: try Fixtures.date("2025-01-01"))
                let then = try LedgerStore(c).financing(asOf: try Fixtures.date("2024-06-30"), currency: nil).rows
                #expect(then.map(\.key) == [F.cdb, F.exim])
                #expect(then.map(\.committed) == [60_000_000, 40_000_000])
                #expect(then.map(\.undisbursed) == [60_000_000, 30_000_000])
                let now = try LedgerStore(c).financing(asOf: .today(), currency: nil).rows
                #expect(now.map(\.key) == [F.cdb, F.exim])
                #expect(now.map(\.committed) == [100_000_000, 0])
                #expect(now.map(\.overDisbursed) == [0, 10_000_000])
                // Before the project existed there is nothing but what the ledger holds.
                #expect(try LedgerStore(c).financing(asOf: try Fixtures.date("2023-12-31"), currency: nil).rows.isEmpty)
            }
        }
    }

    @Test("without commitments or cancellations, each lender's committed equals the lender report's value of the projects past pledged, on any date")
    func agreesWithTheLenderReport() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                try FXStore(c).set(try FXRate(currency: .cny, quote: .usd, date: try Fixtures.date("2020-01-01"), rate: try ExactDecimal.parse("0.1408")), actor: "a")
                _ = try ProjectStore(c).add(try Fixtures.project("P-1", value: "1,000,000.01"), actor: "a")
                _ = try ProjectStore(c).add(try Fixtures.project("P-2", value: "7,777,777.77", currency: "CNY", valueDate: "2021-05-05",
                                                                 lenders: "Bank of China=33.33;China Development Bank=66.67"), actor: "a")
                _ = try ProjectStore(c).add(try Fixtures.project("P-3", status: .finished, value: "12.34", valueDate: "2020-02-02",
                                                                 lenders: "Bank of China=50;Export-Import Bank of China=50"), actor: "a")
                for date in ["2020-06-30", "2021-12-31", "2024-12-31"] {
                    let day = try Fixtures.date(date)
                    let report = try RollupStore(c).rebuilt(asOf: day)
                    let financing = try LedgerStore(c).financing(asOf: day, currency: nil).rows
                    let fromReport = Dictionary(uniqueKeysWithValues: report.byLender.map { ($0.key, $0.value.minorUnits) })
                    let fromLedger = Dictionary(uniqueKeysWithValues: financing.map { ($0.key, $0.committed) })
                    #expect(fromLedger == fromReport, "\(date)")
                }
            }
        }
    }
}

@Suite("As recorded: what the tracker would have reported at a past moment")
struct AsRecordedTests {
    typealias F = LedgerFixtures

    static func now(_ c: Connection) throws -> Date { try c.query("SELECT clock_timestamp()").scalar(Date.self) }

    @Test("a back-dated correction recorded later changes --as-of but not --as-of with --as-recorded before it")
    func correctionRecordedLater() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1", value: "1,000.00", valueDate: "2024-01-10"), actor: "a")
                try LedgerStore(c).add(try F.entry(.disbursement, "100.00", on: "2024-02-01"), actor: "a")
                let published = try Self.now(c)
                // Later: the value is corrected back to 2024-01-10, and a disbursement of 2024-02-15 is recorded late.
                _ = try ProjectStore(c).update(
                    "P-1", ProjectPatch(value: Money(minorUnits: 200_000, currency: .usd), valueDate: try Fixtures.date("2024-01-10")),
                    expectedVersion: nil, actor: "a", today: .today(), effective: try Fixtures.date("2024-01-10"))
                try LedgerStore(c).add(try F.entry(.disbursement, "50.00", on: "2024-02-15"), actor: "a")
                let day = try Fixtures.date("2024-03-31")
                #expect(try RollupStore(c).rebuilt(asOf: day).total.minorUnits == 200_000)
                #expect(try RollupStore(c).rebuilt(asOf: day, recordedBy: published).total.minorUnits == 100_000)
                let then = try LedgerStore(c).financing(asOf: day, currency: nil, recordedBy: published).rows
                #expect(then.reduce(0) { $0 + $1.committed } == 100_000)
                #expect(then.reduce(0) { $0 + $1.disbursed } == 10_000)
                let now = try LedgerStore(c).financing(asOf: day, currency: nil).rows
                #expect(now.reduce(0) { $0 + $1.committed } == 200_000)
                #expect(now.reduce(0) { $0 + $1.disbursed } == 15_000)
                // Before the project was recorded at all, the tracker knew of nothing.
                let before = try Self.now(c).addingTimeInterval(-3600)
                #expect(try RollupStore(c).rebuilt(asOf: day, recordedBy: before).projectCount == 0)
            }
        }
    }
}

@Suite("Project history: every field and the ledger")
struct ProjectFieldHistoryTests {
    typealias F = LedgerFixtures

    @Test("every change of every field with a history, and each transaction, by effective date; a correction adds a row")
    func everyChange() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                _ = try ProjectStore(c).add(try Fixtures.project("P-1", value: "1,000.00", valueDate: "2024-01-10"), actor: "a")
                try LedgerStore(c).add(try F.entry(.disbursement, "100.00", on: "2024-02-01", ref: "D-1", note: "first"), actor: "b")
                _ = try ProjectStore(c).update(
                    "P-1", ProjectPatch(value: Money(minorUnits: 200_000, currency: .usd), valueDate: try Fixtures.date("2024-01-10")),
                    expectedVersion: nil, actor: "c", today: .today(), effective: try Fixtures.date("2024-01-10"))
                let changes = try c.run(ProjectFieldHistory(code: "P-1"))
                // By effective date, then by the time each was recorded.
                #expect(changes.map(\.field) == ["status", "value", "sector", "lenders", "name", "value", "disbursement"])
                #expect(changes.filter { $0.field == "value" }.map(\.value)
                        == ["1,000.00 USD (value date 2024-01-10)", "2,000.00 USD (value date 2024-01-10)"])
                #expect(changes.first?.value == "ongoing")
                #expect(changes[3].value == "China Development Bank 60%; Export-Import Bank of China 40%")
                #expect(changes.last?.value == "100.00 USD by China Development Bank")
                #expect(changes.last?.note == "first (ref D-1)")
                #expect(changes.last?.actor == "b")
            }
        }
    }
}
