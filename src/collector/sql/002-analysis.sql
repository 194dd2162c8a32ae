-- The analysis routes count each order once (COUNTED in analytics.ts): a response loses to a better one
-- for the same (survey_id, order_id). Comparing every response with its order's others costs an index
-- probe per row (15 s on a million); almost every order has one response, so this table counts the
-- responses per order and the rule compares only within the few orders that have several.
-- Kept exact by statement triggers (one statement per ingested batch, not one per row).
CREATE TABLE koubei_order_responses (
  survey_id text NOT NULL,
  order_id text NOT NULL,
  responses integer NOT NULL,
  PRIMARY KEY (survey_id, order_id)
);
CREATE INDEX koubei_order_responses_shared ON koubei_order_responses (survey_id, order_id) WHERE responses > 1;
INSERT INTO koubei_order_responses (survey_id, order_id, responses)
  SELECT survey_id, order_id, count(*) FROM koubei_responses WHERE order_id <> '' GROUP BY 1, 2;

-- Adds each row's `delta` to its (survey, order), in key order so concurrent batches lock alike and
-- cannot deadlock, then drops the orders left with none (retention, erasure).
CREATE FUNCTION koubei_order_responses_add(changes jsonb) RETURNS void LANGUAGE sql AS $$
  INSERT INTO koubei_order_responses AS o (survey_id, order_id, responses)
  SELECT x.survey_id, x.order_id, sum(x.delta)::int FROM jsonb_to_recordset(changes) AS x(survey_id text, order_id text, delta int)
  WHERE x.order_id <> '' GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (survey_id, order_id) DO UPDATE SET responses = o.responses + excluded.responses;
  DELETE FROM koubei_order_responses o
  USING (SELECT DISTINCT x.survey_id, x.order_id FROM jsonb_to_recordset(changes) AS x(survey_id text, order_id text, delta int) WHERE x.delta < 0) AS k
  WHERE o.survey_id = k.survey_id AND o.order_id = k.order_id AND o.responses <= 0;
$$;

CREATE FUNCTION koubei_order_responses_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM koubei_order_responses_add((SELECT coalesce(jsonb_agg(jsonb_build_object('survey_id', survey_id, 'order_id', order_id, 'delta', 1)), '[]') FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM koubei_order_responses_add((SELECT coalesce(jsonb_agg(jsonb_build_object('survey_id', survey_id, 'order_id', order_id, 'delta', -1)), '[]') FROM old_rows));
  ELSE
    -- A new revision may move a response to another order (rare): take it from the old, give it to the new.
    PERFORM koubei_order_responses_add((
      SELECT coalesce(jsonb_agg(x), '[]') FROM (
        SELECT jsonb_build_object('survey_id', p.survey_id, 'order_id', p.order_id, 'delta', -1) AS x
          FROM old_rows p JOIN new_rows n USING (id)
         WHERE (p.survey_id, p.order_id) IS DISTINCT FROM (n.survey_id, n.order_id)
        UNION ALL
        SELECT jsonb_build_object('survey_id', n.survey_id, 'order_id', n.order_id, 'delta', 1)
          FROM old_rows p JOIN new_rows n USING (id)
         WHERE (p.survey_id, p.order_id) IS DISTINCT FROM (n.survey_id, n.order_id)
      ) AS moved));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER koubei_order_responses_insert AFTER INSERT ON koubei_responses
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION koubei_order_responses_sync();
CREATE TRIGGER koubei_order_responses_update AFTER UPDATE ON koubei_responses
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION koubei_order_responses_sync();
CREATE TRIGGER koubei_order_responses_delete AFTER DELETE ON koubei_responses
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION koubei_order_responses_sync();
