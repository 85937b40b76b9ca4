import Foundation
import Postgres

/// Records where each project of an import came from, in one statement: `sources` pairs each
/// project's code with its source.
public struct InsertProjectSources: PostgresPreparedStatement {
    public var sources: [(code: String, source: ProjectSource)]

    public init(_ sources: [(code: String, source: ProjectSource)]) { self.sources = sources }

    struct SourceRow: Encodable {
        let code: String
        let dataset: String
        let recordID: String
        let amountBasis: String
        let sharesEstimated: Bool
        let coFinanciers: [String]
    }

    /// The rows as a JSON array (a value bound as text); "[]" should encoding fail, which it
    /// cannot for strings and booleans.
    var rows: String {
        let rows = sources.map { SourceRow(code: $0.code, dataset: $0.source.dataset, recordID: $0.source.recordID,
                                     amountBasis: $0.source.amountBasis, sharesEstimated: $0.source.sharesEstimated,
                                     coFinanciers: $0.source.coFinanciers) }
        return (try? JSONEncoder().encode(rows)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    public var query: PostgresQuery {
        """
        INSERT INTO project_sources (project_id, source, record_id, amount_basis, shares_estimated, co_financiers)
        SELECT p.id, s."dataset", s."recordID", s."amountBasis", s."sharesEstimated",
               ARRAY(SELECT jsonb_array_elements_text(s."coFinanciers"))
        FROM jsonb_to_recordset(\(rows)::jsonb) AS s("code" text, "dataset" text, "recordID" text, "amountBasis" text,
                                                   "sharesEstimated" boolean, "coFinanciers" jsonb)
        JOIN projects p ON p.code = s."code"
        """
    }
}
