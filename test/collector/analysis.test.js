// The analysis routes (GET /v1/summary, /v1/trend, /v1/drivers, /v1/themes) against the database of this
// run (PGlite or PostgreSQL): the statistics path (SQL aggregates handed to koubei/analysis) must answer
// what the array path (the same function on the posted responses) answers, within 1e-9; plus the
// counting rule worked by hand, and a 400 naming each bad parameter.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { keyDrivers, latestResponses, periodKey, summary, themes, trend } from '../../dist/analysis.js';
import { batch, DB, request, startCollector } from './support.js';

// ---------- seeded data: several surveys, orders answered twice, partials, revisions, sku/channel ----------

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = rng(20261201);
const pick = (list) => list[Math.floor(rand() * list.length)];
const clamp = (v, lo, hi) => Math.max(lo, Math.min(hi, Math.round(v)));

const likert = (value, points) => ({ type: 'likert', value, points, normalized: (value - 1) / (points - 1), satisfied: value >= (points === 3 ? 3 : points - 1) });
const npsScore = (value) => ({ type: 'nps', value, category: value > 8 ? 'promoter' : value > 6 ? 'passive' : 'detractor' });
// No digits, names or addresses: the collector stores text redacted, and these must come back as sent.
const COMMENTS = [
  '物流很快，包装完好', '客服态度很好，回复及时', '质量一般，有色差', '快递太慢了，等了五天', '与描述不符，要退货',
  '性价比很高，还会再买', '包装破损，客服处理很慢', 'Great quality, fast delivery', 'The refund took too long', 'customer service was rude',
  '物流慢，但是质量好', '价格贵了一点', '', '  ', '\u3000',
];
const SURVEYS = ['post-purchase', 'post-purchase', 'post-purchase', 'delivery-check', 'returns'];
const START = Date.UTC(2026, 8, 6, 15, 0, 0); // 2026-09-06 23:00 in Shanghai: a Sunday night, next to a week boundary

let at = 0;
/** One complete response; createdAt distinct to the millisecond (examples are newest first). */
function generated(over = {}) {
  at++;
  const u = rand();
  const delivery = clamp(1 + 4 * (0.6 * u + 0.4 * rand()), 1, 5);
  const described = clamp(1 + 4 * (0.5 * u + 0.5 * rand()), 1, 5);
  const service = clamp(1 + 4 * (0.3 * u + 0.7 * rand()), 1, 5);
  const packaging = clamp(1 + 6 * (0.2 * u + 0.8 * rand()), 1, 7);
  const nps = clamp(10 * (0.45 * (delivery - 1) / 4 + 0.35 * (described - 1) / 4 + 0.2 * (service - 1) / 4) + 4 * (rand() - 0.5), 0, 10);
  const answers = { nps, delivery, described };
  const scores = { nps: npsScore(nps), delivery: likert(delivery, 5), described: likert(described, 5) };
  if (rand() < 0.8) {
    // An optional question: drivers are pairwise-complete.
    answers.service = service;
    scores.service = likert(service, 5);
  }
  if (rand() < 0.6) {
    answers.packaging = packaging;
    scores.packaging = likert(packaging, 7);
  }
  const comment = pick(COMMENTS);
  if (rand() < 0.85) {
    answers.comment = comment;
    scores.comment = { type: 'text', length: [...comment].length };
  }
  if (rand() < 0.15) {
    // A second text question, after the first in both the payload and jsonb's key order (longer name).
    const note = pick(COMMENTS);
    answers.deliveryNote = note;
    scores.deliveryNote = { type: 'text', length: [...note].length };
  }
  const context = { orderId: `O-${1000 + at}`, channel: pick(['web', 'app', 'email']) };
  if (rand() < 0.9) context.sku = pick(['SKU-1', 'SKU-2', 'SKU-3', 'SKU-4', 'SKU-5']);
  if (rand() < 0.08) delete context.orderId;
  return {
    id: randomUUID(),
    surveyId: pick(SURVEYS),
    createdAt: new Date(START + at * 4 * 3600_000 + Math.floor(rand() * 3600_000) + at).toISOString(),
    locale: 'zh-CN',
    answers,
    scores,
    context,
    complete: true,
    revision: 1,
    ...over,
  };
}

