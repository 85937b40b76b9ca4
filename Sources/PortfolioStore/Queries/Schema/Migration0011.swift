/// The ledger: money that flows after the signature, one row per transaction, append-only.
///
/// A transaction belongs to a project and a lender financing it, in its own currency, on its
/// value date (never after the database's date). A lender's commitment is its part of the
/// project's value, increased by `commitment` and reduced by `cancellation` transactions;
/// its disbursements may not exceed it unless the transaction is forced with a note (it is then
/// reported as over-disbursed). Amounts in another currency than the project's are compared at
/// the rate of their value date (half to even, as the application converts). A reference is
/// unique per project, so an import can be run again without doubling anything.
enum Migration0011 {
    static let sql = #"""
    CREATE TABLE ledger_transactions (
        id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        project_id   bigint NOT NULL REFERENCES projects (id),
        lender_id    bigint NOT NULL REFERENCES lenders (id),
        type         text NOT NULL
                     CHECK (type IN ('commitment', 'disbursement', 'repayment', 'interest', 'cancellation')),
        amount_minor bigint NOT NULL CHECK (amount_minor BETWEEN 1 AND 999999999999999999),
        currency     char(3) NOT NULL REFERENCES currencies (code),
        value_date   date NOT NULL CHECK (value_date BETWEEN DATE '1900-01-01' AND DATE '2200-12-31'),
        reference    text CHECK (length(reference) BETWEEN 1 AND 200 AND reference = btrim(reference)),
        note         text CHECK (length(note) <= 2000),
        forced       boolean NOT NULL DEFAULT false,
        actor        text NOT NULL CHECK (length(actor) BETWEEN 1 AND 200),
        recorded_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT ledger_transactions_forced_note CHECK (NOT forced OR coalesce(length(btrim(note)), 0) > 0),
        CONSTRAINT ledger_transactions_reference_key UNIQUE (project_id, reference)
    );
    CREATE INDEX ledger_transactions_project_idx ON ledger_transactions (project_id, lender_id, value_date);
    CREATE INDEX ledger_transactions_lender_idx ON ledger_transactions (lender_id, value_date);
    CREATE TRIGGER ledger_transactions_append_only BEFORE UPDATE OR DELETE ON ledger_transactions
        FOR EACH ROW EXECUTE FUNCTION refuse_change();

    -- x rounded to a whole number, half to even.
    CREATE FUNCTION round_half_even(x numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
        SELECT CASE WHEN abs(x - trunc(x)) = 0.5
                    THEN trunc(x) + CASE WHEN mod(trunc(x), 2) = 0 THEN 0 ELSE sign(x) END
                    ELSE round(x) END
    $$;

    -- An amount in minor units of `from_currency` in minor units of `to_currency` at the rate
    -- of the latest date on or before `on_date`; NULL when there is no such rate.
    CREATE FUNCTION ledger_convert(amount bigint, from_currency char(3), to_currency char(3), on_date date)
    RETURNS numeric LANGUAGE sql STABLE AS $$
        SELECT CASE WHEN from_currency = to_currency THEN amount::numeric ELSE (
            SELECT round_half_even(amount * r.rate * power(10::numeric, t.minor_digits - f.minor_digits))
            FROM fx_rates r, currencies f, currencies t
            WHERE r.currency = from_currency AND r.quote = to_currency AND r.rate_date <= on_date
              AND f.code = from_currency AND t.code = to_currency
            ORDER BY r.rate_date DESC LIMIT 1) END
    $$;

    CREATE FUNCTION check_ledger_transaction() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        project_currency char(3);
        part bigint;
        committed numeric;
        disbursed numeric;
    BEGIN
        -- One writer at a time per project, so two disbursements cannot both pass the check.
        SELECT p.currency INTO project_currency FROM projects p WHERE p.id = NEW.project_id FOR NO KEY UPDATE;
        -- A reference recorded already is reported as such, before any other rule.
        IF NEW.reference IS NOT NULL AND EXISTS (
            SELECT 1 FROM ledger_transactions t WHERE t.project_id = NEW.project_id AND t.reference = NEW.reference) THEN
            RAISE EXCEPTION 'project % has a transaction with reference % already', NEW.project_id, NEW.reference
                USING ERRCODE = 'unique_violation', CONSTRAINT = 'ledger_transactions_reference_key';
        END IF;
        SELECT pl.part_minor INTO part FROM project_lenders pl
         WHERE pl.project_id = NEW.project_id AND pl.lender_id = NEW.lender_id;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'lender % does not finance project %', NEW.lender_id, NEW.project_id
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_lender_finances_project';
        END IF;
        IF NEW.value_date > current_date THEN
            RAISE EXCEPTION 'a transaction on % is in the future', NEW.value_date
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_not_in_future';
        END IF;
        IF ledger_convert(NEW.amount_minor, NEW.currency, project_currency, NEW.value_date) IS NULL THEN
            RAISE EXCEPTION 'no % rate into % on or before %', NEW.currency, project_currency, NEW.value_date
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_rate_known';
        END IF;
        IF NEW.forced OR NEW.type NOT IN ('disbursement', 'cancellation') THEN
            RETURN NEW;
        END IF;
        SELECT part + coalesce(sum(CASE t.type WHEN 'commitment' THEN 1 WHEN 'cancellation' THEN -1 ELSE 0 END
                                   * ledger_convert(t.amount_minor, t.currency, project_currency, t.value_date)), 0),
               coalesce(sum(ledger_convert(t.amount_minor, t.currency, project_currency, t.value_date))
                        FILTER (WHERE t.type = 'disbursement'), 0)
          INTO committed, disbursed
          FROM (SELECT type, amount_minor, currency, value_date FROM ledger_transactions
                 WHERE project_id = NEW.project_id AND lender_id = NEW.lender_id
                UNION ALL SELECT NEW.type, NEW.amount_minor, NEW.currency, NEW.value_date) t;
        IF disbursed > committed THEN
            RAISE EXCEPTION 'disbursements of lender % to project % would be % minor units, above its commitment of %',
                NEW.lender_id, NEW.project_id, disbursed, committed
                USING ERRCODE = 'check_violation', CONSTRAINT = 'ledger_transactions_within_commitment';
        END IF;
        RETURN NEW;
    END $$;

    CREATE TRIGGER ledger_transactions_check BEFORE INSERT ON ledger_transactions
        FOR EACH ROW EXECUTE FUNCTION check_ledger_transaction();
    """#
}
