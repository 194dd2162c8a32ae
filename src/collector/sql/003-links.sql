-- Signed email links (--link-secret): whether a response's link verified, and why not. NULL: no link,
-- or no secret configured. An unverified response is kept and listed, never counted.
ALTER TABLE koubei_responses ADD COLUMN link_status text CHECK (link_status IN ('verified', 'unverified'));
ALTER TABLE koubei_responses ADD COLUMN link_reason text;
CREATE INDEX koubei_responses_unverified ON koubei_responses (created_at DESC, id DESC) WHERE link_status = 'unverified';
