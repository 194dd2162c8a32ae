// POST /v1/responses: each id stored once at its highest revision, whatever order, repetition or
// concurrency the batches arrive in; bad input refused with a 4xx naming the problem, nothing stored,
// the server still answering.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { batch, request, response, startCollector, stored, TOKEN } from './support.js';

let t;
before(async () => {
  t = await startCollector({ allowOrigins: ['https://shop.example'] });
});
after(() => t?.close());

const survey = () => `s-${randomUUID().slice(0, 8)}`;

describe('revisions and replays', () => {
  test('a replay (same id, same revision) changes nothing and is still acknowledged', async () => {
    const s = survey();
    const r = response({ surveyId: s });
    const first = await t.post(batch([r]));
    assert.equal(first.status, 200);
    assert.deepEqual(first.body, { accepted: 1, ids: [r.id], stored: 1, keptOut: 0 });
    const changed = { ...r, answers: { ...r.answers, comment: '改了' } };
    const again = await t.post(batch([changed]));
    assert.deepEqual(again.body, { accepted: 1, ids: [r.id], stored: 0, keptOut: 0 });
    const rows = await stored(t, s);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].answers.comment, '很好');
  });

  for (const [name, order] of [
    ['1 then 2', [1, 2]],
    ['2 then 1', [2, 1]],
    ['2 twice', [2, 2]],
    ['1, 3, 2', [1, 3, 2]],
  ]) {
    test(`revisions arriving ${name}: the highest is kept`, async () => {
      const s = survey();
      const id = randomUUID();
      for (const rev of order) {
        const r = response({ id, surveyId: s, revision: rev, nps: rev, complete: rev > 1 });
        const a = await t.post(batch([r]));
        assert.equal(a.status, 200);
      }
      const rows = await stored(t, s);
      assert.equal(rows.length, 1);
      const top = Math.max(...order);
      assert.equal(rows[0].revision, top);
      assert.equal(rows[0].answers.nps, top);
      assert.equal(rows[0].complete, top > 1);
    });
  }

  test('a later partial (a second device clicking another score) keeps the answers it does not carry', async () => {
    const s = survey();
    const id = randomUUID();
    const done = response({ id, surveyId: s, nps: 3, revision: 2, answers: { nps: 3, delivery: 2, comment: '太慢' } });
    done.scores.delivery = { type: 'likert', value: 2, points: 5, normalized: 0.25, satisfied: false };
    assert.equal((await t.post(batch([done]))).status, 200);
    const partial = response({ id, surveyId: s, nps: 9, revision: 5, complete: false, answers: { nps: 9 } });
    partial.scores = { nps: { type: 'nps', value: 9, category: 'promoter' } };
    await t.post(batch([partial]));
    const [row] = await stored(t, s);
    assert.deepEqual(row.answers, { nps: 9, delivery: 2, comment: '太慢' });
    assert.equal(row.scores.nps.value, 9);
    assert.equal(row.scores.delivery.value, 2, 'the first response\'s delivery score');
    assert.equal(row.complete, true, 'it was complete once and still holds every answer');
    assert.equal(row.revision, 5);
  });

  test('one id twice in one batch: stored once, the higher revision, whichever comes first', async () => {
    const s = survey();
    const id = randomUUID();
    const a = await t.post(batch([response({ id, surveyId: s, revision: 3, nps: 3 }), response({ id, surveyId: s, revision: 1, nps: 1 }), response({ id, surveyId: s, revision: 3, nps: 10 })]));
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, { accepted: 1, ids: [id], stored: 1, keptOut: 0 });
    const rows = await stored(t, s);
    assert.equal(rows.length, 1);
    // Equal revisions: the first of them wins (a replay changes nothing).
    assert.equal(rows[0].answers.nps, 3);
  });

  test('8 concurrent senders with overlapping batches: each id stored once, at its highest revision', async () => {
    const s = survey();
    const ids = Array.from({ length: 60 }, () => randomUUID());
    // Sender k sends every id in a window starting at 5k, each with revision (k % 3) + 1, in shuffled order.
    const senders = Array.from({ length: 8 }, (_, k) => {
      const mine = ids.slice(k * 5, k * 5 + 25).map((id) => response({ id, surveyId: s, revision: (k % 3) + 1, nps: (k % 3) + 1 }));
      mine.sort(() => Math.random() - 0.5);
      return (async () => {
        for (let i = 0; i < mine.length; i += 10) {
          const a = await t.post(batch(mine.slice(i, i + 10)));
          assert.equal(a.status, 200, a.text);
        }
      })();
    });
    await Promise.all(senders);
    const rows = await stored(t, s);
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.equal(rows.length, byId.size, 'no id twice');
    // Which senders covered id i: k with 5k <= i < 5k + 25; its highest revision is max((k % 3) + 1).
    ids.forEach((id, i) => {
      const ks = [...Array(8).keys()].filter((k) => i >= 5 * k && i < 5 * k + 25);
      if (!ks.length) return assert.ok(!byId.has(id));
      const want = Math.max(...ks.map((k) => (k % 3) + 1));
      assert.equal(byId.get(id)?.revision, want, `id ${i}`);
      assert.equal(byId.get(id)?.answers.nps, want);
    });
  });

  test('a repeated Idempotency-Key gets the same answer; the same key for other responses is refused', async () => {
    const s = survey();
    const r = response({ surveyId: s });
    const key = randomUUID();
    const first = await t.post(batch([r]), { 'idempotency-key': key });
    const second = await t.post({ ...batch([r]), sentAt: new Date(Date.now() + 5000).toISOString() }, { 'idempotency-key': key });
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    assert.equal(first.body.stored, 1);
    const other = await t.post(batch([response({ surveyId: s })]), { 'idempotency-key': key });
    assert.equal(other.status, 422);
    assert.match(other.body.error, /Idempotency-Key/);
    assert.equal((await stored(t, s)).length, 1);
  });
});

