-- One row per response id, at its highest revision. The columns beside the JSON are what filters,
-- pagination, follow-up and retention read, so they can use an index.
CREATE TABLE koubei_responses (
  id uuid PRIMARY KEY,
  survey_id text NOT NULL,
  revision integer NOT NULL,
  complete boolean NOT NULL,
  created_at timestamptz NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  locale text NOT NULL,
  order_id text,
  nps smallint,
  nps_category text,
  answers jsonb NOT NULL,
  scores jsonb NOT NULL,
  context jsonb NOT NULL,
  redactions jsonb NOT NULL DEFAULT '{}',
  needs_follow_up boolean NOT NULL DEFAULT false,
  follow_up_status text CHECK (follow_up_status IN ('open', 'done')),
  follow_up_note text,
  follow_up_at timestamptz
);
CREATE INDEX koubei_responses_created ON koubei_responses (created_at DESC, id DESC);
CREATE INDEX koubei_responses_survey_created ON koubei_responses (survey_id, created_at DESC, id DESC);
CREATE INDEX koubei_responses_order ON koubei_responses (order_id) WHERE order_id IS NOT NULL;
CREATE INDEX koubei_responses_follow_up ON koubei_responses (created_at) WHERE needs_follow_up;

-- The answer given to an Idempotency-Key, so a repeated key gets the same answer from any collector.
CREATE TABLE koubei_idempotency (
  key text PRIMARY KEY,
  fingerprint text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Follow-up webhooks, queued in the transaction that stored the response.
CREATE TABLE koubei_notifications (
  id bigserial PRIMARY KEY,
  response_id uuid NOT NULL,
  payload jsonb NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  delivered_at timestamptz,
  failed_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX koubei_notifications_due ON koubei_notifications (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;
