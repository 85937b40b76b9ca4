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
    public func transaction<T>(
        isolation: IsolationLevel = .readCommitted, _ body: (Connection) throws -> T
    ) throws -> T {
        if isInTransaction {
            return try savepoint(body)
        }
        try execute(script: isolation == .readCommitted ? "BEGIN" : "BEGIN ISOLATION LEVEL \(isolation.rawValue)")
        let value: T
        do {
            value = try body(self)
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
        do {
            try execute(script: "COMMIT")
        } catch {
            try? execute(script: "ROLLBACK")
            throw error
        }
        return value
    }

    private func savepoint<T>(_ body: (Connection) throws -> T) throws -> T {
        try execute(script: "SAVEPOINT portfolio_nested")
        do {
            let value = try body(self)
            try execute(script: "RELEASE SAVEPOINT portfolio_nested")
            return value
        } catch {
            try? execute(script: "ROLLBACK TO SAVEPOINT portfolio_nested; RELEASE SAVEPOINT portfolio_nested")
            throw error
        }
    }
}
