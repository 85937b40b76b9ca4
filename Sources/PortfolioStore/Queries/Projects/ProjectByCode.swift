import Postgres
import PortfolioCore

/// The project with this exact code.
public struct ProjectByCode: PostgresPreparedStatement {
    public var code: String

    public init(code: String) { self.code = code }

    public var query: PostgresQuery { "\(ProjectColumns.select) WHERE p.code = \(code) GROUP BY p.id" }

    public func decode(_ row: PostgresRow) throws -> Project { try ProjectColumns.project(from: row) }
}
