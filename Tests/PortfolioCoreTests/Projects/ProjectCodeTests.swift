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
        ("-x", "project code \"-x\" must start with a letter or a digit"),
        ("--help", "project code \"--help\" must start with a letter or a digit"),
        (".hidden", "project code \".hidden\" must start with a letter or a digit"),
        ("_A", "project code \"_A\" must start with a letter or a digit"),
    ])
    func refuses(text: String, message: String) {
        #expect(domainError { () throws(DomainError) in try ProjectCode(text) }?.message == message)
    }

    @Test("codes keep their case; the folded form makes codes that differ only in case one code")
    func folding() throws {
        #expect(try ProjectCode("By-En-01").rawValue == "By-En-01")
        #expect(try ProjectCode("BY-EN-01").folded == ProjectCode("by-en-01").folded)
        #expect(try ProjectCode("BY-EN-01") != ProjectCode("by-en-01"))
        #expect(try ProjectCode("x-").rawValue == "x-")
        #expect(try ProjectCode("9.A_b-").rawValue == "9.A_b-")
    }
}
