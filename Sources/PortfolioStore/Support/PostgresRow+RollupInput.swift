import Postgres
import PortfolioCore

extension PostgresRow {
    /// A project's rollup facts from the columns `code`, `sector_code`, `value_minor`, `currency`,
    /// `value_date`, `lender_names` and `lender_shares`, with `status`.
    ///
    /// - Throws: `PostgresError` of kind `.decoding` when the stored facts do not validate.
    func rollupInput(status: ProjectStatus) throws -> RollupInput {
        let names = try decode([String].self, "lender_names")
        let shares = try decode([Int].self, "lender_shares")
        do {
            return try RollupInput(
                code: ProjectCode(try decode(String.self, "code")),
                sectorCode: try decode(String.self, "sector_code"), status: status,
                value: Money(minorUnits: try decode(Int128.self, "value_minor"), currency: try currency("currency")),
                valueDate: try localDate("value_date"),
                lenders: try zip(names, shares).map { try LenderShare(lender: $0, basisPoints: $1) })
        } catch let error as DomainError {
            throw PostgresError(.decoding, "a stored project does not pass validation: \(error.message)")
        }
    }
}
