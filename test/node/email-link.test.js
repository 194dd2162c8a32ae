// Signed email links (dist/email.js, WebCrypto) checked against HMAC-SHA256
// computed here with node:crypto's createHmac and with openssl on the command
// line: three implementations must agree on every byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { LINK_PARAMS, responseIdFor, signLink, verifyContext, verifyLink } from '../../dist/email.js';
import { responseSchema } from '../../dist/schema.js';
import { responseSchema as liteResponseSchema } from '../../dist/schema-lite.js';
import { validResponse } from './fixtures.js';

const SECRET = 'test-secret-0123456789abcdef';
const KEYS = { k1: SECRET };
// 2027-01-01T00:00:00Z = 1798761600 (`date -u -d @1798761600`).
const EXP = 1798761600;
const BEFORE = new Date('2026-12-01T00:00:00Z');
// responseIdFor('A-1001', SECRET), worked out below from openssl's HMAC.
const RID = 'c6ffe627-c213-8bb6-b5bd-5f2482f53237';
const FIELDS = { surveyId: 'post-purchase', responseId: RID, score: 7, expiresAt: EXP, keyId: 'k1' };
const URL0 = 'https://shop.example/survey';

/** The canonical string as the README states it, built here by hand. */
const canonical = (f) => ['koubei.link.v1', f.keyId, f.surveyId, f.responseId, String(f.score), String(f.expiresAt)].join('\n');
const nodeSig = (f, secret = SECRET) => createHmac('sha256', secret).update(canonical(f), 'utf8').digest('base64url');
const params = (link) => Object.fromEntries(new URL(link).searchParams);
/** The link with one parameter set to a new value (or removed with null), through URLSearchParams. */
function withParam(link, name, value) {
  const u = new URL(link);
  if (value === null) u.searchParams.delete(name);
  else u.searchParams.set(name, value);
  return u.href;
}

