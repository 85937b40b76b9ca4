import CLibPQ

extension Connection {
    /// Transaction isolation levels.
    public enum IsolationLevel: String, Sendable {
        case readCommitted = "READ COMMITTED"
        case repeatableRead = "REPEATABLE READ"
        case serializable = "SERIALIZABLE"
    }

    /// Runs `body` in a transaction: commits when it returns, rolls back when it throws.
    ///
    /// Called inside another transaction, it runs in a savepoint, so an inner failure undoes
    /// only the inner work.
    ///
    /// - Throws: whatever `body` throws; `PostgresError` of kind `.server` with SQLSTATE
    ///   `40000` when a statement inside failed and `body` returned anyway (the server rolls
    ///   such a transaction back, so nothing of it is kept); `.usage` when `body` ended the
    ///   transaction itself with COMMIT or ROLLBACK.
    @available(*, noasync)
    public func transaction<T>(
        isolation: IsolationLevel = .readCommitted, _ body: (Connection) throws -> T
    ) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        let begin = isolation == .readCommitted ? "BEGIN" : "BEGIN ISOLATION LEVEL \(isolation.rawValue)"
        try execute(script: begin + transactionSettings)
        let value: T
        do {
            value = try body(self)
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
        do {
            try commit()
        } catch {
            if isInTransaction { try? execute(script: "ROLLBACK") }
            throw error
        }
        return value
    }

    /// Commits the open transaction and checks that the server really committed it.
    ///
    /// An aborted transaction's COMMIT succeeds at the protocol level but answers with the
    /// command tag `ROLLBACK`; that, or a transaction already in the failed state, is thrown
    /// as SQLSTATE `40000`.
    private func commit() throws {
        switch transactionStatus {
        case .inError:
            throw PostgresError.rolledBackAtCommit
        case .idle:
            throw PostgresError(
                .usage, "the transaction was ended inside its body (by COMMIT or ROLLBACK); its outcome is not known")
        case .inTransaction, .active, .unknown:
            break
        }
        let tag = try withHandle { pointer in
            let result = PQexec(pointer, "COMMIT")
            guard let result else { throw connectionError(pointer) }
            let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
            _ = try consume(result, pointer)
            return tag
        }
        guard tag == "COMMIT" else { throw PostgresError.rolledBackAtCommit }
    }

    private func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute(script: "SAVEPOINT portfolio_nested")
        do {
            let value = try body(self)
            if transactionStatus == .inError {
                throw PostgresError(
                    .server, "the nested transaction was rolled back because a statement in it failed",
                    sqlState: SQLState.transactionRollback)
            }
            try execute(script: "RELEASE SAVEPOINT portfolio_nested")
            return value
        } catch {
            try? execute(script: "ROLLBACK TO SAVEPOINT portfolio_nested; RELEASE SAVEPOINT portfolio_nested")
            throw error
        }
    }
}

extension PostgresError {
    /// A transaction whose COMMIT the server turned into a rollback.
    static let rolledBackAtCommit = PostgresError(
        .server, "the transaction was rolled back at COMMIT because a statement in it failed",
        sqlState: SQLState.transactionRollback)
}
