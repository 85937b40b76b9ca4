import Foundation
import PortfolioCore
import Testing

@Suite("Sector")
struct SectorTests {
    @Test func seedMatchesTheDesign() {
        let seed = Sector.seed.map { ($0.code, $0.name, $0.dacCode ?? "") }
        let expected = [
            ("energy", "Energy", "230"), ("manufacturing", "Manufacturing", "321"),
            ("agriculture", "Agriculture", "311"), ("logistics", "Logistics", "210"), ("other", "Other", "998"),
        ]
        #expect(seed.count == expected.count)
        for (actual, wanted) in zip(seed, expected) {
            #expect(actual == wanted)
        }
        #expect(Sector.dacNames["210"] == "Transport and storage")
        #expect(Sector.dacNames["998"] == "Unallocated / unspecified")
        #expect(Sector.seed.allSatisfy { (try? Sector(code: $0.code, name: $0.name, dacCode: $0.dacCode)) == $0 })
    }

    @Test("codes", arguments: [
        ("energy", "energy"), ("Energy", "energy"), ("oil_gas-2", "oil_gas-2"), (" mining ", "mining"),
    ])
    func acceptsCodes(text: String, code: String) throws {
        #expect(try Sector.validateCode(text) == code)
    }

    @Test("bad codes", arguments: [
        ("", "sector code is empty"),
        ("1abc", "sector code \"1abc\" must start with a letter a-z"),
        ("a b", "sector code \"a b\" may hold only letters a-z, digits, \"_\" and \"-\""),
        ("é", "sector code \"é\" must start with a letter a-z"),
        ("a" + String(repeating: "b", count: 32), "sector code \"a\(String(repeating: "b", count: 32))\" is 33 characters; at most 32 are allowed"),
    ])
    func refusesCodes(text: String, message: String) {
        let error = domainError { () throws(DomainError) in try Sector.validateCode(text) }
        #expect(error?.message == message)
        #expect(error?.field == "sector")
    }

    @Test func namesAndDACCodes() throws {
        #expect(try Sector(code: "water", name: " Water supply ", dacCode: "140").name == "Water supply")
        #expect(try Sector(code: "water", name: "Water", dacCode: " ").dacCode == nil)
        #expect(domainError { () throws(DomainError) in try Sector(code: "water", name: "", dacCode: nil) }?.description
            == "name: sector name is empty")
        #expect(domainError { () throws(DomainError) in try Sector(code: "water", name: "Wa\u{7}ter") } != nil)
        #expect(domainError { () throws(DomainError) in try Sector(code: "water", name: String(repeating: "x", count: 201)) } != nil)
        #expect(domainError { () throws(DomainError) in try Sector(code: "water", name: "Water", dacCode: "14") }?.field
            == "dac_code")
    }

    @Test func codable() throws {
        let data = try JSONEncoder().encode(Sector.seed)
        #expect(try JSONDecoder().decode([Sector].self, from: data) == Sector.seed)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Sector.self, from: Data(#"{"code":"1x","name":"X"}"#.utf8))
        }
    }
}
