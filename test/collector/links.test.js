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
async function fromLink(survey, score, { secret = NEW, keyId = 'k2026', expiresAt = '2099-01-01T00:00:00Z', complete = true, confirmed = 'pointer', tamper, revision = 1, orderId } = {}) {
  const id = randomUUID();
  const url = new URL(await signLink('https://shop.example/survey', { surveyId: survey, responseId: id, score, expiresAt, keyId, orderId }, secret));
  const p = Object.fromEntries(url.searchParams);
  const category = score > 8 ? 'promoter' : score > 6 ? 'passive' : 'detractor';
  const r = response({ id, surveyId: survey, nps: score, complete, revision, context: { orderId: p['order-id'] ?? `L-${id.slice(0, 6)}`, rid: p.rid, kid: p.kid, exp: p.exp, sig: p.sig, ...(confirmed ? { confirmed } : {}) } });
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

test('a tampered link never replaces the verified answer of the same response id; a verified revision does', async () => {
  const s = `links-${randomUUID().slice(0, 6)}`;
  // Order A1001: the customer clicked 3 in the email and submitted the page (complete, verified): a call back.
  const real = await fromLink(s, 3, { revision: 100, orderId: 'A1001' });
  const first = await t.post(batch([real]));
  assert.equal(first.status, 200, first.text);
  assert.equal(first.body.keptOut, 0);
  const [before] = await stored(t, s);
  assert.deepEqual(before.link, { status: 'verified', reason: null });
  const flip = (v) => v.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));

  // The same link with one character of sig changed, or the order id, exp or kid, posts a higher revision of the same id.
  const tampers = {
    sig: (r) => (r.context.sig = flip(r.context.sig)),
    orderId: (r) => (r.context.orderId = 'A1002'),
    exp: (r) => (r.context.exp = String(Number(r.context.exp) + 1)),
    kid: (r) => (r.context.kid = 'k2025'),
    'no sig': (r) => delete r.context.sig,
  };
  let revision = 100;
  for (const [name, tamper] of Object.entries(tampers)) {
    const forged = structuredClone(real);
    forged.revision = ++revision;
    forged.answers.nps = 10;
    forged.scores.nps = { type: 'nps', value: 10, category: 'promoter' };
    tamper(forged);
    const a = await t.post(batch([forged]));
    assert.equal(a.status, 200, `${name}: acknowledged, so the browser does not retry it forever: ${a.text}`);
    assert.deepEqual(a.body, { accepted: 1, ids: [real.id], stored: 0, keptOut: 1 }, name);
    const log = t.events.filter((e) => e.event === 'ingest').at(-1);
    assert.equal(log.keptOut, 1, name);
    const [row] = await stored(t, s);
    assert.deepEqual(row, before, `${name}: the stored response is unchanged`);
  }
  const queue = (await t.admin(`/v1/follow-ups?survey=${s}`)).body.followUps.map((r) => r.id);
  assert.deepEqual(queue, [real.id], 'still waiting for a call');
  const summary = await t.admin(`/v1/summary?survey=${s}`);
  assert.equal(summary.body.n, 1, 'still counted');

  // One batch holding the real revision and a tampered higher one: the same.
  const s2 = `links-${randomUUID().slice(0, 6)}`;
  const other = await fromLink(s2, 2, { revision: 7 });
  const forged = structuredClone(other);
  forged.revision = 8;
  forged.context.sig = flip(forged.context.sig);
  const both = await t.post(batch([other, forged]));
  assert.deepEqual(both.body, { accepted: 1, ids: [other.id], stored: 1, keptOut: 1 });
  assert.deepEqual((await stored(t, s2))[0].link, { status: 'verified', reason: null });

  // The customer coming back and changing the score on the page is verified (score-changed): it replaces the answer.
  const changed = structuredClone(real);
  changed.revision = 200;
  changed.answers.nps = 8;
  changed.scores.nps = { type: 'nps', value: 8, category: 'passive' };
  const c = await t.post(batch([changed]));
  assert.deepEqual(c.body, { accepted: 1, ids: [real.id], stored: 1, keptOut: 0 });
  const [after] = await stored(t, s);
  assert.equal(after.revision, 200);
  assert.equal(after.answers.nps, 8);
  assert.deepEqual(after.link, { status: 'verified', reason: 'score-changed' });
});

test('a verified revision replaces a stored unverified one by the highest revision, and a tampered one replaces a tampered one', async () => {
  const s = `links-${randomUUID().slice(0, 6)}`;
  const real = await fromLink(s, 9, { revision: 5 });
  const forged = structuredClone(real);
  forged.revision = 4;
  forged.context.sig = forged.context.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  assert.equal((await t.post(batch([forged]))).body.stored, 1);
  assert.equal((await stored(t, s))[0].link.status, 'unverified');
  const again = structuredClone(forged);
  again.revision = 6;
  again.answers.comment = '改了';
  assert.deepEqual((await t.post(batch([again]))).body, { accepted: 1, ids: [real.id], stored: 1, keptOut: 0 });
  real.revision = 7;
  assert.deepEqual((await t.post(batch([real]))).body, { accepted: 1, ids: [real.id], stored: 1, keptOut: 0 });
  const [row] = await stored(t, s);
  assert.equal(row.revision, 7);
  assert.deepEqual(row.link, { status: 'verified', reason: null });
});

test('a verified revision replaces a forged one whatever its revision, and takes nothing of it', async () => {
  const s = `links-${randomUUID().slice(0, 6)}`;
  const real = await fromLink(s, 2, { revision: 100, complete: false, orderId: 'A2001' });
  // Someone holding the email posts revision 2147483647 under its rid first, with a forged sig and a comment.
  const forged = structuredClone(real);
  forged.revision = 2147483647;
  forged.complete = true;
  forged.context.sig = forged.context.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  forged.answers.comment = '伪造的评论';
  forged.scores.comment = { type: 'text', length: 5 };
  assert.equal((await t.post(batch([forged]))).body.stored, 1);
  assert.equal((await stored(t, s))[0].link.status, 'unverified');
  // The customer's real click: a verified partial of a lower revision replaces it, keeping none of its answers.
  assert.deepEqual((await t.post(batch([real]))).body, { accepted: 1, ids: [real.id], stored: 1, keptOut: 0 });
  const [row] = await stored(t, s);
  assert.deepEqual(row.link, { status: 'verified', reason: null });
  assert.equal(row.revision, 100);
  assert.equal(row.complete, false);
  assert.deepEqual(row.answers, real.answers);
  assert.notEqual(row.answers.comment, '伪造的评论');
  // The forged one again: kept out now.
  assert.deepEqual((await t.post(batch([forged]))).body, { accepted: 1, ids: [real.id], stored: 0, keptOut: 1 });

  // The same within one batch: the forged higher revision first, the verified one after it.
  const s2 = `links-${randomUUID().slice(0, 6)}`;
  const mine = await fromLink(s2, 9, { revision: 3 });
  const theirs = structuredClone(mine);
  theirs.revision = 9;
  theirs.context.sig = theirs.context.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
  const both = await t.post(batch([theirs, mine]));
  assert.equal(both.body.stored, 1, both.text);
  const [kept] = await stored(t, s2);
  assert.deepEqual([kept.revision, kept.link.status], [3, 'verified']);
});
