-- The analysis routes count each order once (the COUNTED rule in analytics.ts): a response is compared
-- with the other responses to its (survey_id, order_id), found through this index.
CREATE INDEX koubei_responses_survey_order ON koubei_responses (survey_id, order_id, complete, created_at, revision, id) WHERE order_id <> '';
