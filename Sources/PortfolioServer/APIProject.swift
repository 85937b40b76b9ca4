import Foundation
import PortfolioCore
import PortfolioStore

/// A page of projects as the API answers it.
struct ProjectPage: Encodable {
    let items: [Project]
    /// The last code of this page: pass it as `cursor` for the next page; absent on the last.
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