/** A partial: the score clicked in an email, nothing else. */
const partial = (r, over = {}) => ({ ...r, answers: { nps: r.answers.nps }, scores: { nps: r.scores.nps }, complete: false, ...over });

/** Everything posted, in posting order: the array path reads exactly this. */
const posted = [];
function build() {
  const base = Array.from({ length: 320 }, () => generated());
  for (const r of base) {
    const x = rand();
    if (x < 0.12 && r.context.orderId) {
      // The same order answered again (the page and the email): later, complete or not.
      const again = generated({ surveyId: r.surveyId, context: { ...r.context, channel: 'email' } });
      posted.push(r, rand() < 0.5 ? again : partial(again));
    } else if (x < 0.2) {
      // A partial first, then the complete answers under the same id with a higher revision.
      posted.push(partial(r), { ...r, revision: 2 });
    } else if (x < 0.25 && r.context.orderId) {
      // Only a partial for this order.
      posted.push(partial(r));
    } else if (x < 0.28) {
      // A late re-send of an older revision: ignored by both paths.
      posted.push({ ...r, revision: 3 }, { ...r, revision: 1, answers: { ...r.answers, nps: 0 }, scores: { ...r.scores, nps: npsScore(0) } });
    } else posted.push(r);
  }
  // One order id in two surveys: two customers' answers, both count.
  const twin = generated({ surveyId: 'returns', context: { orderId: 'O-shared', channel: 'web' } });
  posted.push(twin, generated({ surveyId: 'delivery-check', context: { orderId: 'O-shared', channel: 'web' } }));
}
build();

// ---------- the array path: filters as the routes apply them, after counting each customer once ----------

const counted = latestResponses(posted);
const TZ = 'Asia/Shanghai';
/** `from`/`to` are whole local days: compare the local date of each response (periodKey's day key). */
const inDays = (r, from, to, tz = TZ) => {
  const day = periodKey(r.createdAt, 'day', tz);
  return (!from || day >= from) && (!to || day <= to);
};
const where = (pred) => counted.filter(pred);

