import Foundation
import Postgres
import PortfolioCore

/// Each project's rollup facts as of `date`, rebuilt from the history of every field: its last
/// status effective by then, and its value, sector and lenders as most recently recorded with an
/// effective date on or before it. The current sector and lenders stand in for a project with no
/// entry of its own (none is written without one since migration 5). Lenders are named as
/// stored, also in entries recorded with a name typed in another case, so their parts split as
/// the current rollup's do.
///
/// With `recordedBy`, only history recorded by then counts (transaction time): the portfolio as
/// the tracker would have reported it at that moment, before later corrections. A project with
/// no status recorded by then is not in it, nor is one not counted in aggregates.
///
/// With `backdatedOnlyAfter` as well, of what was recorded after that moment only back-dated
/// entries count (effective before the day, UTC, they were recorded on): a snapshot's date
/// as later corrections restate it, without the ordinary changes made since.
public struct RebuiltRollupInputs: PostgresPreparedStatement {
    public var date: LocalDate
    public var recordedBy: Date?
    public var backdatedOnlyAfter: Date?

    public init(asOf date: LocalDate, recordedBy: Date? = nil, backdatedOnlyAfter: Date? = nil) {
        self.date = date
        self.recordedBy = recordedBy
        self.backdatedOnlyAfter = backdatedOnlyAfter
    }

    public var query: PostgresQuery {
        let history = HistoryAsOf(date: date, recordedBy: recordedBy, backdatedOnlyAfter: backdatedOnlyAfter)
        return "SELECT p.code, \(history.columns) FROM projects p \(history.joins) WHERE p.aggregates"
    }

    public func decode(_ row: PostgresRow) throws -> RollupInput {
        try row.rollupInput(status: try ProjectStatus.parse(try row.decode(String.self, "status")))
    }
}
