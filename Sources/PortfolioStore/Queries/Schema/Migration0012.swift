/// The history of a project's descriptive fields — name, start and end dates, location and
/// description — effective-dated and stamped with when it was recorded, append-only like the
/// other histories. Each row holds all five as they became; existing projects get one row
/// with their current fields, effective from the day they entered the portfolio (what they were
/// before cannot be known).
enum Migration0012 {
    static let sql = #"""
    CREATE TABLE detail_history (
        id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id     bigint NOT NULL REFERENCES projects (id),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        start_date     date,
        end_date       date,
        location       text CHECK (length(location) <= 200),
        description    text CHECK (length(description) <= 2000),
        effective_date date NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor          text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
    );
    CREATE INDEX detail_history_project_idx ON detail_history (project_id, id);
    CREATE TRIGGER detail_history_append_only BEFORE UPDATE OR DELETE ON detail_history
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

    INSERT INTO detail_history (project_id, name, start_date, end_date, location, description, effective_date, recorded_at, actor)
    SELECT p.id, p.name, p.start_date, p.end_date, p.location, p.description,
           coalesce((SELECT min(effective_date) FROM status_history h WHERE h.project_id = p.id), p.value_date),
           p.created_at, 'migration 12'
    FROM projects p ORDER BY p.id;
    """#
}
