import Foundation
import Logging
import PortfolioCore
import Postgres

/// What every route shares: the read pool, the page limit, the API document, the log.
struct ServerContext: Sendable {
    let pool: ConnectionPool
    let maxPageSize: Int
    let openAPI: Data
    let logger: Logger
}
