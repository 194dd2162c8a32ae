// summary(), summaryStats() and latestResponses() from the built koubei/analysis, against counts worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { latestResponses, npsInterval, csatInterval, summary, summaryStats } from '../../dist/analysis.js';
import { scoreResponse } from '../../dist/scoring.js';

const QUESTIONS = [
  { name: 'nps', type: 'nps' },
  { name: 'delivery', type: 'likert', points: 5 },
  { name: 'fit', type: 'likert', points: 3 },
  { name: 'comment', type: 'text' },
];
let seq = 0;
const response = (answers, context = {}, extra = {}) => ({
  id: `r${++seq}`,
  surveyId: 'post-purchase',
  createdAt: '2026-11-23T10:00:00Z',
  locale: 'zh-CN',
  answers,
  scores: scoreResponse(answers, QUESTIONS),
  context,
  complete: true,
  revision: 1,
  ...extra,
});

// SKU A: 6 answers, SKU B: 3, one without a SKU.
const RESPONSES = [
  response({ nps: 10, delivery: 5, fit: 3 }, { sku: 'A' }),
  response({ nps: 9, delivery: 4 }, { sku: 'A' }),
  response({ nps: 9, delivery: 2, fit: 1 }, { sku: 'A' }),
  response({ nps: 8, delivery: 3 }, { sku: 'A' }),
  response({ nps: 3, delivery: 1 }, { sku: 'A' }),
  response({ nps: 0, fit: 2, comment: '太慢了' }, { sku: 'A' }),
  response({ nps: 7, delivery: 4 }, { sku: 'B' }),
  response({ nps: 10, delivery: 5 }, { sku: 'B' }),
  response({ nps: 6 }, { sku: 'B' }),
  response({ delivery: 4 }, {}),
];

describe('summary', () => {
  const s = summary(RESPONSES, { minN: 5 });

  it('counts responses and NPS categories', () => {
    // nps answers: 10, 9, 9, 8, 3, 0, 7, 10, 6 → promoters 4 (10, 9, 9, 10), passives 2 (8, 7), detractors 3 (3, 0, 6)
    assert.equal(s.n, 10);
    assert.equal(s.insufficient, false);
    assert.deepEqual([s.nps.promoters, s.nps.passives, s.nps.detractors, s.nps.n], [4, 2, 3, 9]);
    // NPS = (4 − 3) / 9 = 11.11
    assert.ok(Math.abs(s.nps.nps - 100 / 9) < 1e-12);
    assert.deepEqual({ ...s.nps }, { ...npsInterval({ promoters: 4, passives: 2, detractors: 3 }), promoters: 4, passives: 2, detractors: 3, insufficient: false });
  });

  it('CSAT per Likert question with its Wilson interval and mean', () => {
    // delivery: 5, 4, 2, 3, 1, 4, 5, 4 → n 8, satisfied (4, 5) = 5, mean 28 / 8 = 3.5
    const d = s.csat.delivery;
    assert.deepEqual([d.n, d.satisfied, d.points, d.mean, d.csat], [8, 5, 5, 3.5, 62.5]);
    // Wilson 5 of 8 (worked out in summarize.test.js): [30.57, 86.32]
    assert.ok(Math.abs(d.low - 30.57) < 0.005 && Math.abs(d.high - 86.32) < 0.005);
    // fit (3 points, top box only): 3, 1, 2 → satisfied 1 of 3, mean 2; under minN 5
    assert.deepEqual([s.csat.fit.n, s.csat.fit.satisfied, s.csat.fit.mean, s.csat.fit.insufficient], [3, 1, 2, true]);
    assert.deepEqual({ ...s.csat.fit }, { ...csatInterval({ satisfied: 1, n: 3 }), points: 3, mean: 2, insufficient: true });
    assert.equal(s.csat.comment, undefined); // text is not a CSAT
  });

  it('the statistics path gives the same result, from summaryStats() or from numbers a database computed', () => {
    assert.deepEqual(summary(summaryStats(RESPONSES), { minN: 5 }), s);
    // What `SELECT count(*), count(*) FILTER (WHERE scores->'nps'->>'category' = 'promoter'), ...` returns:
    const sql = {
      n: 10,
      questions: {
        nps: { type: 'nps', promoters: 4, passives: 2, detractors: 3 },
        delivery: { type: 'likert', n: 8, satisfied: 5, sum: 28, points: 5 },
        fit: { type: 'likert', n: 3, satisfied: 1, sum: 6, points: 3 },
      },
    };
    assert.deepEqual(summaryStats(RESPONSES), sql);
    assert.deepEqual(summary(sql, { minN: 5 }), s);
  });

  it('is JSON as it stands: no Map, no NaN, nulls where there is no value', () => {
    const empty = summary([]);
    assert.deepEqual(empty, { n: 0, insufficient: true, minN: 30, level: 0.95, nps: null, csat: {} });
    assert.deepEqual(JSON.parse(JSON.stringify(s)), s);
  });

  it('groupBy a context field: one result per value, largest first, small groups marked', () => {
    const g = summary(RESPONSES, { groupBy: 'sku', minN: 5 });
    assert.deepEqual(g.groups.map((x) => [x.key, x.n, x.insufficient]), [['A', 6, false], ['B', 3, true], [null, 1, true]]);
    // SKU A: 10, 9, 9 promoters; 8 passive; 3, 0 detractors → (3 − 2) / 6 = 16.67
    assert.ok(Math.abs(g.groups[0].nps.nps - 100 / 6) < 1e-12);
    // SKU B: 7 passive, 10 promoter, 6 detractor → 0, on 3 answers
    assert.deepEqual([g.groups[1].nps.nps, g.groups[1].nps.insufficient], [0, true]);
    assert.equal(g.groups[2].nps, null);
    assert.deepEqual(summary(RESPONSES, { groupBy: 'context.sku', minN: 5 }), g);
    // The stats path: one SummaryStats per GROUP BY key, in any order.
    const stats = summaryStats(RESPONSES, { groupBy: 'sku' });
    assert.deepEqual(summary({ groups: stats.groups.slice().reverse() }, { minN: 5 }), g);
  });

  it('bad options are named', () => {
    assert.throws(() => summary(RESPONSES, { level: 1 }), /level must be a number between 0 and 1/);
    assert.throws(() => summary(RESPONSES, { minN: -1 }), /minN must be a non-negative integer/);
    assert.throws(() => summary(RESPONSES, { groupBy: '' }), /groupBy must be a context field name/);
    assert.throws(() => summary(summaryStats(RESPONSES), { groupBy: 'sku' }), /groupBy needs responses or grouped stats/);
    assert.throws(() => summary([{ id: 'x' }]), /input\[0\] must be a response with a scores object/);
    assert.throws(() => summary({ n: 1, questions: { q: { type: 'text' } } }), /questions\.q\.type must be 'nps' or 'likert'/);
    assert.throws(() => summary({ n: 1, questions: { d: { type: 'likert', n: 1, satisfied: 1, points: 5 } } }), /questions\.d\.sum must be a finite number/);
    assert.throws(() => summary('x'), TypeError);
  });
});

