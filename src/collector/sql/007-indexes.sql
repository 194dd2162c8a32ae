-- Every index on the responses is written on every ingested response. Two of them served no route that
-- could not be served otherwise:
-- - (survey_id, created_at, id): a list or export of one survey now walks koubei_responses_created and
--   skips the other surveys' rows; a page of 50 of a survey holding a tenth of the responses reads some
--   500 index entries.
-- - (order_id): an erasure, access request or list by order id finds its responses through koubei_facts
--   (one row per response, kept by the same statements), whose index for the counting rule now leads
--   with order_id, so it answers the order alone as well as (order, survey).
DROP INDEX koubei_responses_survey_created;
DROP INDEX koubei_responses_order;
CREATE INDEX koubei_facts_order_survey ON koubei_facts (order_id, survey_id) WHERE order_id IS NOT NULL;
DROP INDEX koubei_facts_order;
ALTER INDEX koubei_facts_order_survey RENAME TO koubei_facts_order;
