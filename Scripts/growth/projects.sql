-- 10,000 projects named GRW-00001 … GRW-10000, each as the program writes one: the project, two
-- lenders whose shares add up to 10000 with exact parts (values are whole multiples of 10000
-- minor units), and one entry in every field's history. Each project has a first status
-- (pledged, on its value date) and its current one 2000 days later; the history added by
-- grow.sql falls strictly between the two, so the current status stays the last one.
\set ON_ERROR_STOP on
BEGIN;
CREATE TEMP TABLE growth_lenders AS SELECT array_agg(id ORDER BY id) AS ids, array_agg(name ORDER BY id) AS names FROM lenders;

INSERT INTO projects (code, name, sector_code, status, value_minor, currency, value_date, start_date, location)
SELECT format('GRW-%s', lpad(g::text, 5, '0')), format('Growth project %s', g),
       (ARRAY['energy', 'manufacturing', 'agriculture', 'logistics', 'other'])[1 + g % 5],
       (ARRAY['committed', 'ongoing', 'finished', 'suspended', 'ongoing', 'finished', 'cancelled', 'pledged'])[1 + g % 8],
       (1000 + g % 9000)::bigint * 1000000, 'USD', date '2005-01-01' + (g % 5000), date '2005-03-01' + (g % 5000),
       format('Region %s', g % 50)
FROM generate_series(1, 10000) g;

CREATE TEMP TABLE growth_projects AS
SELECT p.id, p.code, p.status, p.value_minor, p.value_date, p.sector_code, row_number() OVER (ORDER BY p.id) AS rn
FROM projects p WHERE p.code LIKE 'GRW-%';

INSERT INTO project_lenders (project_id, lender_id, share_bp, part_minor)
SELECT gp.id, l.ids[1 + (gp.rn + k) % cardinality(l.ids)], CASE k WHEN 0 THEN 6000 ELSE 4000 END,
       gp.value_minor / 10000 * CASE k WHEN 0 THEN 6000 ELSE 4000 END
FROM growth_projects gp, growth_lenders l, generate_series(0, 1) k;

INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, actor)
SELECT id, NULL, 'pledged', value_date, 'growth load', 'growth' FROM growth_projects ORDER BY id;
INSERT INTO status_history (project_id, from_status, to_status, effective_date, note, actor)
SELECT id, 'pledged', status, value_date + 2000, 'growth load', 'growth' FROM growth_projects ORDER BY id;
INSERT INTO value_history (project_id, value_minor, currency, value_date, effective_date, actor)
SELECT id, value_minor, 'USD', value_date, value_date, 'growth' FROM growth_projects ORDER BY id;
INSERT INTO sector_history (project_id, sector_code, effective_date, actor)
SELECT id, sector_code, value_date, 'growth' FROM growth_projects ORDER BY id;
INSERT INTO lender_history (project_id, lender_names, lender_shares, effective_date, actor)
SELECT gp.id, array_agg(l.name ORDER BY pl.share_bp DESC, l.name), array_agg(pl.share_bp ORDER BY pl.share_bp DESC, l.name),
       gp.value_date, 'growth'
FROM growth_projects gp JOIN project_lenders pl ON pl.project_id = gp.id JOIN lenders l ON l.id = pl.lender_id
GROUP BY gp.id, gp.value_date ORDER BY gp.id;
INSERT INTO detail_history (project_id, name, start_date, end_date, location, description, effective_date, actor)
SELECT p.id, p.name, p.start_date, p.end_date, p.location, p.description, p.value_date, 'growth'
FROM projects p JOIN growth_projects gp ON gp.id = p.id ORDER BY p.id;
INSERT INTO audit_log (actor, action, entity, entity_key, after)
SELECT 'growth', 'project.add', 'project', code, jsonb_build_object('status', status, 'value', value_minor::text)
FROM growth_projects ORDER BY id;
-- The rollup learns of the projects as it learns of an import: a full recomputation.
INSERT INTO rollup_deltas (reset, reason) VALUES (true, 'growth load of 10,000 projects');
COMMIT;
