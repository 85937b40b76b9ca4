import Foundation
import PortfolioCore
import Testing

@Suite("Lender shares")
struct LenderShareTests {
    @Test("single items", arguments: [
        ("China Development Bank=60", "China Development Bank", 6000),
        ("A=33.33", "A", 3333),
        ("A=100", "A", 10_000),
        ("A", "A", 10_000),
        (" A = 12.5 % ", "A", 1250),
        ("A=0.05", "A", 5),
        ("A=007", "A", 700),
        ("Bank of A=B=60", "Bank of A=B", 6000),
    ])
    func parsesItem(text: String, lender: String, basisPoints: Int) throws {
        if lender.contains("=") {
            #expect(domainError { () throws(DomainError) in try LenderShare.parse(text) } != nil)
            return
        }
        let share = try LenderShare.parse(text)
        #expect(share.lender == lender)
        #expect(share.basisPoints == basisPoints)
    }

    @Test("bad items", arguments: [
        ("A=0", "lenders: the share of \"A\" is 0%; it must be more than 0% and at most 100%"),
        ("A=100.01", "lenders: the share of \"A\" is 100.01%; it must be more than 0% and at most 100%"),
        ("A=1000", "lenders: share \"1000\" is more than 100%"),
        ("A=33.333", "lenders: share \"33.333\" has 3 decimals; a share has at most 2 (1 basis point = 0.01%)"),
        ("A=abc", "lenders: share \"abc\" is not a percentage; write one such as 60 or 33.33"),
        ("A=-5", "lenders: share \"-5\" is not a percentage; write one such as 60 or 33.33"),
        ("A=.5", "lenders: share \".5\" is not a percentage; write one such as 60 or 33.33"),
        ("A=", "lenders: share is empty; write a percentage such as 60 or 33.33"),
        ("=60", "lenders: lender name is empty"),
    ])
    func refusesItem(text: String, description: String) {
        #expect(domainError { () throws(DomainError) in try LenderShare.parse(text) }?.description == description)
    }

    @Test func parsesList() throws {
        let list = try LenderShare.parseList("China Development Bank=60;Export-Import Bank of China=40")
        #expect(list.map(\.lender) == ["China Development Bank", "Export-Import Bank of China"])
        #expect(list.map(\.basisPoints) == [6000, 4000])
        #expect(try LenderShare.parseList(" A = 50 ; B=50 ; ") == LenderShare.parseList("A=50;B=50"))
        #expect(try LenderShare.parseList("Silk Road Fund").map(\.basisPoints) == [10_000])
    }

    @Test("only a single lender may omit its percent", arguments: ["A;B", "A=60;B", "A;B=40"])
    func omittedPercent(text: String) {
        let error = domainError { () throws(DomainError) in try LenderShare.parseList(text) }
        #expect(error?.message.hasSuffix("has no share; with more than one lender every lender needs =PERCENT") == true)
    }

    @Test func emptyList() {
        #expect(domainError { () throws(DomainError) in try LenderShare.parseList(" ; ") }?.message
            == "no lenders given; write NAME=PERCENT;NAME=PERCENT, such as A=60;B=40")
    }

    @Test("sum and duplicate rules", arguments: [
        ("A=60;B=30", "lenders: lender shares add up to 90%; they must add up to 100%"),
        ("A=60;B=40.5", "lenders: lender shares add up to 100.5%; they must add up to 100%"),
        ("A=33.33;B=33.33;C=33.33", "lenders: lender shares add up to 99.99%; they must add up to 100%"),
        ("A=50;a=50", "lenders: lender \"a\" appears more than once"),
        ("A=60;B=40", nil),
        ("A=33.33;B=33.33;C=33.34", nil),
        ("A", nil),
    ] as [(String, String?)])
    func validates(text: String, description: String?) throws {
        let list = try LenderShare.parseList(text)
        #expect(domainError { () throws(DomainError) in try LenderShare.validate(list) }?.description == description)
    }

    @Test func atLeastOne() {
        #expect(domainError { () throws(DomainError) in try LenderShare.validate([]) }?.message
            == "a project needs at least one lender")
    }

    @Test("format round trips", arguments: ["A=60;B=40", "A=33.33;B=33.33;C=33.34", "A=12.5;B=87.5", "A=100", "X=0.01;Y=99.99"])
    func formatRoundTrip(text: String) throws {
        #expect(LenderShare.format(try LenderShare.parseList(text)) == text)
    }

    @Test("percent text", arguments: [(6000, "60"), (3333, "33.33"), (1250, "12.5"), (5, "0.05"), (10_000, "100"), (1, "0.01"), (1010, "10.1")])
    func percentText(basisPoints: Int, text: String) throws {
        #expect(try LenderShare(lender: "A", basisPoints: basisPoints).percentText == text)
    }

    @Test func codable() throws {
        let list = shares("A=60;B=40")
        let data = try JSONEncoder().encode(list)
        #expect(try JSONDecoder().decode([LenderShare].self, from: data) == list)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LenderShare.self, from: Data(#"{"lender":"A","basis_points":0}"#.utf8))
        }
    }
}
