// A signed link carries the order id, signed (dist/email.js): the landing page's context-params="order-id,..."
// gives the response context.orderId, which the collector's follow-up queue is per, and changing order-id on the
// link or in the response fails verification. Links signed without an order id (koubei.link.v1) still verify.
// End to end in Node: renderEmailNps / signLink / the CLI -> URL -> the landing page's context -> verifyLink and
// verifyContext. The landing page itself is test/email/order-landing.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { ORDER_PARAM, renderEmailNps, responseIdFor, signLink, verifyContext, verifyLink } from '../../dist/email.js';

const SECRET = 'test-secret-0123456789abcdef';
const KEYS = { k1: SECRET };
const EXP = 1798761600; // 2027-01-01T00:00:00Z
const NOW = new Date('2026-12-01T00:00:00Z');
const RID = 'c6ffe627-c213-8bb6-b5bd-5f2482f53237'; // responseIdFor('A-1001', SECRET)
const FIELDS = { surveyId: 'post-purchase', responseId: RID, score: 3, expiresAt: EXP, keyId: 'k1' };
const URL0 = 'https://shop.example/survey';

const v2 = (f, orderId) => createHmac('sha256', SECRET).update(['koubei.link.v2', f.keyId, f.surveyId, f.responseId, String(f.score), String(f.expiresAt), orderId].join('\n')).digest('base64url');
function withParam(link, name, value) {
  const u = new URL(link);
  if (value === null) u.searchParams.delete(name);
  else u.searchParams.set(name, value);
  return u.href;
}
/** The response a landing page with context-params="order-id,rid,kid,exp,sig" sends (contextFromUrl camelCases). */
function landed(link, answer) {
  const p = new URL(link).searchParams;
  const context = { page: URL0, referrer: '' };
  for (const [param, key] of [['order-id', 'orderId'], ['rid', 'rid'], ['kid', 'kid'], ['exp', 'exp'], ['sig', 'sig']]) if (p.get(param)) context[key] = p.get(param);
  return { surveyId: p.get('sid'), id: p.get('rid'), answers: { nps: answer ?? Number(p.get('nps')) }, context };
}

