import Postgres
import PortfolioCore
import PortfolioStore
import Testing
import TestSupport

@Suite("Project import")
struct ProjectImporterTests {
    @Test("a valid file imports every row with its lenders, history and audit")
    func valid() async throws {
        let path = try Fixtures.file(Fixtures.header + #"""
            A-1,"Dam, ""North""",energy,ongoing,"1,000,000.50",USD,2020-01-01,China Development Bank=60;Bank of China=40,2020-02-01,2024-01-01,"Minsk, Region"
            A-2,Mill,manufacturing,,2000000,EUR,2021-05-05,New Lender Ltd,,,

            """#)
        try await TestDatabase.with { db in
            try await db.run { c in
                try FXStore(c).set(try FXRate(currency: .eur, quote: .usd, date: try LocalDate.parse("2021-05-05"), rate: try ExactDecimal.parse("1.2")), actor: "t")
                let report = try ProjectImporter(c).importFile(path: path, actor: "importer")
                #expect(report.imported == 2)
                #expect(report.lendersCreated == 3)
                let a = try ProjectStore(c).require("A-1")
                #expect(a.name == "Dam, \"North\"")
                #expect(a.value.minorUnits == 100_000_050)
                #expect(a.location == "Minsk, Region")
                let b = try ProjectStore(c).require("A-2")
                #expect(b.status == .pledged)
                #expect(b.value.currency.code == "EUR")
                #expect(try c.query("SELECT count(*) FROM status_history").scalar(Int.self) == 2)
                #expect(try c.query("SELECT count(*) FROM value_history").scalar(Int.self) == 2)
                #expect(try c.query("SELECT count(*) FROM audit_log WHERE action = 'project.import'").scalar(Int.self) == 2)
            }
        }
    }

    @Test("every bad row is reported with its line and nothing is written")
    func allProblems() async throws {
        let path = try Fixtures.file(Fixtures.header + """
            OK-1,Fine,energy,ongoing,100,USD,2020-01-01,Bank of China,,,
            BAD-1,Neg,energy,ongoing,-5,USD,2020-01-01,Bank of China,,,
            BAD-2,Sector,mining,ongoing,5,USD,2020-01-01,Bank of China,,,
            OK-1,Again,energy,ongoing,5,USD,2020-01-01,Bank of China,,,
            BAD-3,Shares,energy,ongoing,5,USD,2020-02-30,Bank of China=60;ICBC=30,,,

            """)
        try await TestDatabase.with { db in
            try await db.run { c in
                let failure = try #require(throws: ImportFailure.self) { try ProjectImporter(c).importFile(path: path, actor: "x") }
                let text = failure.problems.joined(separator: "\n")
                #expect(text.contains("\(path):3:"))
                #expect(text.contains("\(path):4:"))
                #expect(text.contains("mining"))
                #expect(text.contains("\(path):5: code \"OK-1\" appears again (first on line 2)"))
                #expect(failure.problems.filter { $0.hasPrefix("\(path):6:") }.count == 2)
                #expect(try c.query("SELECT count(*) FROM projects").scalar(Int.self) == 0)
                #expect(try c.query("SELECT count(*) FROM lenders").scalar(Int.self) == 0)
                #expect(try c.query("SELECT count(*) FROM audit_log").scalar(Int.self) == 0)
            }
        }
    }

    @Test("existing codes are refused, or skipped when asked; a dry run writes nothing")
    func existingAndDryRun() async throws {
        let path = try Fixtures.file(Fixtures.header + "E-1,One,energy,ongoing,100,USD,2020-01-01,Bank of China,,,\nE-2,Two,energy,ongoing,100,USD,2020-01-01,Bank of China,,,\n")
        try await TestDatabase.with { db in
            try await db.run { c in
                let dry = try ProjectImporter(c).importFile(path: path, dryRun: true, actor: "x")
                #expect(dry.imported == 2 && dry.dryRun)
                #expect(try c.query("SELECT count(*) FROM projects").scalar(Int.self) == 0)
                _ = try ProjectImporter(c).importFile(path: path, actor: "x")
                let failure = try #require(throws: ImportFailure.self) { try ProjectImporter(c).importFile(path: path, actor: "x") }
                #expect(failure.problems.count == 2)
                let skipped = try ProjectImporter(c).importFile(path: path, existing: .skip, actor: "x")
                #expect(skipped.imported == 0 && skipped.skipped == 2)
                #expect(try c.query("SELECT count(*) FROM projects").scalar(Int.self) == 2)
            }
        }
    }

    @Test("a missing file, a folder and an empty file are told apart")
    func unreadable() async throws {
        try await TestDatabase.with { db in
            try await db.run { c in
                #expect(throws: StoreError.unreadable("/nonexistent/x.csv: no such file")) {
                    try ProjectImporter(c).importFile(path: "/nonexistent/x.csv", actor: "x")
                }
                let folder = try #require(throws: StoreError.self) { try ProjectImporter(c).importFile(path: "/tmp", actor: "x") }
                #expect(folder.exitStatus == .noInput)
                let empty = try #require(throws: ImportFailure.self) { try ProjectImporter(c).importFile(path: try Fixtures.file(""), actor: "x") }
                #expect(empty.description.contains("empty"))
            }
        }
    }

    @Test("20,000 generated rows import through COPY")
    func bulk() async throws {
        var text = Fixtures.header
        for i in 0..<20_000 {
            let sector = ["energy", "logistics", "other"][i % 3]
            let units = i * 100 + 1
            let lenders = "Lender \(i % 7)=50;Lender \((i + 1) % 7)=50"
            text += "G-\(i),Generated \(i),\(sector),ongoing,\(units).25,USD,2020-01-01,\(lenders),,,\n"
        }
        let path = try Fixtures.file(text)
        try await TestDatabase.with { db in
            try await db.run { c in
                let report = try ProjectImporter(c).importFile(path: path, actor: "bulk")
                #expect(report.imported == 20_000)
                #expect(report.lendersCreated == 7)
                #expect(try c.query("SELECT count(*) FROM project_lenders").scalar(Int.self) == 40_000)
                var expected: Int64 = 0
                for i in 0..<20_000 { expected += Int64(i * 100 + 1) * 100 + 25 }
                #expect(try c.query("SELECT sum(value_minor) FROM projects").scalar(Int64.self) == expected)
            }
        }
    }
}