/** Deep equality with numbers within 1e-9: the two paths sum in a different order. */
function close(actual, expected, path = '$') {
  // What the route sent is JSON: compare with the function's result as JSON (no undefined fields).
  if (path === '$') expected = JSON.parse(JSON.stringify(expected));
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9, `${path}: ${actual} differs from ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    assert.equal(actual, expected, `${path}`);
    return;
  }
  assert.equal(Array.isArray(actual), Array.isArray(expected), `${path}: array or object`);
  assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
  for (const k of Object.keys(expected)) close(actual[k], expected[k], `${path}.${k}`);
}

let t;
/** GET an analysis route with the admin token; fails on anything but 200. */
async function get(path) {
  const r = await t.admin(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}

before(async () => {
  t = await startCollector();
  for (let i = 0; i < posted.length; i += 50) {
    const r = await t.post(batch(posted.slice(i, i + 50)));
    assert.equal(r.status, 200, r.text);
  }
});
after(async () => t?.close());

describe('the data behind these tests', () => {
  test('holds what the rule must handle', () => {
    // Guards against a generator change that would leave a case untested.
    const orders = new Map();
    for (const r of posted) if (r.context.orderId) orders.set(`${r.surveyId}/${r.context.orderId}`, (orders.get(`${r.surveyId}/${r.context.orderId}`) ?? new Set()).add(r.id));
    assert.ok([...orders.values()].filter((ids) => ids.size > 1).length >= 20, 'orders answered twice');
    assert.ok(posted.filter((r) => r.complete === false).length >= 30, 'partials');
    assert.ok(posted.length - new Set(posted.map((r) => r.id)).size >= 20, 'ids posted twice');
    assert.ok(counted.length < new Set(posted.map((r) => r.id)).size, 'some responses do not count');
    assert.ok(counted.length > 250);
  });
});

describe('GET /v1/summary', () => {
  test('equals summary() on the same responses', async () => {
    close(await get('/v1/summary'), summary(counted));
  });
  test('with filters: survey, dates in the shop time zone, a context field', async () => {
    close(await get('/v1/summary?survey=post-purchase'), summary(where((r) => r.surveyId === 'post-purchase')));
    const from = periodKey(posted[40].createdAt, 'day', TZ);
    const to = periodKey(posted[200].createdAt, 'day', TZ);
    close(
      await get(`/v1/summary?from=${from}&to=${to}&context.channel=app&minN=10`),
      summary(where((r) => inDays(r, from, to) && r.context.channel === 'app'), { minN: 10 }),
    );
    // The same days in New York are other instants.
    close(
      await get(`/v1/summary?from=${from}&to=${to}&timeZone=America/New_York`),
      summary(where((r) => inDays(r, from, to, 'America/New_York'))),
    );
  });
  test('groupBy a context field, with or without context.', async () => {
    const bySku = await get('/v1/summary?groupBy=sku&minN=20');
    close(bySku, summary(counted, { groupBy: 'sku', minN: 20 }));
    assert.equal(bySku.groups.length, 6, 'five SKUs and the responses without one (key null)');
    assert.ok(bySku.groups.some((g) => g.key === null));
    close(await get('/v1/summary?groupBy=context.channel&survey=returns'), summary(where((r) => r.surveyId === 'returns'), { groupBy: 'channel' }));
  });
  test('question= names the NPS question; nothing matching is n 0', async () => {
    close(await get('/v1/summary?question=delivery'), summary(counted, { question: 'delivery' }));
    const none = await get('/v1/summary?survey=nobody');
    close(none, summary([]));
    assert.equal(none.n, 0);
    assert.equal(none.nps, null);
  });
});

describe('GET /v1/trend', () => {
  test('weekly NPS equals trend() on the same responses', async () => {
    const got = await get('/v1/trend?interval=week');
    close(got, trend(counted, { interval: 'week' }));
    assert.ok(got.periods.length >= 8, `${got.periods.length} weeks`);
  });
  test('daily in another time zone, monthly by SKU, a Likert question', async () => {
    close(await get('/v1/trend?interval=day&timeZone=America/New_York&minN=1'), trend(counted, { interval: 'day', timeZone: 'America/New_York', minN: 1 }));
    close(await get('/v1/trend?interval=month&groupBy=sku'), trend(counted, { interval: 'month', groupBy: 'sku' }));
    close(
      await get('/v1/trend?interval=week&question=delivery&survey=post-purchase'),
      trend(where((r) => r.surveyId === 'post-purchase'), { interval: 'week', question: 'delivery' }),
    );
  });
  test('each period key is periodKey() of its responses', async () => {
    // Independent of trend(): count the counted NPS answers per Shanghai week by hand.
    const perWeek = new Map();
    for (const r of counted) if (r.scores.nps) perWeek.set(periodKey(r.createdAt, 'week', TZ), (perWeek.get(periodKey(r.createdAt, 'week', TZ)) ?? 0) + 1);
    const got = await get('/v1/trend?interval=week');
    for (const p of got.periods) assert.equal(p.n, perWeek.get(p.period) ?? 0, p.period);
    assert.equal(got.periods.reduce((a, p) => a + p.n, 0), [...perWeek.values()].reduce((a, b) => a + b, 0));
  });
});

describe('GET /v1/drivers', () => {
  test('equals keyDrivers() on the same responses', async () => {
    const drivers = ['delivery', 'described', 'service', 'packaging'];
    const got = await get(`/v1/drivers?outcome=nps&drivers=${drivers.join(',')}`);
    close(got, keyDrivers(counted, { outcome: 'nps', drivers }));
    assert.ok(got.r2 > 0.2, `the generated NPS follows its drivers: r2 ${got.r2}`);
  });
  test('a Likert outcome, groupBy, filters', async () => {
    close(
      await get('/v1/drivers?outcome=described&drivers=delivery,service'),
      keyDrivers(counted, { outcome: 'described', drivers: ['delivery', 'service'] }),
    );
    close(
      await get('/v1/drivers?drivers=delivery,described,service&groupBy=channel&minN=30'),
      keyDrivers(counted, { drivers: ['delivery', 'described', 'service'], groupBy: 'channel', minN: 30 }),
    );
    close(
      await get('/v1/drivers?drivers=delivery,described&survey=post-purchase&context.sku=SKU-2'),
      keyDrivers(where((r) => r.surveyId === 'post-purchase' && r.context.sku === 'SKU-2'), { drivers: ['delivery', 'described'] }),
    );
  });
  test('a driver nobody answered in the filters is reported, not a failure; one no response answers is a 400', async () => {
    close(await get('/v1/drivers?drivers=delivery,service&context.sku=none'), keyDrivers([], { drivers: ['delivery', 'service'] }));
    // With a name no response answers, delivery alone shared all of R² (100%): surely a typo.
    const r = await t.admin('/v1/drivers?drivers=delivery,nobodyAsked');
    assert.equal(r.status, 400, r.text);
    assert.match(r.body.error, /^parameter drivers: no response answers "nobodyAsked" \(NPS and Likert questions answered: "delivery", "described", "nps", "packaging", "service"\)$/);
  });
});

describe('GET /v1/themes', () => {
  test('equals themes() on the same responses', async () => {
    const got = await get('/v1/themes?locale=zh-CN');
    close(got, themes(counted, { locale: 'zh-CN' }));
    assert.ok(got.comments > 150, `${got.comments} comments`);
    close(await get('/v1/themes?locale=en&survey=post-purchase'), themes(where((r) => r.surveyId === 'post-purchase'), { locale: 'en' }));
  });
  test('limit= reads the newest comments only', async () => {
    const blank = (s) => typeof s !== 'string' || s.trim() === '';
    const withText = counted.filter((r) => Object.entries(r.scores).some(([k, s]) => s.type === 'text' && !blank(r.answers[k])));
    const newest = withText.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)).slice(0, 40);
    const got = await get('/v1/themes?locale=zh-TW&limit=40');
    close(got, themes(newest, { locale: 'zh-TW' }));
    assert.equal(got.comments, 40);
  });
});

describe('bad requests', () => {
  const refused = [
    ['/v1/summary?sku=SKU-1', 'sku'],
    ['/v1/summary?groupBy=a%20b', 'groupBy'],
    ['/v1/summary?minN=-1', 'minN'],
    ['/v1/summary?minN=1.5', 'minN'],
    ['/v1/summary?from=yesterday', 'from'],
    ['/v1/summary?timeZone=Mars/Olympus', 'timeZone'],
    ['/v1/summary?interval=week', 'interval'],
    ['/v1/trend?interval=year', 'interval'],
    ['/v1/trend?interval=week&interval=day', 'interval'],
    ['/v1/trend?question=', 'question'],
    ['/v1/drivers', 'drivers'],
    ['/v1/drivers?drivers=a,b,c,d,e,f,g,h,i,j,k,l,m', 'drivers'],
    ['/v1/drivers?drivers=delivery,delivery', 'drivers'],
    ['/v1/drivers?drivers=delivery,,service', 'drivers'],
    ['/v1/drivers?outcome=delivery&drivers=delivery', 'drivers'],
    ['/v1/drivers?drivers=delivery&locale=en', 'locale'],
    ['/v1/themes?locale=fr', 'locale'],
    ['/v1/themes?locale=zh_TW', 'locale'],
    ['/v1/summary?question=nobodyAsked', 'question'],
    ['/v1/trend?question=nobodyAsked', 'question'],
    ['/v1/drivers?outcome=nobodyAsked&drivers=delivery', 'outcome'],
    ['/v1/themes?question=nobodyAsked', 'question'],
    ['/v1/summary?groupBy=__proto__', 'groupBy'],
    ['/v1/themes?limit=20001', 'limit'],
    ['/v1/themes?limit=0', 'limit'],
    ['/v1/themes?groupBy=sku', 'groupBy'],
  ];
  for (const [path, name] of refused) {
    test(`${path} is a 400 naming ${name}`, async () => {
      const r = await t.admin(path);
      assert.equal(r.status, 400, r.text);
      assert.match(r.body.error, new RegExp(`\\b${name}\\b`), r.body.error);
    });
  }
  test('admin token and method', async () => {
    assert.equal((await request(t.url, '/v1/summary')).status, 401);
    assert.equal((await t.admin('/v1/trend', { method: 'POST', body: {} })).status, 405);
  });
});

// Last: it posts a survey of its own, which the comparisons above do not expect.
describe('who counts', () => {
  test('each order once (complete, then latest), each id at its highest revision: worked by hand', async () => {
    const survey = `hand-${randomUUID().slice(0, 8)}`;
    const base = { surveyId: survey, locale: 'zh-CN', revision: 1, complete: true };
    const one = (id, nps, createdAt, context, over = {}) => ({
      ...base, id, createdAt, context, answers: { nps }, scores: { nps: npsScore(nps) }, ...over,
    });
    const z = randomUUID();
    const rows = [
      one(randomUUID(), 10, '2026-11-02T01:00:00.000Z', { orderId: 'X' }), // X: complete
      one(randomUUID(), 0, '2026-11-03T01:00:00.000Z', { orderId: 'X' }, { complete: false }), // X: later, but a partial: loses
      one(randomUUID(), 3, '2026-11-02T01:00:00.000Z', { orderId: 'Y' }), // Y: earlier: loses
      one(randomUUID(), 8, '2026-11-04T01:00:00.000Z', { orderId: 'Y' }), // Y: later complete: wins (passive)
      one(randomUUID(), 9, '2026-11-02T01:00:00.000Z', {}), // no order: counts
      one(randomUUID(), 2, '2026-11-02T02:00:00.000Z', { orderId: '' }), // empty order: counts
      one(z, 2, '2026-11-02T01:00:00.000Z', { orderId: 'Z' }),
      one(z, 10, '2026-11-02T01:00:00.000Z', { orderId: 'Z' }, { revision: 2 }), // Z: revision 2 replaces revision 1
    ];
    assert.equal((await t.post(batch(rows))).status, 200);
    const s = await get(`/v1/summary?survey=${survey}&minN=1`);
    // Counted: X (10), Y (8), no order (9), empty order (2), Z (10) = 5 responses;
    // promoters 10, 9, 10 = 3, passives 8 = 1, detractors 2 = 1; NPS = (3 − 1) / 5 × 100 = 40.
    assert.equal(s.n, 5);
    assert.deepEqual([s.nps.promoters, s.nps.passives, s.nps.detractors], [3, 1, 1]);
    assert.ok(Math.abs(s.nps.nps - 40) < 1e-9);
    // The week of 2026-11-04 (a Wednesday) alone: Y's winner only; Y's earlier answer (11-02) does not
    // come back in its own week, and X's partial (11-03) stays out: the rule applies before the filter.
    const w = await get(`/v1/summary?survey=${survey}&from=2026-11-03&to=2026-11-04&minN=1`);
    assert.equal(w.n, 1);
    assert.deepEqual([w.nps.promoters, w.nps.passives, w.nps.detractors], [0, 1, 0]);
    // Erasing Y's winner brings its earlier answer back: counting is computed, not stored.
    const yWinner = rows[3].id;
    assert.equal((await t.admin(`/v1/responses?id=${yWinner}`, { method: 'DELETE' })).status, 200);
    const after = await get(`/v1/summary?survey=${survey}&minN=1`);
    // Now Y counts its 3: promoters 3, passives 0, detractors 2 of 5.
    assert.deepEqual([after.n, after.nps.promoters, after.nps.passives, after.nps.detractors], [5, 3, 0, 2]);
  });
  test('a revision that moves a response to another order is counted in its new order', async () => {
    const survey = `move-${randomUUID().slice(0, 8)}`;
    const w = randomUUID();
    const one = (id, nps, createdAt, orderId, revision = 1) => ({
      id, surveyId: survey, locale: 'zh-CN', revision, complete: true, createdAt, context: { orderId }, answers: { nps }, scores: { nps: npsScore(nps) },
    });
    // V answered twice: W (nps 0, earlier) loses to the later nps 10. T answered once: nps 8, later than W.
    const first = [one(w, 0, '2026-11-02T01:00:00.000Z', 'V'), one(randomUUID(), 10, '2026-11-03T01:00:00.000Z', 'V'), one(randomUUID(), 8, '2026-11-04T01:00:00.000Z', 'T')];
    assert.equal((await t.post(batch(first))).status, 200);
    const before = await get(`/v1/summary?survey=${survey}&minN=1`);
    // n = 2: V's promoter, T's passive.
    assert.deepEqual([before.n, before.nps.promoters, before.nps.passives, before.nps.detractors], [2, 1, 1, 0]);
    // W's revision 2 belongs to order T: now T has two responses and W, the earlier, loses there too
    // (a count of T's responses left at one would let W count as a second customer).
    assert.equal((await t.post(batch([one(w, 0, '2026-11-02T01:00:00.000Z', 'T', 2)]))).status, 200);
    const moved = await get(`/v1/summary?survey=${survey}&minN=1`);
    // Still n = 2: V's promoter (alone in V now), T's passive.
    assert.deepEqual([moved.n, moved.nps.promoters, moved.nps.passives, moved.nps.detractors], [2, 1, 1, 0]);
    // Erasing T's passive leaves W alone in T: n = 2, one promoter and one detractor.
    const passive = first[2].id;
    assert.equal((await t.admin(`/v1/responses?id=${passive}`, { method: 'DELETE' })).status, 200);
    const erased = await get(`/v1/summary?survey=${survey}&minN=1`);
    assert.deepEqual([erased.n, erased.nps.promoters, erased.nps.passives, erased.nps.detractors], [2, 1, 0, 1]);
  });
  test('a partial that adds answers is analysed with the answers it merged into; an erased response is gone from every route', async () => {
    const survey = `merge-${randomUUID().slice(0, 8)}`;
    const id = randomUUID();
    const at = '2026-11-05T02:00:00.000Z';
    const part = (revision, answers, scores) => ({ id, surveyId: survey, locale: 'zh-CN', revision, complete: false, createdAt: at, context: {}, answers, scores });
    // Revision 1 on one device: NPS 3. Revision 2 on another: delivery 4 of 5 only, merged into the stored answers.
    assert.equal((await t.post(batch([part(1, { nps: 3 }, { nps: npsScore(3) })]))).status, 200);
    assert.equal((await t.post(batch([part(2, { delivery: 4 }, { delivery: likert(4, 5) })]))).status, 200);
    const s = await get(`/v1/summary?survey=${survey}&minN=1`);
    // One response: a detractor (3), delivery satisfied (4 of 5 is top-2-box), mean 4.
    assert.equal(s.n, 1);
    assert.deepEqual([s.nps.promoters, s.nps.passives, s.nps.detractors], [0, 0, 1]);
    assert.equal(s.csat.delivery.satisfied, 1);
    const d = await get(`/v1/trend?survey=${survey}&question=delivery&interval=day&minN=1`);
    assert.deepEqual(d.periods.map((p) => [p.period, p.n]), [['2026-11-05', 1]]);
    assert.equal((await t.admin(`/v1/responses?id=${id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await get(`/v1/summary?survey=${survey}&minN=1`)).n, 0);
    assert.deepEqual((await get(`/v1/trend?survey=${survey}&question=delivery&interval=day&minN=1`)).periods, []);
  });
  test('8 concurrent senders sharing orders: each order counted once, as summary() counts the stored responses', async () => {
    // The ingest statement counts the responses per order itself (no trigger): concurrent batches that
    // insert into the same orders, replay each other and move responses between orders must leave counts
    // that make the rule count each order once.
    const survey = `race-${randomUUID().slice(0, 8)}`;
    const ids = Array.from({ length: 120 }, () => randomUUID());
    const one = (i, revision) => ({
      id: ids[i], surveyId: survey, locale: 'zh-CN', revision, complete: true,
      createdAt: new Date(Date.UTC(2026, 10, 2) + i * 60_000).toISOString(),
      // One order per response; revision 2 moves every third into the next one's order, which then has two.
      context: { orderId: `R${revision === 2 && i % 3 === 0 ? i + 1 : i}` },
      answers: { nps: (i * 7) % 11 }, scores: { nps: npsScore((i * 7) % 11) },
    });
    // Each sender posts an overlapping slice at revision 1 and 2, in its own order.
    const sends = Array.from({ length: 8 }, (_, k) => async () => {
      for (let round = 0; round < 3; round++) {
        const slice = ids.map((_, i) => i).filter((i) => (i + k + round) % 4 !== 0);
        const rev = (k + round) % 2 ? 2 : 1;
        const res = await t.post(batch(slice.map((i) => one(i, rev))));
        assert.equal(res.status, 200);
      }
    });
    await Promise.all(sends.map((f) => f()));
    const listed = [];
    for (let cursor = ''; ; ) {
      const page = await t.admin(`/v1/responses?survey=${survey}&limit=500${cursor && `&cursor=${cursor}`}`);
      listed.push(...page.body.responses);
      if (!page.body.nextCursor) break;
      cursor = page.body.nextCursor;
    }
    assert.equal(listed.length, 120);
    const expected = summary(latestResponses(listed), { minN: 1 });
    const s = await get(`/v1/summary?survey=${survey}&minN=1`);
    // Every stored response has an order, so exactly as many are counted as orders are used: 120 − 40 moved = 80
    // when the last write of each moved id was its revision 2 (the highest revision wins, whoever sent it last).
    assert.equal(s.n, new Set(listed.map((r) => r.context.orderId)).size);
    assert.equal(s.n, 80);
    assert.equal(s.n, expected.n);
    assert.deepEqual([s.nps.promoters, s.nps.passives, s.nps.detractors], [expected.nps.promoters, expected.nps.passives, expected.nps.detractors]);
  });
});

describe('planner statistics', () => {
  test(DB === 'pglite' ? 'PGlite (no autovacuum): the collector samples its tables at start' : 'PostgreSQL: left to autovacuum', async () => {
    // The analysis plans depend on table sizes; PGlite never learns them by itself.
    for (let i = 0; i < 100 && DB === 'pglite' && !t.events.some((e) => e.event === 'analyze'); i++) await new Promise((r) => setTimeout(r, 100));
    const analyzed = t.events.filter((e) => e.event === 'analyze');
    assert.equal(analyzed.length, DB === 'pglite' ? 1 : 0);
    assert.ok(!t.events.some((e) => e.event === 'analyze.error'));
  });
});