describe('signLink', () => {
  it('adds the score and sid, rid, kid, exp, sig in that order, the sig matching openssl and node:crypto', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    // printf 'koubei.link.v1\nk1\npost-purchase\nc6ffe627-c213-8bb6-b5bd-5f2482f53237\n7\n1798761600' \
    //   | openssl dgst -sha256 -hmac 'test-secret-0123456789abcdef' -binary | base64 | tr '+/' '-_' | tr -d '='
    const openssl = 'sUFkX10qh9DH_lygN6kZOe7naCyRAE_ivAqcELocdjQ';
    assert.equal(nodeSig(FIELDS), openssl);
    assert.equal(link, `${URL0}?nps=7&sid=post-purchase&rid=${RID}&kid=k1&exp=1798761600&sig=${openssl}`);
    assert.deepEqual(LINK_PARAMS, { surveyId: 'sid', responseId: 'rid', keyId: 'kid', expiresAt: 'exp', signature: 'sig' });
  });

  it('signs the score: each score has its own sig, each matching node:crypto', async () => {
    const sigs = [];
    for (let score = 0; score <= 10; score++) {
      const p = params(await signLink(URL0, { ...FIELDS, score }, SECRET));
      assert.equal(p.nps, String(score));
      assert.equal(p.sig, nodeSig({ ...FIELDS, score }));
      sigs.push(p.sig);
    }
    assert.equal(new Set(sigs).size, 11);
    // The same openssl command with score 0 in place of 7.
    assert.equal(sigs[0], 'd95OynvDB4DAOAGiBNnVgNNuRi1es1EEPKtX3uK-CTw');
  });

  it('signs decoded values: a survey id with Chinese, spaces and & is percent-encoded in the link but signed as text', async () => {
    const f = { ...FIELDS, surveyId: '春季 回访&A' };
    const link = await signLink(`${URL0}?src=mail#top`, f, SECRET, { name: 'score' });
    assert.match(link, /^https:\/\/shop\.example\/survey\?src=mail&score=7&sid=%E6%98%A5%E5%AD%A3%20%E5%9B%9E%E8%AE%BF%26A&/);
    assert.match(link, /#top$/);
    assert.equal(params(link).sig, nodeSig(f));
    assert.equal(params(link).src, 'mail');
  });

  it('takes the expiry as a Date, an ISO string or unix seconds, all to the same exp', async () => {
    const links = await Promise.all(
      [new Date('2027-01-01T00:00:00Z'), '2027-01-01T08:00:00+08:00', '2027-01-01T00:00:00.999Z', EXP].map((expiresAt) => signLink(URL0, { ...FIELDS, expiresAt }, SECRET)),
    );
    // .999 s rounds down: the link expires at the second, never later than asked.
    for (const l of links) assert.equal(params(l).exp, '1798761600');
  });

  it('refuses bad fields, secrets and URLs with an error naming the argument, never showing the secret', async () => {
    const cases = [
      [{ surveyId: 'a\nb' }, TypeError, /surveyId must be 1 to 200 characters without line breaks/],
      [{ surveyId: 'a\u2028b' }, TypeError, /surveyId/],
      [{ surveyId: '' }, TypeError, /surveyId/],
      [{ responseId: 'order-1' }, TypeError, /responseId must be a UUID/],
      [{ score: 11 }, RangeError, /score must be an integer from 0 to 10, got 11/],
      [{ score: 7.5 }, RangeError, /score/],
      [{ score: '7' }, RangeError, /score/],
      [{ keyId: 'k 1' }, TypeError, /keyId must be 1 to 64 of/],
      [{ keyId: 'k1\n' }, TypeError, /keyId/],
      [{ expiresAt: Date.UTC(2027, 0, 1) }, RangeError, /unix seconds, got 1798761600000 \(milliseconds\? divide by 1000\)/],
      [{ expiresAt: '2027-01-01' }, TypeError, /ISO 8601 date-time with Z or an offset/],
      [{ expiresAt: '2027-01-01T00:00:00' }, TypeError, /ISO 8601/],
      [{ expiresAt: new Date('nope') }, RangeError, /expiresAt is not a valid date/],
      [{ expiresAt: 1.5 }, TypeError, /must be an integer/],
    ];
    for (const [change, type, message] of cases) {
      await assert.rejects(signLink(URL0, { ...FIELDS, ...change }, SECRET), (e) => e instanceof type && message.test(e.message), JSON.stringify(change));
    }
    await assert.rejects(signLink(URL0, FIELDS, 'short-secret'), (e) => e instanceof RangeError && /secret must be at least 16 bytes/.test(e.message) && !e.message.includes('short-secret'));
    await assert.rejects(signLink(URL0, FIELDS, 42), /secret must be a string, Uint8Array or ArrayBuffer/);
    await assert.rejects(signLink(`${URL0}?sig=x`, FIELDS, SECRET), /already has a "sig" parameter/);
    await assert.rejects(signLink('/survey', FIELDS, SECRET), /url must be an absolute URL/);
    await assert.rejects(signLink(URL0, FIELDS, SECRET, { name: 'kid' }), /"kid" is a signature parameter/);
  });

  it('accepts the secret as bytes: the same sig as its UTF-8 string', async () => {
    const bytes = new TextEncoder().encode(SECRET);
    assert.equal(await signLink(URL0, FIELDS, bytes), await signLink(URL0, FIELDS, SECRET));
    assert.equal(await signLink(URL0, FIELDS, bytes.buffer), await signLink(URL0, FIELDS, SECRET));
  });
});

