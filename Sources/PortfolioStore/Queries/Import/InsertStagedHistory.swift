import Postgres
import PortfolioCore

/// Each project's first status, value, sector, lenders (named as stored) and details (name,
/// dates, location, description), effective on its value date or today (`today`) when that is
/// later.
public struct InsertStagedHistory: PostgresPreparedStatement {
    public var actor: String
    public var today: LocalDate

    public init(actor: String, today: LocalDate) {
        self.actor = actor
        self.today = today
    }

    public var query: PostgresQuery {
        """
        WITH entered AS (
            SELECT p.id, s.status, s.value_minor, s.currency, s.value_date, s.sector, s.lender_shares,
                   s.name, s.start_date, s.end_date, s.location, s.description,
                   (SELECT array_agg(l.name ORDER BY u.ord) FROM unnest(s.lender_names) WITH ORDINALITY AS u(name, ord)
                    JOIN lenders l ON lower(l.name) = lower(u.name)) AS lender_names,
                   least(s.value_date, \(bind: today.bind)::date) AS day
            FROM import_staging s JOIN projects p ON p.code = s.code
        ), statuses AS (
            INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, actor)
            SELECT id, NULL, status, day, 'imported', \(actor) FROM entered
        ), sectors AS (
            INSERT INTO sector_history (project_id, sector_code, effective_date, actor)
            SELECT id, sector, day, \(actor) FROM entered
        ), details AS (
            INSERT INTO detail_history (project_id, name, start_date, end_date, location, description, effective_date, actor)
            SELECT id, name, start_date, end_date, location, description, day, \(actor) FROM entered
        ), lenders AS (
            INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor)
            SELECT id, lender_names, lender_shares, day, \(actor) FROM entered
        )
        INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor)
        SELECT id, value_minor, currency, value_date, day, \(actor) FROM entered
        """
    }
}
