import Postgres
import PortfolioCore

extension LocalDate {
    /// The date as a `date` parameter.
    public var bind: PostgresBind { PostgresBind(type: .date, text: description) }
}

extension Optional where Wrapped == LocalDate {
    /// The date as a `date` parameter, or a NULL date.
    public var bind: PostgresBind { PostgresBind(type: .date, text: self?.description) }
}

extension PostgresRow {
    /// Decodes a `date` column as a `LocalDate`.
    func localDate(_ column: String) throws -> LocalDate {
        let text = try decode(String.self, column)
        do {
            return try LocalDate.parse(text)
        } catch {
            throw PostgresError(.decoding, "column \"\(column)\" holds \(text), outside the dates the tracker accepts", column: column)
        }
    }

    /// Decodes a nullable `date` column.
    func optionalLocalDate(_ column: String) throws -> LocalDate? {
        guard try decode(String?.self, column) != nil else { return nil }
        return try localDate(column)
    }

    /// Decodes a `char(3)` currency column.
    func currency(_ column: String) throws -> Currency {
        let code = try decode(String.self, column)
        do {
            return try Currency(code: code)
        } catch {
            throw PostgresError(.decoding, "column \"\(column)\" holds unknown currency \(code)", column: column)
        }
    }
}