describe('what is stored', () => {
  test('open text is redacted before it is stored, with the counts; the original is nowhere', async () => {
    const s = survey();
    const r = response({ surveyId: s, answers: { nps: 3, delivery: 1, comment: '快递太慢了，打我电话13812345678或者发邮件 wang.li@qq.com' } });
    r.scores.nps = { type: 'nps', value: 3, category: 'detractor' };
    r.scores.delivery = { type: 'likert', value: 1, points: 5, normalized: 0, satisfied: false };
    await t.post(batch([r]));
    const [row] = await stored(t, s);
    assert.equal(row.answers.comment, '快递太慢了，打我电话［手机号］或者发邮件 ［邮箱］');
    assert.deepEqual(row.redactions, { phone: 1, email: 1 });
    const exported = await t.admin(`/v1/export?format=ndjson&survey=${s}`);
    assert.ok(!exported.text.includes('13812345678') && !exported.text.includes('wang.li'));
    assert.ok(!JSON.stringify(t.events).includes('13812345678'), 'not in the log either');
  });

  test('a multiple choice is stored as sent, its "other" text redacted, and exported as late|damaged', async () => {
    const s = survey();
    const r = response({ surveyId: s, answers: { nps: 6, reason: ['late', 'other'], 'reason-other': '打13812345678没人接' } });
    r.scores = { nps: { type: 'nps', value: 6, category: 'detractor' }, reason: { type: 'choice', selected: ['late', 'other'] }, 'reason-other': { type: 'text', length: 15 } };
    const a = await t.post(batch([r]));
    assert.equal(a.status, 200, a.text);
    const [row] = await stored(t, s);
    assert.deepEqual(row.answers.reason, ['late', 'other']);
    assert.equal(row.answers['reason-other'], '打［手机号］没人接');
    const csv = await t.admin(`/v1/export?survey=${s}`);
    assert.match(csv.text, /,late\|other,/);
  });

  test('a survey of many long-named questions is stored and counted (no index entry limits its answers)', async () => {
    const s = survey();
    // 60 Likert questions with 150-character names: their values together are some 10 KB of JSON, past
    // what one btree index entry can hold.
    const names = Array.from({ length: 60 }, (_, i) => `${i}-${randomUUID().repeat(5)}`.slice(0, 150));
    const r = response({ surveyId: s, answers: { nps: 10 } });
    r.scores = { nps: { type: 'nps', value: 10, category: 'promoter' } };
    for (const [i, name] of names.entries()) {
      r.answers[name] = 1 + (i % 5);
      r.scores[name] = { type: 'likert', value: 1 + (i % 5), points: 5, normalized: (i % 5) / 4, satisfied: i % 5 >= 3 };
    }
    const a = await t.post(batch([r]));
    assert.equal(a.status, 200, a.text);
    const summary = await t.admin(`/v1/summary?survey=${s}&minN=1`);
    assert.equal(summary.status, 200, summary.text);
    assert.equal(summary.body.n, 1);
    assert.equal(summary.body.csat[names[59]].n, 1);
    assert.equal(summary.body.csat[names[59]].mean, 5);
  });

  test('English responses get English markers', async () => {
    const s = survey();
    const r = response({ surveyId: s, locale: 'en-GB', answers: { nps: 9, delivery: 4, comment: 'mail me at jo@example.com' } });
    await t.post(batch([r]));
    const [row] = await stored(t, s);
    assert.equal(row.answers.comment, 'mail me at [email]');
  });
});

