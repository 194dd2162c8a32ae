-- The ingest statement counts the responses it inserts per order itself (a CTE in the upsert): the
-- statement triggers of 002 captured every inserted row in a transition table and turned it into JSON
-- and back, a quarter of the cost of a write. Deletes keep their statement trigger. A new revision that
-- moves a response to another survey or order (rare) is counted by a row trigger that fires only then.
DROP TRIGGER koubei_order_responses_insert ON koubei_responses;
DROP TRIGGER koubei_order_responses_update ON koubei_responses;

CREATE FUNCTION koubei_order_responses_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM koubei_order_responses_add(jsonb_build_array(
    jsonb_build_object('survey_id', OLD.survey_id, 'order_id', OLD.order_id, 'delta', -1),
    jsonb_build_object('survey_id', NEW.survey_id, 'order_id', NEW.order_id, 'delta', 1)));
  RETURN NULL;
END $$;

CREATE TRIGGER koubei_order_responses_move AFTER UPDATE OF survey_id, order_id ON koubei_responses
  FOR EACH ROW WHEN (OLD.survey_id IS DISTINCT FROM NEW.survey_id OR OLD.order_id IS DISTINCT FROM NEW.order_id)
  EXECUTE FUNCTION koubei_order_responses_move();
