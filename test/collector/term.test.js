// GET /v1/responses?term=: the responses in which /v1/themes counts a term (the report's click on one), in either
// script, page after page; q stays a text search. On the database of this run.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { batch, startCollector } from './support.js';

let t;
before(async () => {
  t = await startCollector();
});
after(async () => t?.close());

let seq = 0;
function said(comment, value = 3) {
  seq++;
  return {
    id: randomUUID(),
    surveyId: 'post-purchase',
    createdAt: new Date(Date.UTC(2026, 10, 2, 2, 0, seq)).toISOString(),
    locale: 'zh-CN',
    answers: { nps: value, comment },
    scores: { nps: { type: 'nps', value, category: value > 8 ? 'promoter' : value > 6 ? 'passive' : 'detractor' }, comment: { type: 'text', length: [...comment].length } },
    context: { orderId: `T-${seq}` },
    complete: true,
    revision: 1,
  };
}

async function ok(path) {
  const r = await t.admin(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}
const comments = (body) => body.responses.map((r) => r.answers.comment);
/** Every page of a listing, following nextCursor. */
async function all(path) {
  const out = [];
  let cursor = '';
  for (let pages = 0; pages < 100; pages++) {
    const body = await ok(path + (cursor ? `&cursor=${cursor}` : ''));
    out.push(...comments(body));
    if (!body.nextCursor) return out;
    cursor = body.nextCursor;
  }
  throw new Error('more than 100 pages');
}

describe('term', () => {
  const texts = ['物流很快', '快递很慢，等了好几天', '快递员态度很好', '客服回复很慢', '很愉快的一次购物', '包装完好无损', '包裝破損了', 'The courier was late', 'Chocolate arrived melted'];
  before(async () => {
    const r = await t.post(batch(texts.map((c) => said(c))));
    assert.equal(r.status, 200, r.text);
  });

  test('lists the comments /v1/themes counts the term in, not every comment that holds its characters', async () => {
    assert.deepEqual(comments(await ok('/v1/responses?term=快')), ['物流很快']);
    // q is a text search: 快 is in 快递 and 愉快 too.
    assert.equal(comments(await ok('/v1/responses?q=快')).length, 4);
    assert.deepEqual(comments(await ok('/v1/responses?term=回复慢')), ['客服回复很慢']);
    assert.deepEqual(comments(await ok('/v1/responses?term=slow')).sort(), ['The courier was late', '快递很慢，等了好几天'].sort());
    const themes = await ok('/v1/themes?locale=zh-CN');
    for (const term of themes.terms) {
      const listed = await ok(`/v1/responses?term=${encodeURIComponent(term.term)}`);
      assert.equal(listed.responses.length, term.mentions, term.term);
    }
  });

  test('in either script or English: 包裝, 包装 and packaging list the same comments', async () => {
    const tw = comments(await ok('/v1/responses?term=' + encodeURIComponent('包裝')));
    tw.sort();
    assert.deepEqual(comments(await ok('/v1/responses?term=packaging')).sort(), tw);
    assert.deepEqual(comments(await ok('/v1/responses?term=' + encodeURIComponent('包装'))).sort(), tw);
    assert.ok(tw.includes('包裝破損了'));
  });

  test('a blank term is a 400 naming it; term is no filter of the analysis routes', async () => {
    const blank = await t.admin('/v1/responses?term=%20');
    assert.equal(blank.status, 400);
    assert.equal(blank.body.error, 'parameter term: must not be empty');
    const zh = await t.admin('/v1/responses?term=', { headers: { 'accept-language': 'zh-CN' } });
    assert.equal(zh.body.error, '参数 term：不能为空');
    assert.equal((await t.admin('/v1/summary?term=快')).status, 400);
  });

  test('pages: every match once, in order, however few among many rows', async () => {
    const many = [];
    for (let i = 0; i < 260; i++) many.push(said(i % 37 === 0 ? `第${i}单：发货慢` : i % 2 ? '快递员很好' : '包装不错'));
    const r = await t.post(batch(many));
    assert.equal(r.status, 200, r.text);
    const expected = many.filter((m) => m.answers.comment.endsWith('发货慢')).map((m) => m.answers.comment).reverse();
    const paged = await all('/v1/responses?term=慢&limit=2');
    assert.deepEqual(paged.filter((c) => c.endsWith('发货慢')), expected);
    assert.deepEqual(paged.filter((c) => !c.endsWith('发货慢')), ['The courier was late', '快递很慢，等了好几天']); // newest first
  });
});

describe('term, a rare one among more than a page can read', () => {
  test('a page stops after 5,000 rows read, shorter, with a cursor that goes on; every match is found', async () => {
    const survey = `rare-${randomUUID().slice(0, 6)}`;
    const own = (comment) => ({ ...said(comment), surveyId: survey });
    // SQL keeps every row holding 快 (快递 too); only themes can tell 物流很快 from 快递员很好.
    const oldest = own('物流很快');
    const rest = Array.from({ length: 5200 }, () => own('快递员很好'));
    for (const part of [[oldest], ...Array.from({ length: 6 }, (_, i) => rest.slice(i * 1000, (i + 1) * 1000))]) {
      if (!part.length) continue;
      const r = await t.post(batch(part));
      assert.equal(r.status, 200, r.text);
    }
    const first = await ok(`/v1/responses?survey=${survey}&term=${encodeURIComponent('快')}&limit=10`);
    assert.deepEqual(first.responses, [], 'the newest 5,000 hold no match');
    assert.ok(first.nextCursor, 'and the page says there is more to read');
    const second = await ok(`/v1/responses?survey=${survey}&term=${encodeURIComponent('快')}&limit=10&cursor=${first.nextCursor}`);
    assert.deepEqual(comments(second), ['物流很快']);
    assert.equal(second.nextCursor, null);
  });
});
