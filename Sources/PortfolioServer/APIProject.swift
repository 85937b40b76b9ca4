import Foundation
import PortfolioCore
import PortfolioStore

/// A page of projects as the API answers it.
struct ProjectPage: Encodable {
    let items: [Project]
    /// Pass as `cursor` for the next page; absent on the last.
    let nextCursor: String?
}

/// One project with everything the API tells about it.
struct ProjectDetail: Encodable {
    let project: Project
    let history: [StatusHistoryEntry]
    let scheduled: [ScheduledStatusChange]
    let transactions: [LedgerStore.Transaction]
    let source: ProjectSource?
}

/// An opaque, stable position in the list of projects by code.
enum ProjectCursor {
    static func encode(after code: String) -> String {
        Data(code.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> String? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard text.count <= 200, let data = Data(base64Encoded: base64), let code = String(data: data, encoding: .utf8) else { return nil }
        return code
    }
}
