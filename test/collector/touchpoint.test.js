// The touchpoint filter (touchpoint=<Likert question>): the responses that answered that question,
// on every page of GET /v1/responses and in the analysis routes; a bad value is a 400 naming it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { batch, response, startCollector } from './support.js';

let t;
before(async () => {
  t = await startCollector();
});
after(async () => {
  await t?.close();
});

const survey = () => `tp-${randomUUID().slice(0, 8)}`;
const likert = (value) => ({ type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 });
const nps = (value) => ({ type: 'nps', value, category: value > 8 ? 'promoter' : value > 6 ? 'passive' : 'detractor' });

/**
 * 30 responses a day apart: i % 3 === 0 answered delivery (a Likert score), i % 3 === 1 did not, and
 * i % 3 === 2 has a text answer named delivery (not a touchpoint). NPS is i % 11.
 */
function responses(s) {
  return Array.from({ length: 30 }, (_, i) => {
    const value = i % 11;
    const r = response({ surveyId: s, nps: value, createdAt: new Date(Date.UTC(2026, 9, 1 + i, 3)).toISOString(), context: { orderId: `T${i}` } });
    r.answers = { nps: value, comment: '物流' };
    r.scores = { nps: nps(value), comment: { type: 'text', length: 2 } };
    if (i % 3 === 0) {
      r.answers.delivery = 1 + (i % 5);
      r.scores.delivery = likert(1 + (i % 5));
    }
    if (i % 3 === 2) {
      r.answers.delivery = '放门口了';
      r.scores.delivery = { type: 'text', length: 4 };
    }
    return r;
  });
}

/** Every page of a listing, in order. */
async function all(path) {
  const out = [];
  let cursor = '';
  let pages = 0;
  do {
    const a = await t.admin(`${path}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(a.status, 200, a.text);
    out.push(...a.body.responses.map((r) => r.context.orderId));
    cursor = a.body.nextCursor;
    pages++;
  } while (cursor);
  return { ids: out, pages };
}

describe('touchpoint=', () => {
  test('GET /v1/responses: the responses that answered the Likert question, on every page, newest first', async () => {
    const s = survey();
    assert.equal((await t.post(batch(responses(s)))).status, 200);
    // i = 0, 3, …, 27 answered delivery: 10 responses, newest (i = 27) first; 3 per page → 4 pages (3 + 3 + 3 + 1).
    const expected = Array.from({ length: 10 }, (_, k) => `T${27 - 3 * k}`);
    const got = await all(`/v1/responses?survey=${s}&touchpoint=delivery&limit=3`);
    assert.deepEqual(got.ids, expected);
    assert.equal(got.pages, 4);
    // Without the filter: all 30 (the text answer named delivery and the unanswered ones too).
    assert.equal((await all(`/v1/responses?survey=${s}&limit=100`)).ids.length, 30);
    // With category=detractor: NPS i % 11 ≤ 6 among i = 0, 3, …, 27 → i % 11 = 0, 3, 6, 9, 1, 4, 7, 10, 2, 5 → i = 0, 3, 6, 12, 15, 24, 27.
    const det = await all(`/v1/responses?survey=${s}&touchpoint=delivery&category=detractor&limit=2`);
    assert.deepEqual(det.ids, ['T27', 'T24', 'T15', 'T12', 'T6', 'T3', 'T0']);
    // A question nobody answered is a typo, refused as a question name is; the NPS (a score, but not a Likert one): nothing.
    const typo = await t.admin(`/v1/responses?survey=${s}&touchpoint=packaging`);
    assert.equal(typo.status, 400, typo.text);
    assert.match(typo.body.error, /^parameter touchpoint: no response answers "packaging"/);
    assert.deepEqual((await all(`/v1/responses?survey=${s}&touchpoint=nps`)).ids, []);
  });

  test('the analysis routes take it too: the summary counts only the responses that answered it', async () => {
    const s = survey();
    assert.equal((await t.post(batch(responses(s)))).status, 200);
    const a = await t.admin(`/v1/summary?survey=${s}&touchpoint=delivery`);
    assert.equal(a.status, 200, a.text);
    // 10 responses answered delivery (i = 0, 3, …, 27); of them promoters (NPS 9 or 10): i % 11 = 9 (i = 9), 10 (i = 21) → 2.
    assert.equal(a.body.n, 10);
    assert.equal(a.body.nps.promoters, 2);
    assert.equal(a.body.csat.delivery.n, 10);
  });

  test('a bad value is a 400 naming the parameter', async () => {
    for (const qs of ['touchpoint=', `touchpoint=${encodeURIComponent('deli\u0000very')}`, `touchpoint=${'x'.repeat(201)}`, 'touchpoint=a&touchpoint=b']) {
      const a = await t.admin(`/v1/responses?${qs}`);
      assert.equal(a.status, 400, qs);
      assert.match(a.body.error, /touchpoint/, qs);
    }
  });
});
