/// API tokens for `portfolio-server`: a name and the SHA-256 of the token, never the token
/// itself; a revoked token is kept, marked, so its name stays taken and the log stays readable.
enum Migration0015 {
    static let sql = #"""
    CREATE TABLE api_tokens (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name       text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
        hash       bytea NOT NULL UNIQUE CHECK (length(hash) = 32),
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL CHECK (length(created_by) BETWEEN 1 AND 200),
        revoked_at timestamptz
    );
    """#
}
