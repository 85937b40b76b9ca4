import Postgres
import PortfolioCore
import PortfolioStore
import Testing

/// Server errors in the user's terms: the field, never the server's row dump.
@Suite("Failure report")
struct FailureReportTests {
    static func server(_ state: String, _ message: String, detail: String? = nil, constraint: String? = nil,
                       table: String? = nil, column: String? = nil) -> PostgresError {
        PostgresError(.server, message, sqlState: state, detail: detail, constraint: constraint, table: table, column: column)
    }

    struct Case: Sendable, CustomStringConvertible {
        let error: PostgresError
        let status: PortfolioCore.ExitStatus
        let contains: String
        var description: String { "\(error.sqlState ?? "") \(error.constraint ?? error.column ?? "")" }
    }

    static let cases: [Case] = [
        Case(error: server("23514", "new row for relation \"projects\" violates check constraint \"projects_value_minor_check\"",
                           detail: "Failing row contains (1, P-1, secret text, …)", constraint: "projects_value_minor_check", table: "projects"),
             status: .dataError, contains: "--value:"),
        Case(error: server("23514", "violates check constraint", detail: "Failing row contains (…)",
                           constraint: "projects_dates_check", table: "projects"), status: .dataError, contains: "--end:"),
        Case(error: server("23514", "violates", detail: "Failing row contains (…)", constraint: "fx_rates_rate_check", table: "fx_rates"),
             status: .dataError, contains: "rate:"),
        Case(error: server("23514", "new row for relation \"projects\" violates check constraint \"projects_value_bound\"",
                           detail: "Failing row contains (…)", constraint: "projects_value_bound", table: "projects"),
             status: .dataError, contains: "--value:"),
        Case(error: server("23514", "violates", detail: "Failing row contains (…)", constraint: "fx_rates_rate_bound", table: "fx_rates"),
             status: .dataError, contains: "rate:"),
        Case(error: server("22003", "numeric field overflow", detail: "A field with precision 30, scale 12 must round to an absolute value less than 10^18."),
             status: .dataError, contains: "too large"),
        Case(error: server("23502", "null value in column \"name\" of relation \"projects\" violates not-null constraint",
                           detail: "Failing row contains (…)", table: "projects", column: "name"), status: .dataError, contains: "--name:"),
        Case(error: server("23505", "duplicate key value violates unique constraint \"lenders_name_key\"",
                           detail: "Key (lower(name))=(x) already exists.", constraint: "lenders_name_key", table: "lenders"),
             status: .dataError, contains: "lender name:"),
        Case(error: server("23503", "insert or update on table \"projects\" violates foreign key constraint \"projects_sector_code_fkey\"",
                           detail: "Key (sector_code)=(x) is not present in table \"sectors\".", constraint: "projects_sector_code_fkey", table: "projects"),
             status: .dataError, contains: "--sector:"),
        Case(error: server("22001", "value too long for type character varying(3)"), status: .dataError, contains: "too long"),
        Case(error: server("42P01", "relation \"projects\" does not exist"), status: .unavailable, contains: "not migrated: run 'portfolio migrate'"),
        Case(error: server("42703", "column \"part_minor\" does not exist"), status: .unavailable, contains: "not migrated"),
        Case(error: server("42883", "function f() does not exist"), status: .unavailable, contains: "not migrated"),
        Case(error: server("42501", "permission denied for table projects"), status: .noPermission, contains: "permission denied"),
        Case(error: server("40001", "could not serialize access"), status: .tempFailure, contains: "serialize"),
        Case(error: server("57014", "canceling statement due to statement timeout"), status: .tempFailure, contains: "cancelled the statement"),
        Case(error: server("55P03", "canceling statement due to lock timeout"), status: .tempFailure, contains: "lock timeout"),
    ]

    @Test("each server error gets its exit status and a message naming the field, without the row's contents", arguments: cases)
    func mapped(_ item: Case) {
        #expect(FailureReport.status(for: item.error) == item.status)
        let message = FailureReport.message(for: item.error)
        #expect(message.contains(item.contains), "\(message)")
        #expect(!message.contains("Failing row"), "\(message)")
        #expect(!message.contains("violates"), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test("a permission error is not reported as the database being unavailable")
    func permissionIsNotUnavailable() {
        let error = Self.server("42501", "permission denied for table jobs")
        #expect(FailureReport.status(for: error) == .noPermission)
        #expect(!FailureReport.message(for: error).contains("unavailable"))
    }

    @Test("the schema check names both versions, and a database never migrated gets the one fixed line")
    func schemaMismatch() {
        #expect(Migrator.SchemaMismatch(databaseVersion: 0, programVersion: 4).description == FailureReport.notMigrated)
        #expect(Migrator.SchemaMismatch(databaseVersion: 2, programVersion: 4).description.contains("schema version 2"))
        #expect(Migrator.SchemaMismatch(databaseVersion: 9, programVersion: 4).description.contains("newer than this program"))
        #expect(Migrator.SchemaMismatch(databaseVersion: 2, programVersion: 4).exitStatus == .unavailable)
    }
}
