import Postgres
import PortfolioCore

/// Appends a project's value, currency and value date, effective on `effective`.
public struct InsertValueHistory: PostgresPreparedStatement {
    public var projectID: Int
    public var value: Money
    public var valueDate: LocalDate
    public var effective: LocalDate
    public var actor: String

    public init(projectID: Int, value: Money, valueDate: LocalDate, effective: LocalDate, actor: String) {
        self.projectID = projectID
        self.value = value
        self.valueDate = valueDate
        self.effective = effective
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor)
        VALUES (\(projectID), \(value.minorUnits), \(value.currency.code), \(bind: valueDate.bind), \(bind: effective.bind), \(actor))
        """
    }
}
