/// Project codes are unique regardless of case (`C-1` and `c-1` cannot both exist) and start
/// with a letter or a digit (a code such as `-x` reads as a flag on the command line).
///
/// A database that already breaks either rule is not changed: the migration stops and names
/// the codes to rename, since picking a winner between two projects is a person's decision.
enum Migration0007 {
    static let sql = #"""
    DO $$
    DECLARE
        odd   text;
        clash text;
    BEGIN
        SELECT string_agg(code, ', ' ORDER BY code) INTO odd FROM projects WHERE code !~ '^[A-Za-z0-9]';
        IF odd IS NOT NULL THEN
            RAISE EXCEPTION 'project codes must start with a letter or a digit; rename these before migrating: %', odd;
        END IF;
        SELECT string_agg(codes, '; ') INTO clash FROM (
            SELECT string_agg(code, ', ' ORDER BY code) AS codes FROM projects GROUP BY lower(code) HAVING count(*) > 1
        ) same;
        IF clash IS NOT NULL THEN
            RAISE EXCEPTION 'project codes must differ by more than case; rename one of each before migrating: %', clash;
        END IF;
    END
    $$;
    ALTER TABLE projects ADD CONSTRAINT projects_code_start_check CHECK (code ~ '^[A-Za-z0-9]');
    CREATE UNIQUE INDEX projects_code_folded_key ON projects (lower(code));
    """#
}
