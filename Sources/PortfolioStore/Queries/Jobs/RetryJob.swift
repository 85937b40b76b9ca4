import Foundation
import Postgres

/// Puts a finished job back in the queue with its attempts and error cleared, keeping a run
/// time still to come; returns when it will run.
public struct RetryJob: PostgresPreparedStatement {
    public var id: Int

    public init(id: Int) { self.id = id }

    public var query: PostgresQuery {
        """
        UPDATE jobs SET state = 'available', run_at = greatest(run_at, now()), attempt = 0, finished_at = NULL, last_error = NULL
        WHERE id = \(id) AND state IN ('discarded', 'cancelled', 'completed')
        RETURNING run_at
        """
    }

    public func decode(_ row: PostgresRow) throws -> Date { try row.decode(Date.self, "run_at") }
}