describe('latestResponses: each customer once', () => {
  const r = (id, extra) => ({ id, surveyId: 's', scores: {}, context: {}, complete: true, revision: 1, createdAt: '2026-11-23T10:00:00Z', ...extra });

  it('each id once, at its highest revision, in first-seen order', () => {
    const a1 = r('a', { revision: 1, complete: false });
    const a2 = r('a', { revision: 2 });
    const b = r('b');
    assert.deepEqual(latestResponses([a1, b, a2, b]), [a2, b]);
  });

  it('one per (surveyId, orderId): the latest complete response wins, even over a later partial', () => {
    const early = r('a', { context: { orderId: 'O1' }, createdAt: '2026-11-23T10:00:00Z' });
    const late = r('b', { context: { orderId: 'O1' }, createdAt: '2026-11-23T11:00:00Z' });
    const partialAfter = r('c', { context: { orderId: 'O1' }, createdAt: '2026-11-23T12:00:00Z', complete: false });
    assert.deepEqual(latestResponses([early, late, partialAfter]), [late]);
    assert.deepEqual(latestResponses([partialAfter, late, early]), [late]);
  });

  it('an order with only partial responses keeps its latest; createdAt compares instants, not strings', () => {
    // 18:00+08:00 is 10:00Z, before 10:30Z, although the string sorts after it.
    const a = r('a', { context: { orderId: 'O1' }, createdAt: '2026-11-23T18:00:00+08:00', complete: false });
    const b = r('b', { context: { orderId: 'O1' }, createdAt: '2026-11-23T10:30:00Z', complete: false });
    assert.deepEqual(latestResponses([a, b]), [b]);
  });

  it('ties: the higher revision, then the greater id', () => {
    const a = r('a', { context: { orderId: 'O1' }, revision: 2 });
    const b = r('b', { context: { orderId: 'O1' } });
    assert.deepEqual(latestResponses([a, b]), [a]);
    const c = r('c', { context: { orderId: 'O1' } });
    assert.deepEqual(latestResponses([b, c]), [c]);
  });

  it('the same orderId in another survey, responses without an orderId, and an empty orderId all count', () => {
    const a = r('a', { context: { orderId: 'O1' } });
    const b = r('b', { context: { orderId: 'O1' }, surveyId: 'other' });
    const c = r('c');
    const d = r('d');
    const e = r('e', { context: { orderId: '' } });
    assert.deepEqual(latestResponses([a, b, c, d, e]), [a, b, c, d, e]);
  });

  it('summary applies it: an order answered twice counts once', () => {
    const first = response({ nps: 0 }, { orderId: 'X9' }, { createdAt: '2026-11-20T10:00:00Z' });
    const second = response({ nps: 10 }, { orderId: 'X9' }, { createdAt: '2026-11-21T10:00:00Z' });
    const s = summary([first, second]);
    assert.deepEqual([s.n, s.nps.promoters, s.nps.detractors], [1, 1, 0]);
  });
});

describe('koubei/analysis runs unchanged in a browser', () => {
  it('the built module and its chunks import nothing from Node and read no clock', async () => {
    const { readFile } = await import('node:fs/promises');
    const seen = new Set();
    const visit = async (file) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = await readFile(new URL(file, new URL('../../dist/', import.meta.url)), 'utf8');
      assert.doesNotMatch(code, /from\s*["']node:|require\(|\bprocess\.|\bBuffer\b|\bdocument\.|\bwindow\./, file);
      assert.doesNotMatch(code, /Date\.now\(|new Date\(\)/, file);
      for (const [, dep] of code.matchAll(/from\s*["']\.\/([^"']+)["']/g)) await visit(dep);
    };
    await visit('analysis.js');
    assert.ok(seen.size >= 1);
  });
});
