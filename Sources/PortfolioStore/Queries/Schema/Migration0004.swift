/// Each lender's part of its project's value, kept with the share: the project's value split by
/// the shares with the largest-remainder method (`LenderShare.split`), in the project's currency.
/// The parts add up exactly to the value, so a lender's exposure is a plain sum, and a full
/// rollup in the reporting currency needs no per-project arithmetic. The application computes
/// the parts; the database checks at commit that they add up to the value and that each is its
/// share rounded down or one minor unit more.
enum Migration0004 {
    static let sql = #"""
    ALTER TABLE project_lenders ADD COLUMN part_minor bigint;
    -- Check the shares as the rows are filled in, so no check waits for the ALTERs below.
    SET CONSTRAINTS project_shares_total IMMEDIATE;

    WITH parts AS (
        SELECT pl.project_id, pl.lender_id,
               floor(p.value_minor::numeric * pl.share_bp / 10000) AS base,
               mod(p.value_minor::numeric * pl.share_bp, 10000) AS remainder,
               row_number() OVER (PARTITION BY pl.project_id
                                  ORDER BY mod(p.value_minor::numeric * pl.share_bp, 10000) DESC, l.name COLLATE "C") AS rank,
               p.value_minor - sum(floor(p.value_minor::numeric * pl.share_bp / 10000)) OVER (PARTITION BY pl.project_id) AS leftover
        FROM project_lenders pl
        JOIN projects p ON p.id = pl.project_id
        JOIN lenders l ON l.id = pl.lender_id
    )
    UPDATE project_lenders pl SET part_minor = (parts.base + CASE WHEN parts.rank <= parts.leftover THEN 1 ELSE 0 END)::bigint
    FROM parts WHERE parts.project_id = pl.project_id AND parts.lender_id = pl.lender_id;

    ALTER TABLE project_lenders ALTER COLUMN part_minor SET NOT NULL;
    ALTER TABLE project_lenders ADD CONSTRAINT project_lenders_part_check CHECK (part_minor >= 0);

    CREATE OR REPLACE FUNCTION check_project_shares() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        pid bigint;
        value bigint;
        shares bigint;
        parts numeric;
        stray bigint;
    BEGIN
        IF TG_TABLE_NAME = 'projects' THEN
            pid := NEW.id;
        ELSIF TG_OP = 'DELETE' THEN
            pid := OLD.project_id;
        ELSE
            pid := NEW.project_id;
        END IF;
        SELECT p.value_minor, coalesce(sum(pl.share_bp), 0), coalesce(sum(pl.part_minor), 0),
               count(*) FILTER (WHERE pl.part_minor::numeric - floor(p.value_minor::numeric * pl.share_bp / 10000) NOT IN (0, 1))
          INTO value, shares, parts, stray
          FROM projects p LEFT JOIN project_lenders pl ON pl.project_id = p.id
         WHERE p.id = pid GROUP BY p.id;
        IF NOT FOUND THEN
            RETURN NULL;
        END IF;
        IF shares <> 10000 THEN
            RAISE EXCEPTION 'lender shares of project % add up to % basis points, not 10000', pid, shares
                USING ERRCODE = 'check_violation', CONSTRAINT = 'project_lenders_shares_total';
        END IF;
        IF parts <> value OR stray > 0 THEN
            RAISE EXCEPTION 'lender parts of project % add up to %, not its value %, or are not its shares of it', pid, parts, value
                USING ERRCODE = 'check_violation', CONSTRAINT = 'project_lenders_parts_total';
        END IF;
        RETURN NULL;
    END $$;

    -- Finds the few projects not in the reporting currency without reading the rest.
    CREATE INDEX projects_currency_idx ON projects (currency);

    CREATE CONSTRAINT TRIGGER project_value_parts
        AFTER UPDATE OF value_minor ON projects
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_project_shares();
    """#
}
