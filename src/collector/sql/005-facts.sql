-- What the analysis routes read, one narrow row per response: the columns the filters and the counting
-- rule use, and the NPS and Likert answers as small numbers. Scanning koubei_responses read about 1.3 KB
-- of JSON per row and took about 20 s over a million responses; this table is a tenth of that.
-- Written by the ingest statement beside the response (same transaction, same row lock), emptied by
-- the delete trigger below; a response's text, choices and follow-up stay in koubei_responses only.

-- {"nps": 9, "delivery": 405}: an NPS answer as its value (0-10), a Likert answer as value × 100 +
-- points (405: 4 on a 5-point scale). The schema holds a Likert score's satisfied and normalized to
-- its value and points, and an NPS category to its value, so nothing else needs keeping.
CREATE FUNCTION koubei_vals(scores jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(jsonb_object_agg(e.key, CASE e.value->>'type' WHEN 'nps' THEN (e.value->>'value')::int
    ELSE (e.value->>'value')::int * 100 + (e.value->>'points')::int END), '{}')
  FROM jsonb_each(scores) AS e WHERE e.value->>'type' IN ('nps', 'likert')
$$;

CREATE TABLE koubei_facts (
  id uuid PRIMARY KEY,
  survey_id text NOT NULL,
  created_at timestamptz NOT NULL,
  order_id text,
  complete boolean NOT NULL,
  revision integer NOT NULL,
  eligible boolean NOT NULL, -- koubei_eligible()
  nps_category text,
  link_status text,
  vals jsonb NOT NULL,
  context jsonb NOT NULL
);
-- The counting rule compares the responses of an order that has several.
CREATE INDEX koubei_facts_order ON koubei_facts (survey_id, order_id) WHERE order_id IS NOT NULL;

-- Counted at all: not a forged, tampered or expired email link, nor an email partial recorded without a
-- sign of a person (a mail scanner's click). Inlined by the planner.
CREATE FUNCTION koubei_eligible(complete boolean, link_status text, context jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT link_status IS DISTINCT FROM 'unverified' AND NOT (NOT complete AND context ? 'sig' AND coalesce(context->>'confirmed', '') = '')
$$;

-- The facts of the responses that have none: every response here, and rows a bulk load wrote directly.
CREATE FUNCTION koubei_facts_fill() RETURNS void LANGUAGE sql AS $$
  INSERT INTO koubei_facts (id, survey_id, created_at, order_id, complete, revision, eligible, nps_category, link_status, vals, context)
  SELECT id, survey_id, created_at, order_id, complete, revision, koubei_eligible(complete, link_status, context),
    nps_category, link_status, koubei_vals(scores), context
  FROM koubei_responses
  ON CONFLICT (id) DO NOTHING
$$;
SELECT koubei_facts_fill();

CREATE FUNCTION koubei_facts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM koubei_facts AS f USING old_rows AS o WHERE f.id = o.id;
  RETURN NULL;
END $$;

CREATE TRIGGER koubei_facts_delete AFTER DELETE ON koubei_responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION koubei_facts_delete();
