import Foundation
import PortfolioCore
import Testing

@Suite("Lender")
struct LenderTests {
    @Test func createsAndNormalises() throws {
        let lender = try Lender(name: "  China Development Bank ", country: "cn", kind: .policyBank)
        #expect(lender.name == "China Development Bank")
        #expect(lender.country == "CN")
        #expect(lender.kind == .policyBank)
    }

    @Test("bad lenders", arguments: [
        ("", "CN", "name: lender name is empty"),
        (String(repeating: "x", count: 201), "CN", "name: lender name is 201 characters; at most 200 are allowed"),
        ("A;B", "CN", "name: lender name \"A;B\" must not contain \";\" or \"=\""),
        ("A=B", "CN", "name: lender name \"A=B\" must not contain \";\" or \"=\""),
        ("Bank\u{0}", "CN", "name: lender name \"Bank\\u{0}\" contains the control character U+0"),
        ("Bank", "CHN", "country: \"CHN\" is not a country code; use two letters (ISO 3166-1 alpha-2), such as CN"),
        ("Bank", "C1", "country: \"C1\" is not a country code; use two letters (ISO 3166-1 alpha-2), such as CN"),
    ])
    func refuses(name: String, country: String, description: String) {
        let error = domainError { () throws(DomainError) in try Lender(name: name, country: country, kind: .fund) }
        #expect(error?.description == description)
    }

    @Test("kinds", arguments: [
        ("policy_bank", LenderKind.policyBank), ("policy-bank", .policyBank), ("Policy Bank", .policyBank),
        ("commercial bank", .commercialBank), ("FUND", .fund), ("other", .other),
    ])
    func parsesKinds(text: String, kind: LenderKind) throws {
        #expect(try LenderKind.parse(text) == kind)
    }

    @Test func refusesUnknownKind() {
        #expect(domainError { () throws(DomainError) in try LenderKind.parse("bank") }?.message
            == "\"bank\" is not a lender kind; use one of: policy_bank, commercial_bank, fund, other")
    }

    @Test func codable() throws {
        let lender = try Lender(name: "Silk Road Fund", country: "CN", kind: .fund)
        let data = try JSONEncoder().encode(lender)
        #expect(String(decoding: data, as: UTF8.self).contains("\"kind\":\"fund\""))
        #expect(try JSONDecoder().decode(Lender.self, from: data) == lender)
    }
}
