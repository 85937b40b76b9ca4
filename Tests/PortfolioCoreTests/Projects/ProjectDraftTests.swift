import Foundation
import PortfolioCore
import Testing

@Suite("Project draft validation")
struct ProjectDraftTests {
    static let good = ProjectDraft(
        code: "BY-GS-01", name: "Great Stone Industrial Park, phase 1", sector: "Manufacturing", status: "",
        value: "1,200,000,000.50", currency: "usd", valueDate: "2024-03-31",
        lenders: "China Development Bank=60;Export-Import Bank of China=40",
        startDate: "2015-06-01", endDate: "", location: "  Minsk region ", description: ""
    )

    @Test func validDraftIsNormalised() throws {
        let project = try Self.good.validate()
        #expect(project.code.rawValue == "BY-GS-01")
        #expect(project.sectorCode == "manufacturing")
        #expect(project.status == .pledged)
        #expect(project.value == Money(minorUnits: 120_000_000_050, currency: .usd))
        #expect(project.valueDate == date("2024-03-31"))
        #expect(project.lenders.map(\.basisPoints) == [6000, 4000])
        #expect(project.startDate == date("2015-06-01"))
        #expect(project.endDate == nil)
        #expect(project.location == "Minsk region")
        #expect(project.description == nil)
    }

    @Test func reportsEveryBadFieldInFieldOrder() {
        var draft = Self.good
        draft.code = "BAD CODE"
        draft.name = ""
        draft.sector = "9x"
        draft.status = "done"
        draft.value = "1.234"
        draft.valueDate = "2026-02-30"
        draft.lenders = "A=60;B=30"
        draft.startDate = "2020-01-01"
        draft.endDate = "2019-12-31"
        draft.location = String(repeating: "x", count: 201)
        draft.description = "line\u{1}"
        let fields = problems { () throws(ValidationFailure) in try draft.validate() }.map(\.field)
        #expect(fields == [
            "code", "name", "sector", "status", "value", "value_date", "lenders", "end_date", "location", "description",
        ])
    }

    @Test func messagesNameTheProblem() {
        var draft = Self.good
        draft.value = "1.234"
        draft.lenders = "A=60;B=30"
        draft.endDate = "2010-01-01"
        let found = problems { () throws(ValidationFailure) in try draft.validate() }.map(\.description)
        #expect(found == [
            "value: \"1.234\" has 3 decimals; USD allows 2",
            "lenders: lender shares add up to 90%; they must add up to 100%",
            "end_date: end_date 2010-01-01 is before start_date 2015-06-01",
        ])
    }

    @Test func badCurrencySkipsTheValue() {
        var draft = Self.good
        draft.currency = "XXX"
        draft.value = "1.2345"
        let found = problems { () throws(ValidationFailure) in try draft.validate() }
        #expect(found.map(\.field) == ["currency"])
    }

    @Test("required fields", arguments: ["code", "name", "sector", "value", "currency", "value_date", "lenders"])
    func required(field: String) {
        var draft = Self.good
        switch field {
        case "code": draft.code = " "
        case "name": draft.name = " "
        case "sector": draft.sector = " "
        case "value": draft.value = " "
        case "currency": draft.currency = " "
        case "value_date": draft.valueDate = " "
        default: draft.lenders = " "
        }
        #expect(problems { () throws(ValidationFailure) in try draft.validate() }.map(\.field) == [field])
    }

    @Test func lengthLimits() throws {
        var draft = Self.good
        draft.name = String(repeating: "n", count: 300)
        draft.location = String(repeating: "l", count: 200)
        draft.description = String(repeating: "d", count: 2000)
        #expect(problems { () throws(ValidationFailure) in try draft.validate() }.isEmpty)
        draft.name += "n"
        draft.location += "l"
        draft.description += "d"
        #expect(problems { () throws(ValidationFailure) in try draft.validate() }.map(\.field)
            == ["name", "location", "description"])
    }

    @Test func typedInitChecksTheSameRules() throws {
        let code = try ProjectCode("X-1")
        let found = problems { () throws(ValidationFailure) in
            try ValidatedProject(
                code: code, name: "X", sectorCode: "energy", value: Money(minorUnits: -1, currency: .usd),
                valueDate: date("2024-01-01"), lenders: [], startDate: date("2024-01-02"), endDate: date("2024-01-01")
            )
        }
        #expect(found.map(\.field) == ["value", "lenders", "end_date"])
    }

    @Test func draftFromContentValidatesBackToIt() throws {
        let content = try Self.good.validate()
        #expect(try ProjectDraft(content).validate() == content)
    }
}

@Suite("Control characters")
struct ControlCharacterTests {
    @Test("a name is refused exactly when it holds a scalar of general category Cc")
    func controlCharactersMatchUnicode() {
        var draft = ProjectDraftTests.good
        var refused = 0
        for value in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            draft.name = "A" + String(Character(scalar)) + "B"
            let isControl = scalar.properties.generalCategory == .control
            let rejected: Bool
            do {
                _ = try draft.validate()
                rejected = false
            } catch {
                rejected = error.description.contains("control character")
            }
            #expect(rejected == isControl, "U+\(String(value, radix: 16))")
            if rejected { refused += 1 }
        }
        #expect(refused == 65)
    }
}