describe('bad input: a 4xx naming the problem, nothing stored, the server still answering', () => {
  const valid = () => batch([response({ surveyId: 'bad-input' })]);
  const cases = [
    ['malformed JSON', () => '{"schema": "koubei/1", ', {}, 400, /not JSON/],
    ['truncated JSON', () => JSON.stringify(valid()).slice(0, 90), {}, 400, /not JSON/],
    ['text/plain', () => JSON.stringify(valid()), { 'content-type': 'text/plain' }, 415, /Content-Type must be application\/json/],
    ['a form', () => 'nps=9', { 'content-type': 'application/x-www-form-urlencoded' }, 415, /application\/json/],
    ['a 2 MB body', () => JSON.stringify({ ...valid(), pad: 'x'.repeat(2 * 1024 * 1024) }), {}, 413, /larger than 1048576 bytes/],
    ['deeply nested JSON', () => '['.repeat(100000) + ']'.repeat(100000), {}, 400, /invalid batch/],
    ['invalid UTF-8', () => Buffer.concat([Buffer.from('{"schema":"koubei/1","x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), {}, 400, /not valid UTF-8/],
    ['a __proto__ key', () => JSON.stringify(valid()).replace('"nps":9,', '"__proto__":9,"nps":9,'), {}, 400, /__proto__/],
    ['SQL-looking strings', () => JSON.stringify(batch([response({ surveyId: "x'); DROP TABLE koubei_responses; --", id: "1'; DROP TABLE koubei_responses; --" })])), {}, 400, /responses\[0\]\.id: expected a valid uuid/],
    ['an empty batch', () => JSON.stringify(batch([])), {}, 400, /responses: must be at least 1/],
    ['a wrong schema version', () => JSON.stringify({ ...valid(), schema: 'koubei/0' }), {}, 400, /schema: expected one of "koubei\/1"/],
    ['a category contradicting the score', () => JSON.stringify(batch([{ ...response(), scores: { nps: { type: 'nps', value: 2, category: 'promoter' } } }])), {}, 400, /category: does not match value/],
    ['null', () => 'null', {}, 400, /invalid batch/],
    // PostgreSQL's json and text hold neither: this was a 500, which the outbox retries for 30 days.
    ['a NUL in a comment', () => JSON.stringify(batch([response({ answers: { nps: 9, delivery: 4, comment: 'ok\u0000' } })])), {}, 400, /^responses\[0\]\.answers\.comment: contains a NUL character$/m],
    ['a lone surrogate in a comment', () => JSON.stringify(batch([response({ answers: { nps: 9, delivery: 4, comment: '好\ud83d' } })])), {}, 400, /^responses\[0\]\.answers\.comment: contains a lone surrogate$/m],
    ['a lone surrogate in a context value', () => JSON.stringify(batch([response({ context: { orderId: 'A\udc00' } })])), {}, 400, /^responses\[0\]\.context\.orderId: contains a lone surrogate$/m],
    ['a NUL in a context key', () => JSON.stringify(batch([response({ context: { 'sku\u0000': 'A1' } })])), {}, 400, /^responses\[0\]\.context\.sku\u0000: contains a NUL character$/m],
    ['a NUL in surveyId', () => JSON.stringify(batch([response({ surveyId: 'post\u0000purchase' })])), {}, 400, /^responses\[0\]\.surveyId: contains a NUL character$/m],
    // A batch is refused whole (nothing of it is written), as for any schema problem: the outbox keeps the others apart only on 413.
    ['one lone surrogate in the third response of a batch', () => JSON.stringify(batch([response(), response(), response({ answers: { nps: 9, delivery: 4, comment: '\ud800' } })])), {}, 400, /^responses\[2\]\.answers\.comment: contains a lone surrogate$/m],
    ['an NPS score contradicting its answer', () => JSON.stringify(batch([{ ...response(), answers: { nps: 9 }, scores: { nps: { type: 'nps', value: 2, category: 'detractor' } } }])), {}, 400, /^responses\[0\]\.scores\.nps\.value: does not match answers\.nps$/m],
    ['a Likert score contradicting its answer', () => JSON.stringify(batch([response({ answers: { nps: 9, delivery: 2, comment: '很好' } })])), {}, 400, /^responses\[0\]\.scores\.delivery\.value: does not match answers\.delivery$/m],
    ['a createdAt in the year 2999', () => JSON.stringify(batch([response({ createdAt: '2999-01-01T00:00:00.000Z' })])), {}, 400, /^responses\[0\]\.createdAt: 2999-01-01T00:00:00\.000Z is more than a day ahead of the collector's clock/m],
    ['a createdAt 25 hours ahead', () => JSON.stringify(batch([response({ createdAt: new Date(Date.now() + 25 * 3600e3).toISOString() })])), {}, 400, /^responses\[0\]\.createdAt: .* more than a day ahead/m],
    ['a locale that is not a BCP 47 tag', () => JSON.stringify(batch([response({ locale: 'zh_CN' })])), {}, 400, /^responses\[0\]\.locale: "zh_CN" is not a BCP 47 language tag/m],
    ['a locale of no language', () => JSON.stringify(batch([response({ locale: 'zz' })])), {}, 400, /^responses\[0\]\.locale: "zz" is not a known language/m],
    // PostgreSQL's integer: past it was a 500 ("value out of range for type integer"), which the outbox retries.
    ['a revision past 32 bits', () => JSON.stringify(batch([response({ revision: 2147483648 })])), {}, 400, /^responses\[0\]\.revision: must be at most 2147483647$/m],
    ['a revision of 99999999999', () => JSON.stringify(batch([response({ revision: 99999999999 })])), {}, 400, /^responses\[0\]\.revision: must be at most 2147483647$/m],
    ['a surveyId of spaces', () => JSON.stringify(batch([response({ surveyId: '   ' })])), {}, 400, /^responses\[0\]\.surveyId: must not be blank$/m],
    ['a surveyId of ideographic spaces and a tab', () => JSON.stringify(batch([response({ surveyId: '\u3000\t' })])), {}, 400, /^responses\[0\]\.surveyId: must not be blank$/m],
    // Decoded as UTF-8 anyway, it was stored as text the customer never wrote.
    ['a latin1 charset', () => JSON.stringify(valid()), { 'content-type': 'application/json; charset=latin1' }, 415, /^the body must be UTF-8: Content-Type charset=latin1 is not read/],
    ['a quoted ISO-8859-1 charset', () => JSON.stringify(valid()), { 'content-type': 'application/json;charset="ISO-8859-1"' }, 415, /charset=ISO-8859-1 is not read/],
    ['a utf-16 charset', () => JSON.stringify(valid()), { 'content-type': 'application/json; charset=utf-16' }, 415, /charset=utf-16 is not read/],
  ];
  for (const [name, body, headers, status, message] of cases) {
    test(name, async () => {
      const before = (await t.admin('/v1/responses?limit=500')).body.responses.length;
      const a = await request(t.url, '/v1/responses', { method: 'POST', body: body(), headers: { 'content-type': 'application/json', ...headers } });
      assert.equal(a.status, status, a.text);
      const text = [a.body.error, ...(a.body.issues ?? [])].join('\n');
      assert.match(text, message);
      assert.equal((await t.admin('/v1/responses?limit=500')).body.responses.length, before, 'nothing stored');
      assert.equal((await request(t.url, '/healthz')).status, 200, 'still answering');
    });
  }

  test('what is storable is stored as sent: emoji (surrogate pairs) in answers, keys and context; a clock a few hours fast; any language, und', async () => {
    const s = survey();
    const soon = new Date(Date.now() + 3 * 3600e3).toISOString();
    const rs = [
      response({ surveyId: s, answers: { nps: 9, delivery: 4, comment: '很好👍🏽' }, context: { orderId: 'A👍', '表情😀': '😀' } }),
      response({ surveyId: s, createdAt: soon, locale: 'und' }),
      response({ surveyId: s, locale: 'yue-Hant-HK' }),
      response({ surveyId: s, locale: 'fr' }),
    ];
    const a = await t.post(batch(rs));
    assert.equal(a.status, 200, a.text);
    const rows = await stored(t, s);
    assert.equal(rows.length, 4);
    const emoji = rows.find((r) => r.id === rs[0].id);
    assert.equal(emoji.answers.comment, '很好👍🏽');
    assert.deepEqual(emoji.context, { orderId: 'A👍', '表情😀': '😀' });
    assert.deepEqual(rows.map((r) => r.locale).sort(), ['fr', 'und', 'yue-Hant-HK', 'zh-CN']);
  });

  test('the largest revision, a surveyId with spaces around it, and UTF-8 named in any case are stored', async () => {
    const s = survey();
    const top = response({ surveyId: s, revision: 2147483647 });
    assert.equal((await t.post(batch([top]))).status, 200);
    const spaced = response({ surveyId: ` ${s} ` });
    assert.equal((await t.post(batch([spaced]))).status, 200);
    for (const type of ['application/json; charset=utf-8', 'application/json;charset="UTF-8"', 'application/json; Charset=Utf-8; foo=bar']) {
      const a = await request(t.url, '/v1/responses', { method: 'POST', body: batch([response({ surveyId: s })]), headers: { 'content-type': type } });
      assert.equal(a.status, 200, `${type}: ${a.text}`);
    }
    const rows = await stored(t, s);
    assert.equal(rows.length, 4);
    assert.equal(rows.find((r) => r.id === top.id).revision, 2147483647);
    assert.equal((await stored(t, ` ${s} `)).length, 1);
  });

  test('a charset refusal speaks the request language, and PATCH refuses it too', async () => {
    const headers = { 'content-type': 'application/json; charset=gbk' };
    const cn = await request(t.url, '/v1/responses', { method: 'POST', body: valid(), headers: { ...headers, 'accept-language': 'zh-CN' } });
    assert.equal(cn.status, 415);
    assert.equal(cn.body.code, 'charset');
    assert.match(cn.body.error, /^请求体必须是 UTF-8：不读取 Content-Type charset=gbk/);
    const tw = await request(t.url, '/v1/responses', { method: 'POST', body: valid(), headers: { ...headers, 'accept-language': 'zh-TW' } });
    assert.match(tw.body.error, /^請求內容必須是 UTF-8：不讀取 Content-Type charset=gbk/);
    const patch = await t.admin(`/v1/responses/${randomUUID()}`, { method: 'PATCH', body: JSON.stringify({ followUp: { status: 'done' } }), headers });
    assert.equal(patch.status, 415, patch.text);
    assert.match(patch.body.error, /charset=gbk/);
  });

  test('the SQL-looking strings that are valid are stored as text, and the table is still there', async () => {
    const s = "x'); DROP TABLE koubei_responses; --";
    const r = response({ surveyId: s, answers: { nps: 9, delivery: 4, comment: "'; DELETE FROM koubei_responses; --" } });
    assert.equal((await t.post(batch([r]))).status, 200);
    const [row] = await stored(t, s);
    assert.equal(row.answers.comment, "'; DELETE FROM koubei_responses; --");
  });

  test('errors speak the request language', async () => {
    const a = await request(t.url, '/v1/responses', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', 'accept-language': 'zh-CN,zh;q=0.9' } });
    assert.equal(a.status, 415);
    assert.match(a.body.error, /必须是 application\/json/);
    const tw = await request(t.url, '/v1/responses', { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', 'accept-language': 'zh-TW' } });
    assert.match(tw.body.error, /必須是/);
  });

  test('a large batch of garbage answers at most 20 issue lines', async () => {
    const junk = batch(Array.from({ length: 50 }, () => ({ id: 'no' })));
    const a = await t.post(junk);
    assert.equal(a.status, 400);
    assert.equal(a.body.issues.length, 20);
  });

  test('unknown routes answer 404 and the wrong method 405, as JSON', async () => {
    const a = await request(t.url, '/v1/nothing');
    assert.equal(a.status, 404);
    assert.match(a.body.error, /no route GET \/v1\/nothing/);
    const b = await request(t.url, '/v1/export', { method: 'POST', body: {} , headers: { authorization: 'Bearer x' } });
    assert.equal(b.status, 405);
    assert.equal(b.headers.get('allow'), 'GET');
  });
});

test('in a shop\'s own server the handler serves /v1/* (an unknown one is its 404) and /healthz, and calls next() for the rest', async () => {
  const nexts = [];
  const server = createServer((req, res) =>
    t.collector.handler(req, res, () => {
      nexts.push(req.url);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('the shop');
    }),
  );
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const unknown = await request(base, '/v1/nothing');
    assert.equal(unknown.status, 404, unknown.text);
    assert.equal(unknown.body.code, 'not_found');
    assert.match(unknown.body.error, /no route GET \/v1\/nothing/);
    const deeper = await request(base, '/v1/responses/x/y', { method: 'POST', body: {} });
    assert.equal(deeper.status, 404, deeper.text);
    assert.equal((await request(base, '/healthz')).status, 200);
    const list = await request(base, '/v1/responses?limit=1', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(list.status, 200, list.text);
    for (const path of ['/', '/shop/page', '/v1', '/v2/responses', '/healthz/x']) {
      const a = await request(base, path);
      assert.equal(a.text, 'the shop', path);
    }
    assert.deepEqual(nexts, ['/', '/shop/page', '/v1', '/v2/responses', '/healthz/x']);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('under /api (the README\'s Next.js wrapper): the handler serves /api/v1/* once the wrapper takes /api off', async () => {
  const server = createServer((req, res) => {
    req.url = req.url.replace(/^\/api(?=\/v1\/)/, '');
    return t.collector.handler(req, res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const posted = await request(base, '/api/v1/responses', { method: 'POST', body: batch([response()]) });
    assert.equal(posted.status, 200, posted.text);
    const list = await request(base, '/api/v1/responses?limit=1', { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(list.status, 200, list.text);
    assert.equal(list.body.responses.length, 1);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

describe('CORS', () => {
  test('an allowed origin: preflight allows content-type and idempotency-key; every answer carries the headers, errors too', async () => {
    const pre = await request(t.url, '/v1/responses', { method: 'OPTIONS', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,idempotency-key' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(pre.headers.get('access-control-allow-headers'), /content-type/);
    assert.match(pre.headers.get('access-control-allow-headers'), /idempotency-key/);
    assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
    const ok = await t.post(batch([response({ surveyId: survey() })]), { origin: 'https://shop.example' });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(ok.headers.get('access-control-expose-headers'), /Retry-After/);
    const bad = await t.post('nope', { origin: 'https://shop.example' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(bad.headers.get('vary'), /Origin/);
  });

  test('another origin gets no CORS headers, a 403 that says how to allow it, and nothing is stored', async () => {
    const s = survey();
    const pre = await request(t.url, '/v1/responses', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    assert.equal(pre.status, 403);
    assert.equal(pre.headers.get('access-control-allow-origin'), null);
    const a = await t.post(batch([response({ surveyId: s })]), { origin: 'https://evil.example' });
    assert.equal(a.status, 403);
    assert.match(a.body.error, /--allow-origin https:\/\/evil\.example/);
    assert.equal((await stored(t, s)).length, 0);
  });

  test('a page on the collector\'s own origin may post without being listed', async () => {
    const s = survey();
    const a = await t.post(batch([response({ surveyId: s })]), { origin: t.url });
    assert.equal(a.status, 200);
  });
});
