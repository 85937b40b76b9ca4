import Foundation
import PortfolioCore
import Testing

@Suite("Project patch and project")
struct ProjectPatchTests {
    static func project() throws -> Project {
        let content = try ProjectDraftTests.good.validate()
        return Project(
            content, version: 3,
            createdAt: Date(timeIntervalSince1970: 1_700_000_000), updatedAt: Date(timeIntervalSince1970: 1_700_000_100)
        )
    }

    @Test func appliesChangesAndKeepsTheRest() throws {
        let project = try Self.project()
        let patch = ProjectPatch(
            name: "Great Stone, phase 2", value: Money(minorUnits: 5, currency: .eur),
            endDate: .set(date("2030-12-31")), location: .clear
        )
        let changed = try patch.apply(to: project)
        #expect(changed.name == "Great Stone, phase 2")
        #expect(changed.value == Money(minorUnits: 5, currency: .eur))
        #expect(changed.endDate == date("2030-12-31"))
        #expect(changed.location == nil)
        #expect(changed.code == project.code)
        #expect(changed.status == project.status)
        #expect(changed.lenders == project.lenders)
        #expect(changed.startDate == project.startDate)
        #expect(changed.version == 3)
        #expect(changed.updatedAt == project.updatedAt)
    }

    @Test func refusesAnInvalidResult() throws {
        let project = try Self.project()
        let patch = ProjectPatch(name: "", lenders: shares("A=50;B=40"), endDate: .set(date("2000-01-01")))
        #expect(problems { () throws(ValidationFailure) in try patch.apply(to: project) }.map(\.field)
            == ["name", "lenders", "end_date"])
    }

    @Test func emptiness() {
        #expect(ProjectPatch().isEmpty)
        #expect(!ProjectPatch(description: .clear).isEmpty)
    }

    @Test func statusChangeFollowsTheTransitionRules() throws {
        let project = try Self.project()
        #expect(try project.changingStatus(to: .committed).status == .committed)
        #expect(domainError { () throws(DomainError) in try project.changingStatus(to: .finished) } != nil)
        #expect(try project.changingStatus(to: .finished, forced: true, note: "imported late").status == .finished)
    }

    @Test func codableRoundTripIsFlat() throws {
        let project = try Self.project()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        let data = try encoder.encode(project)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains("\"value_date\":\"2024-03-31\""))
        #expect(json.contains("\"version\":3"))
        #expect(json.contains("\"sector\":\"manufacturing\""))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Project.self, from: data) == project)
        let broken = Data(json.replacingOccurrences(of: "\"basis_points\":4000", with: "\"basis_points\":3000").utf8)
        #expect(throws: DecodingError.self) { try decoder.decode(Project.self, from: broken) }
    }

    @Test func targetDefault() throws {
        #expect(Target.default.amount == Money(minorUnits: 800_000_000_000, currency: .usd))
        #expect(Target.default.description == "8,000,000,000.00 USD")
        #expect(domainError { () throws(DomainError) in try Target(amount: .zero(.usd)) } != nil)
        let data = try JSONEncoder().encode(Target.default)
        #expect(try JSONDecoder().decode(Target.self, from: data) == .default)
    }
}
