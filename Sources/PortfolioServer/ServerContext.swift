import Foundation
import Logging
import PortfolioCore
import Postgres

/// What every route shares: the read pool, the change feed, the page limit, the API
/// document, the log.
struct ServerContext: Sendable {
    let pool: ConnectionPool
    /// The live change feed; nil when live updates are off.
    let feed: ChangeFeed?
    /// Rendered answers, used only while the feed listens.
    let responses: ResponseCache
    let maxPageSize: Int
    let openAPI: Data
    let logger: Logger
}
