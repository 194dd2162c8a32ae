// The admin routes: token, listing with filters and keyset pages, export as Excel reads it, erasure,
// the follow-up queue, its webhook, retention.
import assert from 'node:assert/strict';
import { createHmac, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { verifySignature } from '../../dist/collector.js';
import { batch, request, response, startCollector, stored, TOKEN } from './support.js';

const hooks = [];
let hookStatus = 500;
let hookServer;
let t;
before(async () => {
  // The shop's webhook receiver: fails until told otherwise, then records.
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body, status: hookStatus });
      res.writeHead(hookStatus).end();
    });
  });
  await new Promise((r) => hookServer.listen(0, '127.0.0.1', r));
  t = await startCollector({ notifyUrl: `http://127.0.0.1:${hookServer.address().port}/hook`, notifySecret: 'whsec-test', notifyBackoffSeconds: 1, allowOrigins: ['https://admin.shop.example'] });
});
after(async () => {
  await t?.close();
  hookServer?.close();
});

const survey = () => `a-${randomUUID().slice(0, 8)}`;
const detractor = (over = {}) => {
  const r = response({ nps: 2, ...over });
  r.answers.comment = over.comment ?? '东西坏了';
  return r;
};

describe('the admin token', () => {
  test('without a token, a wrong one and the right one', async () => {
    const none = await request(t.url, '/v1/responses');
    assert.equal(none.status, 401);
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    assert.match(none.body.error, /Authorization: Bearer/);
    const wrong = await request(t.url, '/v1/responses', { headers: { authorization: `Bearer ${TOKEN}x` } });
    assert.equal(wrong.status, 401);
    const right = await t.admin('/v1/responses');
    assert.equal(right.status, 200);
    for (const path of ['/v1/export', '/v1/follow-ups', '/v1/responses?id=' + randomUUID()]) {
      assert.equal((await request(t.url, path, { method: path.includes('id=') ? 'DELETE' : 'GET' })).status, 401, path);
    }
    assert.ok(!JSON.stringify(t.events).includes(TOKEN), 'the token is never logged');
  });

  test('a collector without a token answers 503 on admin routes and says how to set one; it said so at start', async () => {
    const bare = await startCollector({ adminToken: undefined });
    try {
      const a = await bare.admin('/v1/responses');
      assert.equal(a.status, 503);
      assert.match(a.body.error, /--admin-token or the KOUBEI_ADMIN_TOKEN/);
      assert.ok(bare.events.some((e) => e.event === 'admin.off'));
      assert.equal((await bare.post(batch([response()]))).status, 200, 'ingestion works without a token');
    } finally {
      await bare.close();
    }
  });
});

