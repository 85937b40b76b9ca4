import Foundation
import Postgres
import PortfolioCore

/// A project's status history, oldest first (by effective date, then as recorded); with
/// `asOf`, the entries effective by then, and with `recordedBy`, those recorded by then.
public struct StatusHistory: PostgresPreparedStatement {
    public var code: String
    public var asOf: LocalDate?
    public var recordedBy: Date?

    public init(code: String, asOf: LocalDate? = nil, recordedBy: Date? = nil) {
        self.code = code
        self.asOf = asOf
        self.recordedBy = recordedBy
    }

    public var query: PostgresQuery {
        """
        SELECT h.id, h.from_status, h.to_status, h.effective_date, to_char(h.recorded_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS recorded,
               h.note, h.forced, h.actor, h.request_key
        FROM status_history h JOIN projects p ON p.id = h.project_id
        WHERE p.code = \(code) AND (\(bind: asOf.bind)::date IS NULL OR h.effective_date <= \(bind: asOf.bind)::date)
          AND (\(recordedBy)::timestamptz IS NULL OR h.recorded_at <= \(recordedBy)::timestamptz)
        ORDER BY h.effective_date, h.id
        """
    }

    public func decode(_ row: PostgresRow) throws -> StatusHistoryEntry {
        StatusHistoryEntry(
            id: try row.decode(Int.self, "id"),
            from: try row.decode(String?.self, "from_status").flatMap(ProjectStatus.init(rawValue:)),
            to: try ProjectStatus(rawValue: row.decode(String.self, "to_status")) ?? {
                throw PostgresError(.decoding, "unknown status in history")
            }(),
            effective: try row.localDate("effective_date"),
            recordedAt: try row.decode(String.self, "recorded"),
            note: try row.decode(String?.self, "note"),
            forced: try row.decode(Bool.self, "forced"),
            actor: try row.decode(String.self, "actor"),
            key: try row.decode(String?.self, "request_key"))
    }
}
