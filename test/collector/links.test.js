// Signed email links through the collector (--link-secret): a response that claims a link is verified
// before it is stored; a forged, tampered or expired one is kept as unverified with its reason, listed for
// the shop, asks nobody to call, and is never counted; rotation keeps old links valid while listed.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { signLink } from '../../dist/email.js';
import { batch, response, startCollector, stored } from './support.js';

const OLD = 'old-secret-0123456789abcdef';
const NEW = 'new-secret-0123456789abcdef';
let t;
before(async () => {
  t = await startCollector({ linkSecrets: { k2025: OLD, k2026: NEW } });
});
after(() => t?.close());

/** A response as the landing page posts it: the link's rid as id, kid/exp/sig in context. */
async function fromLink(survey, score, { secret = NEW, keyId = 'k2026', expiresAt = '2099-01-01T00:00:00Z', complete = true, confirmed = 'pointer', tamper } = {}) {
  const id = randomUUID();
  const url = new URL(await signLink('https://shop.example/survey', { surveyId: survey, responseId: id, score, expiresAt, keyId }, secret));
  const p = Object.fromEntries(url.searchParams);
  const category = score > 8 ? 'promoter' : score > 6 ? 'passive' : 'detractor';
  const r = response({ id, surveyId: survey, nps: score, complete, context: { orderId: `L-${id.slice(0, 6)}`, rid: p.rid, kid: p.kid, exp: p.exp, sig: p.sig, ...(confirmed ? { confirmed } : {}) } });
  r.scores.nps = { type: 'nps', value: score, category };
  tamper?.(r);
  return r;
}

test('verified, score changed on the page, tampered, expired, unknown key and rotation', async () => {
  const s = `links-${randomUUID().slice(0, 6)}`;
  const good = await fromLink(s, 3);
  const rotated = await fromLink(s, 9, { secret: OLD, keyId: 'k2025' });
  const changed = await fromLink(s, 4, {
    tamper: (r) => {
      r.answers.nps = 8; // the customer clicked 4 in the email, then chose 8 on the page
      r.scores.nps = { type: 'nps', value: 8, category: 'passive' };
    },
  });
  const tampered = await fromLink(s, 2, { tamper: (r) => (r.context.sig = r.context.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))) });
  const otherSurvey = await fromLink(s, 2, { tamper: (r) => (r.surveyId = `${s}-x`) });
  const expired = await fromLink(s, 1, { expiresAt: '2020-01-01T00:00:00Z' });
  const unknown = await fromLink(s, 1, { secret: 'yet-another-secret-0123456', keyId: 'k1999' });
  const noLink = response({ surveyId: s });
  const a = await t.post(batch([good, rotated, changed, tampered, otherSurvey, expired, unknown, noLink]));
  assert.equal(a.status, 200, a.text);
  assert.equal(a.body.accepted, 8, 'unverified responses are kept, not refused');
  const rows = new Map([...(await stored(t, s)), ...(await stored(t, `${s}-x`))].map((r) => [r.id, r]));
  assert.deepEqual(rows.get(good.id).link, { status: 'verified', reason: null });
  assert.deepEqual(rows.get(rotated.id).link, { status: 'verified', reason: null });
  assert.deepEqual(rows.get(changed.id).link, { status: 'verified', reason: 'score-changed' });
  assert.deepEqual(rows.get(tampered.id).link, { status: 'unverified', reason: 'mismatch' });
  assert.deepEqual(rows.get(otherSurvey.id).link, { status: 'unverified', reason: 'mismatch' });
  assert.deepEqual(rows.get(expired.id).link, { status: 'unverified', reason: 'expired' });
  assert.deepEqual(rows.get(unknown.id).link, { status: 'unverified', reason: 'unknown-key' });
  assert.equal(rows.get(noLink.id).link, null);

  // Listed for the shop, and never a call-back: a forged detractor asks nobody to call.
  const listed = await t.admin(`/v1/responses?survey=${s}&link=unverified&limit=100`);
  assert.deepEqual(listed.body.responses.map((r) => r.id).sort(), [tampered.id, expired.id, unknown.id].sort());
  const queue = (await t.admin(`/v1/follow-ups?survey=${s}`)).body.followUps.map((r) => r.id);
  assert.ok(queue.includes(good.id), 'a verified detractor waits for a call');
  for (const bad of [tampered, expired, unknown]) assert.ok(!queue.includes(bad.id));

  // Never counted: the summary sees good, rotated, changed and the response without a link (4 of 7).
  const summary = await t.admin(`/v1/summary?survey=${s}`);
  assert.equal(summary.status, 200, summary.text);
  assert.equal(summary.body.n, 4);
});

test('an email partial recorded before any sign of a person asks nobody to call', async () => {
  const s = `links-${randomUUID().slice(0, 6)}`;
  const scanner = await fromLink(s, 0, { complete: false, confirmed: null });
  const person = await fromLink(s, 0, { complete: false, confirmed: 'pointer' });
  await t.post(batch([scanner, person]));
  const queue = (await t.admin(`/v1/follow-ups?survey=${s}`)).body.followUps.map((r) => r.id);
  assert.deepEqual(queue, [person.id]);
  assert.equal((await t.admin(`/v1/summary?survey=${s}`)).body.n, 1, 'only the confirmed partial counts');
});

test('--link-secret values are checked at start', async () => {
  const { createCollector } = await import('../../dist/collector.js');
  await assert.rejects(createCollector({ linkSecrets: { k1: 'short' }, log: false }), /the secret of key id "k1" must be at least 16 bytes/);
  await assert.rejects(createCollector({ linkSecrets: { 'bad id': 'x'.repeat(20) }, log: false }), /key id "bad id"/);
});
