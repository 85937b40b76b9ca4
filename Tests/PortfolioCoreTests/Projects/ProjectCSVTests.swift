import CSV
import Foundation
import PortfolioCore
import Testing
import TestSupport

@Suite("Project CSV")
struct ProjectCSVTests {
    static let header = "code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location"

    func record(_ line: String, at number: Int = 2) throws -> CSVRecord {
        let records = try CSVReader(string: line).map { try $0.get() }
        let first = try #require(records.first)
        return CSVRecord(line: number, fields: first.fields)
    }

    @Test func headerIsMatchedIgnoringCaseAndOrder() throws {
        let csv = try ProjectCSV(header: ["Lenders", " VALUE ", "value_date", "currency", "sector", "name", "CODE"])
        #expect(csv.columns == [.lenders, .value, .valueDate, .currency, .sector, .name, .code])
        #expect(ProjectCSV.header.joined(separator: ",") == Self.header + ",description")
    }

    @Test func headerProblemsAreAllReported() {
        let found = problems { () throws(ValidationFailure) in
            try ProjectCSV(header: ["code", "name", "colour", "code", "value", "currency"])
        }
        #expect(found.map(\.message) == [
            "column 3 \"colour\" is not a project column; use: code, name, sector, status, value, currency, "
                + "value_date, lenders, start_date, end_date, location, description",
            "column \"code\" appears more than once",
            "the header lacks the required columns sector, value_date, lenders",
        ])
    }

    @Test func decodesARow() throws {
        let csv = try ProjectCSV(header: Self.header.components(separatedBy: ","))
        let row = try record(
            "KZ-1,\"Shymkent refinery, upgrade\",energy,,\"1,800,000,000\",USD,2018-01-15,\"China Development Bank=100\",,,"
        )
        let draft = try csv.decode(row).get()
        let project = try draft.validate()
        #expect(project.name == "Shymkent refinery, upgrade")
        #expect(project.status == .pledged)
        #expect(project.value.minorUnits == 180_000_000_000)
        #expect(project.location == nil)
    }

    @Test func wrongFieldCount() throws {
        let csv = try ProjectCSV(header: Self.header.components(separatedBy: ","))
        let result = csv.decode(CSVRecord(line: 7, fields: ["a", "b"]))
        guard case .failure(let failure) = result else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.description == "the record has 2 fields; the header has 11")
    }

    @Test func decodeValidatedCollectsEveryProblem() throws {
        let csv = try ProjectCSV(header: Self.header.components(separatedBy: ","))
        let row = try record("bad code,,energy,ongoing,-5,USD,2026-13-01,A=50,,,")
        guard case .failure(let failure) = csv.decodeValidated(row) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.problems.map(\.field) == ["code", "name", "value", "value_date", "lenders"])
    }

    static func generatedProjects(count: Int) throws -> [Project] {
        var generator = SeededGenerator(seed: 31)
        let currencies: [Currency] = [.usd, .jpy, .kwd, .cny, .eur]
        let names = ["Plain", "With, comma", "With \"quotes\"", "Ünïcödé ✓", " spaced ", "Semi;colon"]
        let lenderLists = ["China Development Bank=60;Export-Import Bank of China=40", "Silk Road Fund=100",
                           "A=33.33;B=33.33;C=33.34", "ICBC=12.5;Bank of China=87.5", "O'Brien \"Trust\", Ltd=50;Ещё Банк=50"]
        let descriptions: [String?] = [nil, "Two 200 MW units", "Commas, \"quotes\", and 'apostrophes'", "Ещё 中国 ✓ émigré",
                                       "=SUM(A1) ; -- \\ $1 %s", String(repeating: "ü", count: ProjectRules.maxDescriptionLength)]
        return try (0..<count).map { index in
            let start: LocalDate? = Bool.random(using: &generator) ? nil
                : try LocalDate(daysSinceEpoch: Int.random(in: 0...20_000, using: &generator))
            let end = try start.map { try $0.adding(days: Int.random(in: 0...3000, using: &generator)) }
            let content = try ValidatedProject(
                code: ProjectCode("P-\(index)"),
                name: (names.randomElement(using: &generator) ?? "X") + " \(index)",
                sectorCode: Sector.seed.randomElement(using: &generator)?.code ?? "other",
                status: ProjectStatus.allCases.randomElement(using: &generator) ?? .pledged,
                value: Money(minorUnits: Int128(Int64.random(in: 0...999_999_999_999_999_999, using: &generator)),
                             currency: currencies.randomElement(using: &generator) ?? .usd),
                valueDate: LocalDate(daysSinceEpoch: Int.random(in: -25_000...80_000, using: &generator)),
                lenders: LenderShare.parseList(lenderLists.randomElement(using: &generator) ?? "A"),
                startDate: start,
                endDate: end,
                location: Bool.random(using: &generator) ? nil : "Line \"1\", region \(index)",
                description: descriptions.randomElement(using: &generator) ?? nil
            )
            return Project(content, version: 1, createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        }
    }

    @Test func encodeThenDecodeRoundTrips() throws {
        let projects = try Self.generatedProjects(count: 300)
        var writer = CSVWriter()
        writer.write(ProjectCSV.header)
        projects.forEach { writer.write(ProjectCSV.encode($0)) }
        var reader = CSVReader(string: writer.output)
        let first = reader.next()
        let headerRecord = try #require(first).get()
        let csv = try ProjectCSV(header: headerRecord.fields)
        var decoded: [ValidatedProject] = []
        while let result = reader.next() {
            decoded.append(try csv.decodeValidated(try result.get()).get())
        }
        #expect(decoded == projects.map(\.content))
    }
}