describe('GET /v1/responses', () => {
  test('newest first, keyset pages that neither skip nor repeat, and the filters', async () => {
    const s = survey();
    const rs = Array.from({ length: 23 }, (_, i) =>
      response({ surveyId: s, createdAt: new Date(Date.UTC(2026, 9, 1 + i, 3)).toISOString(), nps: i % 11, answers: { nps: i % 11, comment: i === 7 ? '包装破损严重' : '不错' }, context: { orderId: `O${i}`, sku: i % 2 ? 'red' : 'blue' } }),
    );
    for (const r of rs) r.scores = { nps: { type: 'nps', value: r.answers.nps, category: r.answers.nps > 8 ? 'promoter' : r.answers.nps > 6 ? 'passive' : 'detractor' }, comment: { type: 'text', length: 2 } };
    assert.equal((await t.post(batch(rs))).status, 200);
    const seen = [];
    let cursor = '';
    let pages = 0;
    do {
      const a = await t.admin(`/v1/responses?survey=${s}&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(a.status, 200);
      seen.push(...a.body.responses.map((r) => r.createdAt));
      cursor = a.body.nextCursor;
      pages++;
    } while (cursor);
    assert.equal(pages, 5);
    // As the client sent them: milliseconds (toISOString), not PostgreSQL's microseconds.
    assert.deepEqual(seen, [...rs].reverse().map((r) => r.createdAt));
    const det = await t.admin(`/v1/responses?survey=${s}&category=detractor&limit=100`);
    // nps = i % 11 for i = 0..22: values 0..6 are detractors: i in 0..6, 11..17, 22 → 15.
    assert.equal(det.body.responses.length, 15);
    const q = await t.admin(`/v1/responses?survey=${s}&q=${encodeURIComponent('破损')}`);
    assert.deepEqual(q.body.responses.map((r) => r.context.orderId), ['O7']);
    // q is text in the answers: not a question's name nor a number (every response has nps and comment, and 破损 is O7's alone).
    for (const term of ['comment', 'nps', '7', '"']) assert.deepEqual((await t.admin(`/v1/responses?survey=${s}&q=${encodeURIComponent(term)}`)).body.responses, [], term);
    assert.equal((await t.admin(`/v1/responses?survey=${s}&q=${encodeURIComponent('不错')}&limit=100`)).body.responses.length, 22);
    assert.equal((await t.admin(`/v1/summary?survey=${s}&q=${encodeURIComponent('破损')}&minN=1`)).body.n, 1);
    // 2026-10-05 to 2026-10-06 in Shanghai: created at 03:00 UTC (11:00 local) on days 5 and 6 → i = 4, 5.
    const range = await t.admin(`/v1/responses?survey=${s}&from=2026-10-05&to=2026-10-06`);
    assert.deepEqual(range.body.responses.map((r) => r.context.orderId), ['O5', 'O4']);
    const red = await t.admin(`/v1/responses?survey=${s}&context.sku=red&limit=100`);
    assert.equal(red.body.responses.length, 11);
  });

  test('bad parameters: a 400 naming the parameter', async () => {
    for (const [qs, re] of [
      ['limit=0', /limit/],
      ['limit=abc', /limit/],
      ['from=yesterday', /parameter from/],
      ['category=happy', /category/],
      ['cursor=xyz', /cursor/],
      ['sku=red', /unknown parameter sku.*context\.sku/],
      ['timeZone=Mars/Base', /timeZone/],
      ['survey=a&survey=b', /survey: given more than once/],
    ]) {
      const a = await t.admin(`/v1/responses?${qs}`);
      assert.equal(a.status, 400, qs);
      assert.match(a.body.error, re, qs);
    }
  });
});

describe('GET /v1/export', () => {
  test('CSV as Excel reads it: a UTF-8 BOM, a column per question and context field, CRLF, formulas neutralised', async () => {
    const s = survey();
    const r1 = response({ surveyId: s, createdAt: '2026-10-01T00:00:00.000Z', answers: { nps: 9, comment: '=HYPERLINK("http://x","点我")' }, context: { orderId: 'E1', channel: '小程序' } });
    const r2 = response({ surveyId: s, createdAt: '2026-10-02T00:00:00.000Z', answers: { nps: 9, delivery: 4, comment: '物流很快, 包装"很好"\n谢谢' }, context: { orderId: 'E2' } });
    r1.scores = { nps: r1.scores.nps, comment: { type: 'text', length: 20 } };
    await t.post(batch([r1, r2]));
    const res = await fetch(`${t.url}/v1/export?survey=${s}&format=csv`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
    assert.match(res.headers.get('content-disposition'), /attachment; filename="koubei-a-[\w-]+-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    assert.equal(lines[0], 'id,surveyId,createdAt,receivedAt,locale,complete,revision,comment,delivery,nps,context.channel,context.orderId,followUp.status,followUp.note,link.status,redactions');
    const rows = parseCsv(text);
    assert.equal(rows.length, 3);
    assert.equal(rows[1][7], `'=HYPERLINK("http://x","点我")`);
    assert.equal(rows[1][10], '小程序');
    assert.equal(rows[2][7], '物流很快, 包装"很好"\n谢谢');
    assert.equal(rows[2][8], '4');
    assert.equal(rows[1][8], '', 'no delivery answer in the first');
  });

  test('NDJSON, and an access request by order id', async () => {
    const s = survey();
    const mine = response({ surveyId: s, context: { orderId: 'ACCESS-1' } });
    await t.post(batch([mine, response({ surveyId: s })]));
    const a = await t.admin(`/v1/export?format=ndjson&orderId=ACCESS-1`);
    assert.equal(a.status, 200);
    const lines = a.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), [mine.id]);
    assert.equal(lines[0].answers.nps, 9);
    assert.equal((await t.admin('/v1/export?format=xml')).status, 400);
  });

  // A response that takes no write at once (a slow client, a large export): each write waits for its drain.
  // 'close' listeners were added one per page (MaxListenersExceededWarning past ten pages, ~5,000 responses).
  test('an export of many pages under back-pressure adds one close listener, not one per page, and stops when the client goes away', async () => {
    const s = survey();
    const n = 1600; // four pages of 500
    for (let i = 0; i < n; i += 200) {
      const a = await t.post(batch(Array.from({ length: Math.min(200, n - i) }, () => response({ surveyId: s }))));
      assert.equal(a.status, 200, a.text);
    }
    const { EventEmitter } = await import('node:events');
    /** The parts of a ServerResponse the handler uses; every write reports a full buffer and drains a turn later. */
    const fakeResponse = ({ leaveAfter = Infinity } = {}) => {
      const res = new EventEmitter();
      Object.assign(res, {
        headersSent: false,
        chunks: [],
        closeListeners: [],
        writeHead(status) {
          res.statusCode = status;
          res.headersSent = true;
          return res;
        },
        write(chunk) {
          res.chunks.push(String(chunk));
          setImmediate(() => {
            res.closeListeners.push(res.listenerCount('close'));
            if (res.chunks.length >= leaveAfter) res.emit('close');
            else res.emit('drain');
          });
          return false;
        },
        end(chunk) {
          if (chunk) res.chunks.push(String(chunk));
          res.ended = true;
          setImmediate(() => res.emit('finish'));
        },
        setHeader() {},
      });
      return res;
    };
    const run = (res) => {
      const req = new EventEmitter();
      Object.assign(req, {
        method: 'GET',
        url: `/v1/export?survey=${s}&format=csv`,
        headers: { host: 'collector', authorization: `Bearer ${TOKEN}` },
        socket: { remoteAddress: '127.0.0.1' },
        resume() {},
      });
      t.collector.handler(req, res);
      return new Promise((r) => (res.ended ? r() : res.once('finish', r)));
    };

    const res = fakeResponse();
    await run(res);
    assert.equal(res.statusCode, 200);
    assert.equal(res.chunks.join('').split('\r\n').length - 2, n, 'every response exported');
    assert.ok(res.chunks.length >= 5, `the header and four pages, each a write that waited (${res.chunks.length})`);
    assert.ok(Math.max(...res.closeListeners) <= 1, `close listeners while exporting: ${res.closeListeners.join(', ')}`);

    // The client leaves after the second page: no further page is read or written.
    const left = fakeResponse({ leaveAfter: 2 });
    await run(left);
    assert.equal(left.chunks.length, 2);
  });
});

