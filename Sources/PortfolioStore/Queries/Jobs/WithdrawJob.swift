import Postgres

/// Deletes a job no worker has started yet, as if it had never been enqueued.
public struct WithdrawJob: PostgresPreparedStatement {
    public var id: Int

    public init(id: Int) { self.id = id }

    public var query: PostgresQuery { "DELETE FROM jobs WHERE id = \(id) AND state = 'available' AND attempt = 0" }
}
