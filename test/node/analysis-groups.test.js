// groupBy in one pass (summaryStats, trendStats, driverStats): each group's stats are the stats of that
// group's responses alone, with the keys in first-seen order, however the groups interleave.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { driverStats, latestResponses, summaryStats, trendStats } from '../../dist/analysis.js';

const likert = (value) => ({ type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 });
/** 3,000 seeded responses over 7 days; sku cycles through 5 values, one in 11 has none and one in 13 a number. */
function responses() {
  let x = 42;
  const rnd = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  return Array.from({ length: 3000 }, (_, i) => {
    const v = Math.floor(rnd() * 11);
    const scores = { nps: { type: 'nps', value: v, category: v >= 9 ? 'promoter' : v >= 7 ? 'passive' : 'detractor' } };
    if (rnd() < 0.9) scores.delivery = likert(1 + Math.floor(rnd() * 5));
    if (rnd() < 0.7) scores.service = likert(1 + Math.floor(rnd() * 5));
    const context = { orderId: `O${i % 2900}` }; // orders 0..99 answered twice
    if (i % 11 !== 0) context.sku = i % 13 === 0 ? 7 : `SKU-${(i * 7) % 5}`;
    return { id: `g${i}`, surveyId: 's', createdAt: new Date(Date.UTC(2026, 10, 23) + rnd() * 7 * 86_400_000).toISOString(), complete: rnd() < 0.95, scores, context };
  });
}
const keyOf = (r) => (typeof r.context?.sku === 'string' ? r.context.sku : null);

describe('groupBy: one pass, the same as each group alone', () => {
  const all = responses();
  const counted = latestResponses(all);
  // Keys in the order first seen among the responses that count.
  const keys = [...new Set(counted.map(keyOf))];
  const alone = (key) => counted.filter((r) => keyOf(r) === key);

  it('the groups and their order', () => {
    assert.equal(keys.length, 6); // null and SKU-0 .. SKU-4 (the number 7 counts as no sku)
    assert.deepEqual(summaryStats(all, { groupBy: 'sku' }).groups.map((g) => g.key), keys);
  });

  it('summaryStats', () => {
    const g = summaryStats(all, { groupBy: 'sku' });
    for (const [i, key] of keys.entries()) assert.deepEqual(g.groups[i].stats, summaryStats(alone(key)), String(key));
    // The groups together are the whole: n sums to the responses that count.
    assert.equal(g.groups.reduce((n, x) => n + x.stats.n, 0), counted.length);
  });

  it('trendStats', () => {
    const options = { interval: 'day', timeZone: 'Asia/Shanghai' };
    const g = trendStats(all, { ...options, groupBy: 'sku' });
    for (const [i, key] of keys.entries()) assert.deepEqual(g.groups[i].stats, trendStats(alone(key), options), String(key));
    const likertOptions = { ...options, question: 'service' };
    const gl = trendStats(all, { ...likertOptions, groupBy: 'sku' });
    for (const [i, key] of keys.entries()) assert.deepEqual(gl.groups[i].stats, trendStats(alone(key), likertOptions), String(key));
  });

  it('driverStats', () => {
    const options = { drivers: ['delivery', 'service'] };
    const g = driverStats(all, { ...options, groupBy: 'sku' });
    for (const [i, key] of keys.entries()) assert.deepEqual(g.groups[i].stats, driverStats(alone(key), options), String(key));
  });

  it("an unreadable createdAt is named by the response's id, or its place in its group", () => {
    const ok = { scores: { nps: { type: 'nps', value: 9, category: 'promoter' } }, createdAt: '2026-11-23T10:00:00Z' };
    const rs = [{ ...ok, context: { sku: 'a' } }, { ...ok, context: { sku: 'b' } }, { ...ok, context: { sku: 'b' }, createdAt: 'later' }];
    // The third response is the second (index 1) of group 'b'.
    assert.throws(() => trendStats(rs, { interval: 'day', groupBy: 'sku' }), /trendStats: response 1 has no readable createdAt \(later\)/);
    assert.throws(() => trendStats(rs, { interval: 'day' }), /trendStats: response 2 has no readable createdAt \(later\)/);
  });
});

describe('driverStats: pair sums, however they are made', () => {
  const likertOf = (value) => ({ type: 'likert', value, points: 5, normalized: 0, satisfied: false });
  /** Σ over the responses answering both a and b, in the responses' order, of f(x_a, x_b). */
  const inOrder = (rs, a, b, f) => rs.filter((r) => r.scores[a] && r.scores[b]).reduce((s, r) => s + f(r.scores[a].value, r.scores[b].value), 0);
  const check = (rs) => {
    const { pairs } = driverStats(rs, { outcome: 'y', drivers: ['p', 'q'] });
    for (const p of pairs) {
      assert.deepEqual(
        [p.n, p.sumA, p.sumB, p.sumAA, p.sumBB, p.sumAB],
        [inOrder(rs, p.a, p.b, () => 1), inOrder(rs, p.a, p.b, (x) => x), inOrder(rs, p.a, p.b, (_, y) => y), inOrder(rs, p.a, p.b, (x) => x * x), inOrder(rs, p.a, p.b, (_, y) => y * y), inOrder(rs, p.a, p.b, (x, y) => x * y)],
        `${p.a} × ${p.b}`,
      );
    }
  };

  it('whole-number answers, some answering every question and some not', () => {
    // y, p, q all answered by responses 0, 2, 3; response 1 lacks q, response 4 lacks p.
    const rs = [
      { id: '0', scores: { y: likertOf(1), p: likertOf(2), q: likertOf(3) } },
      { id: '1', scores: { y: likertOf(4), p: likertOf(5) } },
      { id: '2', scores: { y: likertOf(5), p: likertOf(1), q: likertOf(2) } },
      { id: '3', scores: { y: likertOf(3), p: likertOf(3), q: likertOf(3) } },
      { id: '4', scores: { y: likertOf(2), q: likertOf(5) } },
    ];
    check(rs);
    // By hand, y × p over responses 0..3: n 4, Σy = 1 + 4 + 5 + 3 = 13, Σp = 2 + 5 + 1 + 3 = 11, Σyp = 2 + 20 + 5 + 9 = 36.
    const yp = driverStats(rs, { outcome: 'y', drivers: ['p', 'q'] }).pairs.find((x) => x.a === 'y' && x.b === 'p');
    assert.deepEqual([yp.n, yp.sumA, yp.sumB, yp.sumAB], [4, 13, 11, 36]);
  });

  it('fractional answers are summed in the responses order, as floating point needs', () => {
    // (0.1 + 0.2) + 0.3 = 0.6000000000000001 but 0.1 + (0.2 + 0.3) = 0.6: the order shows in the last digit.
    assert.notEqual(0.1 + 0.2 + 0.3, 0.1 + (0.2 + 0.3));
    // Sevenths (never exact in binary), every third response answering two of the three questions: their
    // sums fall between the others', and another order of adding would change the last digits.
    const rs = Array.from({ length: 60 }, (_, i) => {
      const scores = { y: likertOf(1 + ((i * 3) % 7) / 7), p: likertOf(1 + ((i * 5) % 7) / 7) };
      if (i % 3 !== 1) scores.q = likertOf(1 + ((i * 2) % 7) / 7);
      return { id: `f${i}`, scores };
    });
    check(rs);
  });
});
