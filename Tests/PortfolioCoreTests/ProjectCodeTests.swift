import Foundation
import PortfolioCore
import Testing

@Suite("Project code")
struct ProjectCodeTests {
    @Test("valid codes", arguments: ["CPEC-01", "a.b_c-1", "X", String(repeating: "A", count: 32), " BY-GREAT-STONE "])
    func accepts(text: String) throws {
        #expect(try ProjectCode(text).rawValue == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("refusals name the rule", arguments: [
        ("", "project code is empty"),
        ("   ", "project code is empty"),
        (String(repeating: "A", count: 33),
         "project code \"\(String(repeating: "A", count: 33))\" is 33 characters; at most 32 are allowed"),
        ("AB/1", "project code \"AB/1\" contains \"/\"; use letters, digits, \"-\", \"_\" and \".\""),
        ("A B", "project code \"A B\" contains \" \"; use letters, digits, \"-\", \"_\" and \".\""),
        ("Проект", "project code \"Проект\" contains \"П\"; use letters, digits, \"-\", \"_\" and \".\""),
    ])
    func refuses(text: String, message: String) {
        #expect(domainError { () throws(DomainError) in try ProjectCode(text) }?.message == message)
    }
}