describe('signed links carry the order id, signed', () => {
  it('signLink with orderId: order-id on the link, a v2 MAC over the six v1 lines and the order id', async () => {
    assert.equal(ORDER_PARAM, 'order-id');
    const link = await signLink(URL0, { ...FIELDS, orderId: 'A-1001' }, SECRET);
    const p = new URL(link).searchParams;
    assert.deepEqual([...p.keys()], ['nps', 'sid', 'rid', 'order-id', 'kid', 'exp', 'sig']);
    assert.equal(p.get('order-id'), 'A-1001');
    assert.equal(p.get('sig'), v2(FIELDS, 'A-1001'));
    assert.deepEqual(await verifyLink(link, KEYS, { now: NOW }), { valid: true, reason: null, fields: { ...FIELDS, orderId: 'A-1001' } });
  });

  it('a changed, removed or doubled order-id fails verifyLink', async () => {
    const link = await signLink(URL0, { ...FIELDS, orderId: 'A-1001' }, SECRET);
    assert.equal((await verifyLink(withParam(link, 'order-id', 'A-1002'), KEYS, { now: NOW })).reason, 'mismatch');
    assert.equal((await verifyLink(withParam(link, 'order-id', null), KEYS, { now: NOW })).reason, 'mismatch');
    assert.equal((await verifyLink(`${link}&order-id=A-1002`, KEYS, { now: NOW })).reason, 'malformed');
    // Re-encoded on the way (QQ Mail's safety page): the decoded value is what is signed.
    const zh = await signLink(URL0, { ...FIELDS, orderId: '订单 1001' }, SECRET);
    assert.equal((await verifyLink(zh.replace('%20', '+'), KEYS, { now: NOW })).fields.orderId, '订单 1001');
  });

  it('signLink refuses a bad order id, and a URL that already has order-id', async () => {
    await assert.rejects(signLink(URL0, { ...FIELDS, orderId: 'A\n1' }, SECRET), /signLink: orderId must be 1 to 200 characters without line breaks/);
    await assert.rejects(signLink(URL0, { ...FIELDS, orderId: '{{order_id}}' }, SECRET), /orderId "\{\{order_id\}\}" is a mailer placeholder/);
    await assert.rejects(signLink(`${URL0}?order-id=A-1`, { ...FIELDS, orderId: 'A-1001' }, SECRET), /already has a "order-id" parameter/);
    await assert.rejects(signLink(URL0, FIELDS, SECRET, { name: 'order-id' }), /"order-id" is a signature parameter/);
  });

  it('links signed without an order id still verify, with or without an unsigned order-id beside them (no fields.orderId then)', async () => {
    const old = await signLink(URL0, FIELDS, SECRET);
    assert.equal(new URL(old).searchParams.has('order-id'), false);
    assert.deepEqual(await verifyLink(old, KEYS, { now: NOW }), { valid: true, reason: null, fields: FIELDS });
    // As renderEmailNps({ params: { 'order-id': ... } }) wrote them before: valid, the order id not vouched for.
    const withOrder = withParam(old, 'order-id', 'A-1001');
    assert.deepEqual(await verifyLink(withOrder, KEYS, { now: NOW }), { valid: true, reason: null, fields: FIELDS });
    const r = landed(withOrder);
    assert.deepEqual(await verifyContext(r, KEYS, { now: NOW }), { valid: true, reason: null, fields: FIELDS });
    // Another score's v1 MAC (the customer changed the score) is still found beside an order id.
    assert.deepEqual(await verifyContext(landed(withOrder, 9), KEYS, { now: NOW }), { valid: false, reason: 'score-changed', fields: FIELDS });
  });

  it('renderEmailNps -> link -> landing page context -> verifyContext: the response carries the order id, and a changed one fails', async () => {
    const { links } = await renderEmailNps({ surveyUrl: URL0, surveyId: 'post-purchase', orderId: 'A-1001', sign: { secret: SECRET, keyId: 'k1', expiresAt: EXP } });
    const rid = await responseIdFor('A-1001', SECRET);
    for (const [n, link] of links.entries()) {
      const r = landed(link);
      assert.equal(r.context.orderId, 'A-1001', `link ${n}`);
      assert.equal(r.id, rid);
      assert.deepEqual(await verifyContext(r, KEYS, { now: NOW }), { valid: true, reason: null, fields: { surveyId: 'post-purchase', responseId: rid, score: n, keyId: 'k1', expiresAt: EXP, orderId: 'A-1001' } });
    }
    const r = landed(links[3]);
    assert.equal((await verifyContext({ ...r, context: { ...r.context, orderId: 'A-1002' } }, KEYS, { now: NOW })).reason, 'mismatch');
    const { orderId: _, ...noOrder } = r.context;
    assert.equal((await verifyContext({ ...r, context: noOrder }, KEYS, { now: NOW })).reason, 'mismatch', 'a landing page without order-id in context-params');
    // The detractor changed the score on the page: still the signed order id's link.
    assert.deepEqual(await verifyContext(landed(links[3], 6), KEYS, { now: NOW }), { valid: false, reason: 'score-changed', fields: { surveyId: 'post-purchase', responseId: rid, score: 3, keyId: 'k1', expiresAt: EXP, orderId: 'A-1001' } });
  });

  it('renderEmailNps: params["order-id"] equal to orderId is not repeated; another value is refused', async () => {
    const base = { surveyUrl: URL0, surveyId: 'post-purchase', orderId: 'A-1001', sign: { secret: SECRET, keyId: 'k1', expiresAt: EXP } };
    const { links } = await renderEmailNps({ ...base, params: { 'order-id': 'A-1001', src: 'mail' } });
    assert.deepEqual(new URL(links[0]).searchParams.getAll('order-id'), ['A-1001']);
    assert.equal((await verifyLink(links[0], KEYS, { now: NOW })).fields.orderId, 'A-1001');
    await assert.rejects(renderEmailNps({ ...base, params: { 'order-id': 'A-9' } }), /params\.order-id is not orderId; each signed link carries orderId as order-id, signed/);
    await assert.rejects(renderEmailNps({ ...base, surveyUrl: `${URL0}?order-id=A-1001` }), /surveyUrl: the URL already has a "order-id" parameter/);
  });

  it('npx koubei email-nps --order-id: each link carries it, signed', async () => {
    const r = spawnSync(process.execPath, ['bin/koubei.js', 'email-nps', '--url', URL0, '--survey-id', 'post-purchase', '--order-id', 'A-1001', '--key-id', 'k1', '--secret-env', 'KOUBEI_TEST_SECRET', '--text'], {
      encoding: 'utf8',
      env: { ...process.env, KOUBEI_TEST_SECRET: SECRET },
    });
    assert.equal(r.status, 0, r.stderr);
    const links = r.stdout.match(/https:\/\/\S+/g);
    assert.equal(links.length, 11);
    for (const link of links) {
      assert.equal(new URL(link).searchParams.get('order-id'), 'A-1001');
      assert.equal((await verifyLink(link, KEYS)).fields.orderId, 'A-1001');
      assert.equal((await verifyLink(withParam(link, 'order-id', 'A-1002'), KEYS)).reason, 'mismatch');
    }
  });
});
