import Foundation
@testable import PortfolioCore
import Testing
import XML

/// The DAC 3-digit codelist and how its codes group into the seeded sectors.
@Suite("DAC sectors")
struct DACSectorTests {
    @Test("codes group into the five seeded sectors", arguments: [
        ("230", "energy"), ("232", "energy"), ("236", "energy"), ("310", "agriculture"), ("313", "agriculture"),
        ("320", "manufacturing"), ("321", "manufacturing"), ("322", "other"), ("210", "logistics"), ("220", "other"),
        ("160", "other"), ("998", "other"),
    ])
    func grouping(code: String, sector: String) {
        #expect(DACSector.grouping(code) == sector)
    }

    @Test("the built-in codes are unique, three digits, named, and every seeded sector's DAC code is among them")
    func builtIn() throws {
        let codes = DACSector.builtIn.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(DACSector.builtIn.allSatisfy { DACSector.isCode($0.code) && !$0.name.isEmpty })
        for sector in Sector.seed { #expect(DACSector.known(sector.dacCode ?? "") != nil, "\(sector.code)") }
        #expect(DACSector.known("320")?.name == "Industry, Mining, Construction")
        #expect(DACSector.known("230")?.withdrawn == true)
        #expect(DACSector.known("210")?.ownSector.code == "dac-210")
    }

    @Test("an IATI codelist file reads: English names, withdrawn codes; a bad item is refused with its line")
    func reader() throws {
        let xml = """
            <codelist name="SectorCategory">
             <codelist-items>
              <codelist-item><code>111</code><name><narrative>Education</narrative><narrative xml:lang="fr">Éducation</narrative></name>
               <description><narrative>not the name</narrative></description></codelist-item>
              <codelist-item status="withdrawn"><code>230</code><name><narrative>ENERGY</narrative></name></codelist-item>
             </codelist-items>
            </codelist>
            """
        let entries = try Self.read(xml)
        #expect(entries == [try DACSector(code: "111", name: "Education"), try DACSector(code: "230", name: "ENERGY", withdrawn: true)])
        let bad = """
            <codelist>
             <codelist-item><code>11</code><name><narrative>Short</narrative></name></codelist-item>
            </codelist>
            """
        #expect { try Self.read(bad) } throws: { ($0 as? XMLError)?.line == 2 }
        #expect(throws: (any Error).self) { try Self.read("<html/>") }
    }

    @Test("the built-in codelist is IATI's SectorCategory as published")
    func matchesPublished() throws {
        let path = ProcessInfo.processInfo.environment["PORTFOLIO_REAL_DATA"].map { $0 + "/iati/codelists/SectorCategory.xml" }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/real-data/iati/codelists/SectorCategory.xml").path
        guard let data = FileManager.default.contents(atPath: path) else {
            print("DAC codelist comparison SKIPPED: \(path) is not present")
            return
        }
        #expect(try Self.read(String(decoding: data, as: UTF8.self)) == DACSector.codelist)
    }

    static func read(_ text: String) throws -> [DACSector] {
        var chunk: [UInt8]? = Array(text.utf8)
        return try DACCodelistReader.read {
            defer { chunk = nil }
            return chunk
        }
    }
}