describe('erasure', () => {
  test('DELETE by id and by order id answers the number deleted; the rows are gone', async () => {
    const s = survey();
    const a = response({ surveyId: s, context: { orderId: 'DEL-1' } });
    const b = response({ surveyId: s, context: { orderId: 'DEL-1' } });
    const c = response({ surveyId: s, context: { orderId: 'KEEP' } });
    await t.post(batch([a, b, c]));
    const byOrder = await t.admin('/v1/responses?orderId=DEL-1', { method: 'DELETE' });
    assert.equal(byOrder.status, 200);
    assert.equal(byOrder.body.deleted, 2);
    const byId = await t.admin(`/v1/responses?id=${c.id}`, { method: 'DELETE' });
    assert.equal(byId.body.deleted, 1);
    assert.equal((await stored(t, s)).length, 0);
    const none = await t.admin('/v1/responses', { method: 'DELETE' });
    assert.equal(none.status, 400);
    assert.match(none.body.error, /id=<response id> or orderId=<order id>/);
  });
});

describe('times and parameters', () => {
  test('times come back in milliseconds as the client wrote them; pages still tell apart responses a microsecond apart', async () => {
    const s = survey();
    // A client may send more digits than toISOString: stored to the microsecond, shown to the millisecond.
    const rs = ['2026-08-01T00:00:00.123456Z', '2026-08-01T00:00:00.123457Z', '2026-08-01T08:00:00.123458+08:00', '2026-12-01T10:00:00.160Z'].map((createdAt) => response({ surveyId: s, createdAt }));
    assert.equal((await t.post(batch(rs))).status, 200);
    const seen = [];
    let cursor = '';
    do {
      const a = await t.admin(`/v1/responses?survey=${s}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(a.status, 200, a.text);
      seen.push(...a.body.responses);
      cursor = a.body.nextCursor;
    } while (cursor);
    assert.deepEqual(seen.map((r) => r.id), [rs[3], rs[2], rs[1], rs[0]].map((r) => r.id), 'each once, newest first');
    assert.deepEqual(seen.map((r) => r.createdAt), ['2026-12-01T10:00:00.160Z', '2026-08-01T00:00:00.123Z', '2026-08-01T00:00:00.123Z', '2026-08-01T00:00:00.123Z']);
    for (const r of seen) assert.match(r.receivedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const csv = (await t.admin(`/v1/export?format=csv&survey=${s}`)).text;
    assert.ok(csv.includes(',2026-12-01T10:00:00.160Z,'), csv);
    assert.ok(!/\.\d{6}Z/.test(csv), 'no microseconds in the export');
  });

  test('from after to is a 400 naming both, on every route with filters; a range of one day or one instant is fine', async () => {
    for (const path of ['/v1/responses', '/v1/export', '/v1/follow-ups', '/v1/summary', '/v1/trend', '/v1/themes']) {
      const a = await t.admin(`${path}?from=2026-11-05&to=2026-11-01`);
      assert.equal(a.status, 400, `${path}: ${a.text}`);
      assert.equal(a.body.code, 'param');
      assert.match(a.body.error, /^parameter from: 2026-11-05 is after to \(2026-11-01\)/, path);
    }
    const bad = [
      'from=2026-11-01T10:00:00Z&to=2026-11-01T09:59:59Z',
      // 2026-11-01 in Shanghai starts at 2026-10-31T16:00Z.
      'from=2026-11-01&to=2026-10-31T15:59:59Z',
      'from=2026-11-02T00:00:00%2B08:00&to=2026-11-01',
      'from=2026-11-01&to=2026-10-31&timeZone=UTC',
      'from=2026-11-02&to=2026-11-01T16:00:00Z&timeZone=UTC',
    ];
    for (const q of bad) assert.equal((await t.admin(`/v1/responses?${q}`)).status, 400, q);
    const good = [
      'from=2026-11-01&to=2026-11-01',
      'from=2026-11-01T10:00:00Z&to=2026-11-01T10:00:00Z',
      'from=2026-11-01&to=2026-10-31T16:00:00Z',
      'from=2026-11-01T23:59:59%2B08:00&to=2026-11-01',
      // 2026-11-02 in Tokyo starts at 2026-11-01T15:00Z (in UTC this range would be empty).
      'from=2026-11-02&to=2026-11-01T16:00:00Z&timeZone=Asia/Tokyo',
    ];
    for (const q of good) assert.equal((await t.admin(`/v1/responses?${q}`)).status, 200, q);
  });

  test('a day no calendar has, or a date-time without its offset, is a 400 naming the parameter (it was a 500 from PostgreSQL)', async () => {
    for (const path of ['/v1/responses', '/v1/summary', '/v1/trend']) {
      for (const q of ['from=2026-02-30', 'to=2026-11-31', 'from=2026-02-29T10:00:00Z', 'from=2026-12-01T10:00:00', 'to=Dec%201%202026', 'from=2026-12-01T25:00:00Z']) {
        const a = await t.admin(`${path}?${q}`);
        assert.equal(a.status, 400, `${path}?${q}: ${a.text}`);
        assert.match(a.body.error, new RegExp(`^parameter ${q.slice(0, q.indexOf('='))}: `), `${path}?${q}`);
      }
    }
    for (const q of ['from=2028-02-29', 'from=2026-12-01T10:00Z', 'to=2026-12-01T10:00:00.123456%2B08:00']) assert.equal((await t.admin(`/v1/responses?${q}`)).status, 200, q);
  });

  test('a malformed %-encoding in the query is a 400 naming the parameter, not a search for U+FFFD', async () => {
    for (const [path, name] of [
      ['/v1/responses?q=%E0%A4%A', 'q'],
      ['/v1/responses?q=%zz', 'q'],
      ['/v1/export?format=csv&q=%C3%28', 'q'],
      ['/v1/summary?survey=%E0%A4', 'survey'],
      ['/v1/follow-ups?context.sku=%FF', 'context.sku'],
    ]) {
      const a = await t.admin(path);
      assert.equal(a.status, 400, `${path}: ${a.text}`);
      assert.match(a.body.error, new RegExp(`^parameter ${name.replace('.', '\\.')}: malformed %-encoding`), path);
    }
    assert.equal((await t.admin(`/v1/responses?q=${encodeURIComponent('包装 100%')}`)).status, 200, 'a good one');
    // A NUL decodes well but no PostgreSQL text holds it: it was a 500.
    for (const [path, name] of [['/v1/responses?q=%00', 'q'], ['/v1/summary?survey=a%00', 'survey'], ['/v1/export?orderId=%00', 'orderId'], ['/v1/responses?context.sku=%00', 'context.sku']]) {
      const a = await t.admin(path);
      assert.equal(a.status, 400, `${path}: ${a.text}`);
      assert.equal(a.body.error, `parameter ${name}: contains a NUL character (%00)`);
    }
    const patch = await t.admin('/v1/responses/%E0%A4%A', { method: 'PATCH', body: { followUp: { status: 'done' } } });
    assert.equal(patch.status, 400, patch.text);
    assert.match(patch.body.issues.join(), /is not a response id/);
  });
});

describe('follow-up', () => {
  test('detractors and bottom-two-box answers with an order id wait in the queue, oldest first; done with a note', async () => {
    const s = survey();
    const old = detractor({ surveyId: s, createdAt: '2026-09-01T00:00:00.000Z', context: { orderId: 'F1' } });
    const unhappy = response({ surveyId: s, createdAt: '2026-09-02T00:00:00.000Z', context: { orderId: 'F2' } });
    unhappy.answers.delivery = 2;
    unhappy.scores.delivery = { type: 'likert', value: 2, points: 5, normalized: 0.25, satisfied: false };
    const happy = response({ surveyId: s, context: { orderId: 'F3' } });
    const noOrder = detractor({ surveyId: s, context: {} });
    await t.post(batch([unhappy, old, happy, noOrder]));
    const q = await t.admin(`/v1/follow-ups?survey=${s}`);
    assert.equal(q.status, 200);
    assert.deepEqual(q.body.followUps.map((r) => r.context.orderId), ['F1', 'F2']);
    assert.equal(q.body.followUps[0].followUp.status, 'open');
    const done = await t.admin(`/v1/responses/${old.id}`, { method: 'PATCH', body: { followUp: { status: 'done', note: '已电话联系，补发' } } });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.followUp.status, 'done');
    assert.equal(done.body.followUp.note, '已电话联系，补发');
    assert.deepEqual((await t.admin(`/v1/follow-ups?survey=${s}`)).body.followUps.map((r) => r.context.orderId), ['F2']);
    assert.deepEqual((await t.admin(`/v1/follow-ups?survey=${s}&status=done`)).body.followUps.map((r) => r.followUp.note), ['已电话联系，补发']);
    // A later revision of a handled response keeps its status.
    await t.post(batch([{ ...old, revision: 2 }]));
    assert.deepEqual((await t.admin(`/v1/follow-ups?survey=${s}`)).body.followUps.map((r) => r.context.orderId), ['F2']);
  });

  test('one call per order: an order answered twice is listed by the response that counts for it (latestResponses), only if that one is unhappy', async () => {
    const s = survey();
    // Twice unhappy: the later answer is listed, once.
    const first = detractor({ surveyId: s, createdAt: '2026-09-01T00:00:00.000Z', context: { orderId: 'T1' } });
    const again = detractor({ surveyId: s, nps: 3, createdAt: '2026-09-05T00:00:00.000Z', context: { orderId: 'T1' } });
    // Unhappy, then happy: the customer's answer now is a promoter's; nobody to call.
    const angry = detractor({ surveyId: s, createdAt: '2026-09-02T00:00:00.000Z', context: { orderId: 'T2' } });
    const calmed = response({ surveyId: s, createdAt: '2026-09-06T00:00:00.000Z', context: { orderId: 'T2' } });
    // A complete answer counts before a later partial (a score clicked in an email afterwards).
    const complete = detractor({ surveyId: s, createdAt: '2026-09-03T00:00:00.000Z', context: { orderId: 'T3' } });
    const partial = { ...detractor({ surveyId: s, createdAt: '2026-09-07T00:00:00.000Z', context: { orderId: 'T3' } }), complete: false };
    // The same order id in another survey is another order.
    const other = detractor({ surveyId: `${s}-b`, createdAt: '2026-09-04T00:00:00.000Z', context: { orderId: 'T1' } });
    const a = await t.post(batch([again, calmed, partial, first, angry, complete, other]));
    assert.equal(a.status, 200, a.text);
    const q = await t.admin(`/v1/follow-ups?survey=${s}`);
    assert.equal(q.status, 200, q.text);
    assert.deepEqual(q.body.followUps.map((r) => r.id), [complete.id, again.id]);
    const t1 = new Set([first.id, again.id, other.id]);
    assert.deepEqual((await t.admin('/v1/follow-ups?orderId=T1')).body.followUps.map((r) => r.id).filter((id) => t1.has(id)), [other.id, again.id], 'one per survey and order');
    // Called about the response that counts: the order leaves the queue, and is listed once among the done.
    await t.admin(`/v1/responses/${again.id}`, { method: 'PATCH', body: { followUp: { status: 'done', note: '已回访' } } });
    assert.deepEqual((await t.admin(`/v1/follow-ups?survey=${s}`)).body.followUps.map((r) => r.id), [complete.id]);
    assert.deepEqual((await t.admin(`/v1/follow-ups?survey=${s}&status=done`)).body.followUps.map((r) => r.id), [again.id]);
    // Pages of one still list each order once.
    const p1 = await t.admin(`/v1/follow-ups?survey=${s}-b&limit=1`);
    assert.deepEqual(p1.body.followUps.map((r) => r.id), [other.id]);
    assert.equal(p1.body.nextCursor, null);
  });

  test('PATCH refuses a note with a NUL or a lone surrogate, naming it (a 500 and a silent U+FFFD before)', async () => {
    const r = response({ surveyId: survey() });
    await t.post(batch([r]));
    for (const [note, problem] of [['已联系\u0000', 'contains a NUL character'], ['已联系\ud800', 'contains a lone surrogate']]) {
      const a = await t.admin(`/v1/responses/${r.id}`, { method: 'PATCH', body: { followUp: { status: 'done', note } } });
      assert.equal(a.status, 400, a.text);
      assert.deepEqual(a.body.issues, [`followUp.note: ${problem}`]);
    }
    assert.equal((await t.admin(`/v1/responses/${r.id}`, { method: 'PATCH', body: { followUp: { status: 'done', note: '已联系 👍' } } })).body.followUp.note, '已联系 👍');
  });

  test('PATCH refuses bad bodies naming the field, and an unknown id with 404', async () => {
    const bad = await t.admin(`/v1/responses/${randomUUID()}`, { method: 'PATCH', body: { followUp: { status: 'closed' } } });
    assert.equal(bad.status, 400);
    assert.match(bad.body.issues.join(), /followUp\.status/);
    const missing = await t.admin(`/v1/responses/${randomUUID()}`, { method: 'PATCH', body: { followUp: { status: 'done' } } });
    assert.equal(missing.status, 404);
    const notId = await t.admin('/v1/responses/abc', { method: 'PATCH', body: { followUp: { status: 'done' } } });
    assert.equal(notId.status, 400);
  });

  test('the webhook: posted once per response that needs follow-up, signed, retried until the receiver takes it', async () => {
    const s = survey();
    const r = detractor({ surveyId: s, context: { orderId: 'HOOK-1' }, comment: '电话13812345678' });
    hookStatus = 500;
    const before = hooks.length;
    await t.post(batch([r]));
    await t.post(batch([{ ...r, revision: 2 }])); // still a detractor: no second notification
    const mine = () => hooks.slice(before).filter((h) => h.body.includes('HOOK-1'));
    await waitFor(() => mine().length >= 1);
    hookStatus = 200;
    // The first attempt failed (500): the retry comes after the backoff (1 s here, about 30 s by default).
    await waitFor(() => mine().some((h) => h.status === 200));
    await t.collector.notified();
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(mine().map((h) => h.status), [500, 200], 'retried once, then delivered, and never again');
    const first = mine()[1];
    const body = JSON.parse(first.body);
    assert.equal(body.type, 'koubei.follow-up');
    assert.deepEqual(body.reasons, ['nps:detractor']);
    assert.equal(body.response.context.orderId, 'HOOK-1');
    assert.equal(body.response.answers.comment, '电话［手机号］', 'redacted in the webhook too');
    const sig = first.headers['koubei-signature'];
    const [, ts, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig);
    // The scheme, computed here independently: hex HMAC-SHA256(secret, t + "." + body).
    assert.equal(mac, createHmac('sha256', 'whsec-test').update(`${ts}.${first.body}`).digest('hex'));
    assert.ok(verifySignature(sig, first.body, 'whsec-test'));
    assert.ok(!verifySignature(sig, first.body + ' ', 'whsec-test'));
    assert.ok(!verifySignature(sig, first.body, 'other'));
    assert.ok(!verifySignature(sig, first.body, 'whsec-test', { now: (Number(ts) + 301) * 1000 }), 'too old');
  });

  test('a webhook that is down never blocks or fails ingestion', async () => {
    const down = await startCollector({ notifyUrl: 'http://127.0.0.1:9/never' });
    try {
      const s = survey();
      const a = await down.post(batch([detractor({ surveyId: s })]));
      assert.equal(a.status, 200);
      await down.collector.notified();
      assert.ok(down.events.some((e) => e.event === 'notify.retry'));
    } finally {
      await down.close();
    }
  });
});

test('retention: a response older than the retention is refused (400 naming createdAt), not acknowledged and then deleted', async () => {
  const s = survey();
  const old = response({ surveyId: s, createdAt: new Date(Date.now() - 800 * 86400e3).toISOString() });
  const a = await t.post(batch([old, response({ surveyId: s })]));
  assert.equal(a.status, 400, a.text);
  assert.match(a.body.issues.join('\n'), /^responses\[0\]\.createdAt: .* is older than the collector's retention \(730 days, --retention-days\)/m);
  assert.deepEqual(await stored(t, s), []);
});

test('retention: responses that grew older than the retention while stored are deleted (at start and by purge)', async () => {
  // Stored by a collector keeping 1000 days, then the database opened by one keeping 730 (the default).
  const keep = await startCollector({ retentionDays: 1000 });
  const s = survey();
  const old = response({ surveyId: s, createdAt: new Date(Date.now() - 800 * 86400e3).toISOString() });
  const fresh = response({ surveyId: s });
  assert.equal((await keep.post(batch([old, fresh]))).status, 200);
  assert.equal((await stored(keep, s)).length, 2);
  await keep.collector.close();
  const later = await startCollector({}, keep.database);
  try {
    await later.collector.purge();
    assert.deepEqual((await stored(later, s)).map((r) => r.id), [fresh.id]);
  } finally {
    await later.collector.close();
    await keep.database.drop();
  }
});

test('healthz', async () => {
  const a = await request(t.url, '/healthz');
  assert.equal(a.status, 200);
  assert.equal(a.body.ok, true);
});

async function waitFor(fn, ms = 10000) {
  const end = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text) {
  const rows = [[]];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') rows[rows.length - 1].push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      rows[rows.length - 1].push(cell);
      cell = '';
      rows.push([]);
      i++;
    } else cell += ch;
  }
  if (cell || rows[rows.length - 1].length) rows[rows.length - 1].push(cell);
  if (!rows[rows.length - 1].length) rows.pop();
  return rows;
}
