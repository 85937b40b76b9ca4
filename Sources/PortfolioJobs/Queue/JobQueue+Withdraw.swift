import Postgres

extension JobQueue {
    /// Deletes a job that no worker has started yet, as if it had never been enqueued: for a
    /// command that queued it and then gave up waiting. A job already running or finished is
    /// left alone.
    ///
    /// - Returns: whether the job was withdrawn.
    public func withdraw(_ id: Int) throws -> Bool {
        try connection.query("DELETE FROM jobs WHERE id = $1 AND state = 'available' AND attempt = 0", id).affectedRows == 1
    }
}