describe('verifyLink', () => {
  it('accepts a genuine link and gives its fields', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    assert.deepEqual(await verifyLink(link, KEYS, { now: BEFORE }), { valid: true, reason: null, fields: FIELDS });
    // A URL object and a bare query are read alike.
    assert.equal((await verifyLink(new URL(link), KEYS, { now: BEFORE })).valid, true);
    assert.equal((await verifyLink(new URL(link).search, KEYS, { now: BEFORE })).valid, true);
  });

  it('rejects a tampered score, response id, survey id, expiry, key id or sig as mismatch', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    const other = await signLink(URL0, { ...FIELDS, score: 10 }, SECRET);
    const tampered = [
      withParam(link, 'nps', '10'),
      withParam(link, 'rid', 'c6ffe627-c213-8bb6-b5bd-5f2482f53238'),
      withParam(link, 'sid', 'post-purchase-2'),
      withParam(link, 'exp', String(EXP + 86400)),
      withParam(link, 'exp', String(EXP - 1)),
      // The sig of score 10 on the link of score 7.
      withParam(link, 'sig', params(other).sig),
      // The last character's two unused bits set: same bytes, other text; refused as not the canonical encoding.
      withParam(link, 'sig', params(link).sig.slice(0, -1) + 'R'),
    ];
    for (const t of tampered) {
      const r = await verifyLink(t, KEYS, { now: BEFORE });
      assert.equal(r.valid, false, t);
      assert.equal(r.reason, 'mismatch', t);
    }
    // The same link signed by another key listed under k1.
    assert.equal((await verifyLink(link, { k1: 'another-secret-0123456789' }, { now: BEFORE })).reason, 'mismatch');
  });

  it('rejects a key id it does not hold as unknown-key', async () => {
    const link = await signLink(URL0, { ...FIELDS, keyId: 'k0' }, SECRET);
    const r = await verifyLink(link, KEYS, { now: BEFORE });
    assert.equal(r.reason, 'unknown-key');
    assert.equal(r.fields.keyId, 'k0');
    // An inherited property is not a key.
    assert.equal((await verifyLink(withParam(link, 'kid', 'constructor'), KEYS, { now: BEFORE })).reason, 'unknown-key');
  });

  it('is valid until the second of exp and expired from it on', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    // exp 1798761600 s = 1798761600000 ms.
    assert.equal((await verifyLink(link, KEYS, { now: 1798761600000 - 1 })).valid, true);
    const r = await verifyLink(link, KEYS, { now: new Date('2027-01-01T00:00:00Z') });
    assert.deepEqual(r, { valid: false, reason: 'expired', fields: FIELDS });
    assert.equal((await verifyLink(link, KEYS)).reason, Date.now() >= 1798761600000 ? 'expired' : null, 'the default clock is Date.now()');
    // An expired link that was also tampered with is a mismatch: expired is said only of genuine links.
    assert.equal((await verifyLink(withParam(link, 'nps', '9'), KEYS, { now: new Date('2027-02-01T00:00:00Z') })).reason, 'mismatch');
  });

  it('names a missing parameter missing and a badly written one malformed', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    for (const n of ['nps', 'sid', 'rid', 'kid', 'exp', 'sig']) {
      assert.equal((await verifyLink(withParam(link, n, null), KEYS, { now: BEFORE })).reason, 'missing', n);
      assert.equal((await verifyLink(withParam(link, n, ''), KEYS, { now: BEFORE })).reason, 'missing', `${n}=`);
    }
    assert.equal((await verifyLink(URL0, KEYS)).reason, 'missing');
    const malformed = [
      ['nps', '07'],
      ['nps', '11'],
      ['nps', ' 7'],
      ['rid', 'not-a-uuid'],
      ['kid', 'k 1'],
      ['exp', '01798761600'],
      ['exp', '+1798761600'],
      ['exp', '1798761600000'],
      ['sid', 'post\npurchase'],
      ['sig', params(link).sig.slice(1)],
      ['sig', params(link).sig + 'A'],
      ['sig', params(link).sig.replace(/.$/, '=')],
    ];
    for (const [n, v] of malformed) assert.equal((await verifyLink(withParam(link, n, v), KEYS, { now: BEFORE })).reason, 'malformed', `${n}=${v}`);
    // A parameter twice: which one a page reads is not ours to guess.
    assert.equal((await verifyLink(`${link}&nps=7`, KEYS, { now: BEFORE })).reason, 'malformed');
  });

  it('rotates keys: an old key verifies while it is listed, and not after', async () => {
    const NEW = 'new-secret-fedcba9876543210';
    const oldLink = await signLink(URL0, FIELDS, SECRET);
    const newLink = await signLink(URL0, { ...FIELDS, keyId: 'k2' }, NEW);
    const both = new Map([['k1', SECRET], ['k2', NEW]]);
    assert.equal((await verifyLink(oldLink, both, { now: BEFORE })).valid, true);
    assert.equal((await verifyLink(newLink, both, { now: BEFORE })).valid, true);
    assert.equal((await verifyLink(oldLink, { k2: NEW }, { now: BEFORE })).reason, 'unknown-key');
    // The old link relabelled as k2: the new key does not sign it.
    assert.equal((await verifyLink(withParam(oldLink, 'kid', 'k2'), both, { now: BEFORE })).reason, 'mismatch');
    await assert.rejects(verifyLink(oldLink, { k1: 'short' }, { now: BEFORE }), /keys\["k1"\] must be at least 16 bytes/);
    await assert.rejects(verifyLink(oldLink, null), /keys must be an object or Map/);
  });

  it('verifies a link re-encoded as QQ Mail does, once unwrapped to its target', async () => {
    const f = { ...FIELDS, surveyId: '春季 回访' };
    const link = await signLink(URL0, f, SECRET);
    // QQ Mail's safety page carries the whole target percent-encoded in its own query.
    const wrapped = `https://mail.qq.com/cgi-bin/readtemplate?t=safety&check=false&gourl=${encodeURIComponent(link)}`;
    assert.doesNotMatch(wrapped, /sig=/);
    const target = new URL(wrapped).searchParams.get('gourl');
    assert.equal(target, link);
    // The same target as a browser may receive it after the wrapper re-encodes it: raw UTF-8, + for space,
    // lower-case hex, and - and _ of the sig escaped.
    const { sig } = params(link);
    const reencoded = [
      `${URL0}?nps=7&sid=春季 回访&rid=${RID}&kid=k1&exp=${EXP}&sig=${sig}`,
      `${URL0}?nps=7&sid=%e6%98%a5%e5%ad%a3+%e5%9b%9e%e8%ae%bf&rid=${RID}&kid=k1&exp=${EXP}&sig=${sig}`,
      `${URL0}?nps=%37&sid=%E6%98%A5%E5%AD%A3%20%E5%9B%9E%E8%AE%BF&rid=${RID}&kid=%6B1&exp=${EXP}&sig=${sig.replace(/-/g, '%2D').replace(/_/g, '%5F')}`,
    ];
    for (const r of reencoded) {
      const wrappedAgain = `https://mail.qq.com/cgi-bin/readtemplate?t=safety&gourl=${encodeURIComponent(r)}`;
      const out = await verifyLink(new URL(wrappedAgain).searchParams.get('gourl'), KEYS, { now: BEFORE });
      assert.deepEqual(out, { valid: true, reason: null, fields: { ...f, expiresAt: EXP } }, r);
    }
    // The check is on the target: the wrapper itself carries none of the parameters.
    assert.equal((await verifyLink(wrapped, KEYS, { now: BEFORE })).reason, 'missing');
  });
});

