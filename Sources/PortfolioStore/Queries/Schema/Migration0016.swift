/// Readers that show the portfolio live (the server's dashboard) learn of changes as they
/// commit: a statement that records an action, a status change, a ledger transaction or a
/// rollup snapshot notifies `portfolio_changes` with the table's name (PostgreSQL folds the
/// notifications of one transaction that say the same).
enum Migration0016 {
    static let sql = #"""
    CREATE FUNCTION notify_portfolio_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_notify('portfolio_changes', TG_TABLE_NAME);
        RETURN NULL;
    END
    $$;
    CREATE TRIGGER audit_log_notify AFTER INSERT ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION notify_portfolio_change();
    CREATE TRIGGER status_history_notify AFTER INSERT ON status_history
        FOR EACH STATEMENT EXECUTE FUNCTION notify_portfolio_change();
    CREATE TRIGGER ledger_transactions_notify AFTER INSERT ON ledger_transactions
        FOR EACH STATEMENT EXECUTE FUNCTION notify_portfolio_change();
    CREATE TRIGGER rollup_snapshots_notify AFTER INSERT ON rollup_snapshots
        FOR EACH STATEMENT EXECUTE FUNCTION notify_portfolio_change();
    """#
}
