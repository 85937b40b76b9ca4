import Postgres

/// Cancels a waiting or running job, noting who did.
public struct CancelJob: PostgresPreparedStatement {
    public var id: Int
    public var actor: String

    public init(id: Int, actor: String) {
        self.id = id
        self.actor = actor
    }

    public var query: PostgresQuery {
        """
        UPDATE jobs SET state = 'cancelled', finished_at = now(), owner = NULL, lease_expires_at = NULL,
               last_error = coalesce(last_error || '; ', '') || 'cancelled by ' || \(actor)
        WHERE id = \(id) AND state IN ('available', 'running')
        """
    }
}