/** What the landing page stores: context from the listed URL parameters, as contextFromUrl does, and its answers. */
function landed(link, { id, answer } = {}) {
  const search = new URL(link).searchParams;
  const context = {};
  for (const n of ['rid', 'kid', 'exp', 'sig']) if (search.get(n)) context[n] = search.get(n);
  context.orderId = 'A-1001';
  const nps = answer ?? Number(search.get('nps'));
  // Scores that match the answers, as the schemas require.
  const scores = { nps: { type: 'nps', value: nps, category: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor' }, comment: { type: 'text', length: 1 } };
  return { ...validResponse(), surveyId: 'post-purchase', id: id ?? search.get('rid'), answers: { nps, comment: '快' }, scores, context };
}

describe('verifyContext', () => {
  it('accepts a response from a signed link: surveyId, id, answers.nps and context.kid/exp/sig', async () => {
    const r = landed(await signLink(URL0, FIELDS, SECRET));
    assert.deepEqual(await verifyContext(r, KEYS, { now: BEFORE }), { valid: true, reason: null, fields: FIELDS });
    // The stored response passes the schema as it is.
    assert.equal(responseSchema.safeParse(r).success, true);
  });

  it('rejects a response with another id, survey or score', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    const otherId = 'c6ffe627-c213-8bb6-b5bd-5f2482f53238';
    // Another id than the link's rid.
    assert.equal((await verifyContext(landed(link, { id: otherId }), KEYS, { now: BEFORE })).reason, 'mismatch');
    // Another id, and rid not kept in context: the MAC over the new id fails.
    const noRid = landed(link, { id: otherId });
    delete noRid.context.rid;
    assert.equal((await verifyContext(noRid, KEYS, { now: BEFORE })).reason, 'mismatch');
    assert.equal((await verifyContext({ ...landed(link), surveyId: 'another' }, KEYS, { now: BEFORE })).reason, 'mismatch');
    assert.equal((await verifyContext({ ...landed(link), context: { ...landed(link).context, sid: 'another' } }, KEYS, { now: BEFORE })).reason, 'mismatch');
    assert.equal((await verifyContext({ ...landed(link), context: { ...landed(link).context, exp: String(EXP + 1) } }, KEYS, { now: BEFORE })).reason, 'mismatch');
  });

  it('says score-changed, with the clicked score, when the customer changed the score on the page', async () => {
    const r = await verifyContext(landed(await signLink(URL0, FIELDS, SECRET), { answer: 9 }), KEYS, { now: BEFORE });
    assert.deepEqual(r, { valid: false, reason: 'score-changed', fields: FIELDS });
    // Cleared on the page: no answer at all.
    const cleared = landed(await signLink(URL0, { ...FIELDS, score: 0 }, SECRET));
    delete cleared.answers.nps;
    assert.deepEqual(await verifyContext(cleared, KEYS, { now: BEFORE }), { valid: false, reason: 'score-changed', fields: { ...FIELDS, score: 0 } });
  });

  it('says missing, malformed, unknown-key and expired as verifyLink does', async () => {
    const link = await signLink(URL0, FIELDS, SECRET);
    const r = landed(link);
    assert.equal((await verifyContext({ ...r, context: { orderId: 'A-1001' } }, KEYS, { now: BEFORE })).reason, 'missing');
    assert.equal((await verifyContext({ ...r, context: undefined }, KEYS, { now: BEFORE })).reason, 'missing');
    assert.equal((await verifyContext({ ...r, context: { ...r.context, exp: 'soon' } }, KEYS, { now: BEFORE })).reason, 'malformed');
    // Not strings, as in a body never checked against the schema.
    assert.equal((await verifyContext({ ...r, context: { ...r.context, exp: EXP } }, KEYS, { now: BEFORE })).reason, 'malformed');
    assert.equal((await verifyContext({ ...r, id: 42 }, KEYS, { now: BEFORE })).reason, 'malformed');
    assert.equal((await verifyContext(r, { k2: SECRET }, { now: BEFORE })).reason, 'unknown-key');
    assert.equal((await verifyContext(r, KEYS, { now: new Date('2027-01-02T00:00:00Z') })).reason, 'expired');
    // Expired and changed: expired wins, it is what the customer must be told.
    assert.equal((await verifyContext(landed(link, { answer: 3 }), KEYS, { now: new Date('2027-01-02T00:00:00Z') })).reason, 'expired');
    const likert = landed(await signLink(URL0, FIELDS, SECRET, { name: 'score' }));
    likert.answers = { score: 7 };
    assert.equal((await verifyContext(likert, KEYS, { now: BEFORE, name: 'score' })).valid, true);
  });
});

describe('responseIdFor', () => {
  it('is the first 16 bytes of HMAC-SHA256(secret, "koubei.order.v1\\nA-1001") with version 8 and variant bits', async () => {
    // printf 'koubei.order.v1\nA-1001' | openssl dgst -sha256 -hmac 'test-secret-0123456789abcdef'
    //   → c6ffe627c213abb6b5bd5f2482f53237 8ebf856d…; byte 6: 0xab → (0xab & 0x0f) | 0x80 = 0x8b;
    //   byte 8: 0xb5 → (0xb5 & 0x3f) | 0x80 = 0xb5.
    const hex = createHmac('sha256', SECRET).update('koubei.order.v1\nA-1001').digest('hex');
    assert.equal(hex.slice(0, 32), 'c6ffe627c213abb6b5bd5f2482f53237');
    assert.equal(await responseIdFor('A-1001', SECRET), RID);
    // The same arithmetic on node:crypto's bytes for other orders.
    for (const order of ['A-1002', '订单-7788', 'x'.repeat(200)]) {
      const b = createHmac('sha256', SECRET).update(`koubei.order.v1\n${order}`).digest().subarray(0, 16);
      b[6] = (b[6] & 0x0f) | 0x80;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = b.toString('hex');
      assert.equal(await responseIdFor(order, SECRET), `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
    }
  });

  it('is the same for an order every time, differs by order and by secret, and passes z.uuid() and schema-lite', async () => {
    assert.equal(await responseIdFor('A-1001', SECRET), await responseIdFor('A-1001', SECRET));
    assert.notEqual(await responseIdFor('A-1002', SECRET), RID);
    assert.notEqual(await responseIdFor('A-1001', 'another-secret-0123456789'), RID);
    for (const order of ['A-1001', 'B-2', '订单-7788']) {
      const id = await responseIdFor(order, SECRET);
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const r = { ...validResponse(), id };
      assert.equal(responseSchema.safeParse(r).success, true, `zod: ${id}`);
      assert.equal(liteResponseSchema.safeParse(r).success, true, `schema-lite: ${id}`);
    }
  });

  it('refuses an email address, a mailer placeholder, a line break and a short secret', async () => {
    await assert.rejects(responseIdFor('wang.li@example.com', SECRET), /looks like an email address/);
    await assert.rejects(responseIdFor('{{order_id}}', SECRET), /is a mailer placeholder/);
    await assert.rejects(responseIdFor('*|ORDER|*', SECRET), /is a mailer placeholder/);
    await assert.rejects(responseIdFor('A\n1', SECRET), /without line breaks/);
    await assert.rejects(responseIdFor('', SECRET), /orderId must be 1 to 200 characters/);
    await assert.rejects(responseIdFor('A-1001', 'tiny'), (e) => e instanceof RangeError && !e.message.includes('tiny'));
  });
});
