import Foundation
import Postgres
import PortfolioCore
import PortfolioStore

/// Small builders for store tests.
enum Fixtures {
    static func project(
        _ code: String, sector: String = "energy", status: ProjectStatus = .ongoing, value: String = "1000000.00",
        currency: String = "USD", valueDate: String = "2024-01-10", lenders: String = "China Development Bank=60;Export-Import Bank of China=40"
    ) throws -> ValidatedProject {
        try ProjectDraft(code: code, name: "Project \(code)", sector: sector, status: status.rawValue, value: value,
                         currency: currency, valueDate: valueDate, lenders: lenders).validate()
    }

    static func date(_ text: String) throws -> LocalDate { try LocalDate.parse(text) }

    static let header = "code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location\n"

    /// Writes text to a new temporary file and returns its path.
    static func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("store-test-\(UUID().uuidString).csv")
        try Data(text.utf8).write(to: url)
        return url.path
    }
}
