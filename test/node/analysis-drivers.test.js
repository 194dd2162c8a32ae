// keyDrivers() and driverStats() from the built koubei/analysis, against a decomposition enumerated by hand,
// Johnson's relative weights and a synthetic data set made from known weights.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { driverStats, keyDrivers } from '../../dist/analysis.js';

const close = (actual, expected, tol, what = '') => assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
const byName = (result) => Object.fromEntries(result.drivers.map((d) => [d.driver, d]));

/**
 * Stats with exactly the given correlations: n rows, every variable with mean 0 and variance 1
 * (Σx = 0, Σx² = n), so r = (nΣxy − ΣxΣy) / √(nΣx² · nΣy²) = Σxy / n.
 */
function statsFromCorrelations(names, r, n = 100, performance = {}) {
  return {
    outcome: names[0],
    variables: names.map((name) => ({ name, n, sum: 0, sumSquares: n, satisfied: n / 2, sumNormalized: n * (performance[name] ?? 0.5) })),
    pairs: Object.entries(r).map(([key, v]) => {
      const [a, b] = key.split(' ');
      return { a, b, n, sumA: 0, sumB: 0, sumAA: n, sumBB: n, sumAB: n * v };
    }),
  };
}

// r with the outcome: a 0.5, b 0.4, c 0.3; among drivers: ab 0.3, ac 0.2, bc 0.1.
const R = { 'nps a': 0.5, 'nps b': 0.4, 'nps c': 0.3, 'a b': 0.3, 'a c': 0.2, 'b c': 0.1 };

describe('Shapley decomposition of R² (LMG) on three drivers, enumerated by hand', () => {
  // R² of every subset:
  //   one driver: R²(a) = 0.5² = 0.25, R²(b) = 0.16, R²(c) = 0.09
  //   two: R²(ij) = (rᵢ² + rⱼ² − 2 rᵢ rⱼ rᵢⱼ) / (1 − rᵢⱼ²)
  //     R²(ab) = (0.25 + 0.16 − 2·0.5·0.4·0.3) / (1 − 0.09) = 0.29 / 0.91 = 0.318681
  //     R²(ac) = (0.25 + 0.09 − 2·0.5·0.3·0.2) / (1 − 0.04) = 0.28 / 0.96 = 0.291667
  //     R²(bc) = (0.16 + 0.09 − 2·0.4·0.3·0.1) / (1 − 0.01) = 0.226 / 0.99 = 0.228283
  //   three: R² = r' R⁻¹ r with det R = 0.99 − 0.3·0.28 + 0.2·(0.03 − 0.2) = 0.872 and
  //     r' adj(R) r = 0.99·0.25 + 0.96·0.16 + 0.91·0.09 + 2(−0.28·0.2 − 0.17·0.15 − 0.04·0.12) = 0.4830 − 0.1726 = 0.3104
  //     R²(abc) = 0.3104 / 0.872 = 0.355963
  // Shapley weights for 3 drivers: 1/3 alone, 1/6 after each single other, 1/3 after both.
  //   φa = 0.25/3 + (0.318681 − 0.16)/6 + (0.291667 − 0.09)/6 + (0.355963 − 0.228283)/3 = 0.185951 → 52.239%
  //   φb = 0.16/3 + (0.318681 − 0.25)/6 + (0.228283 − 0.09)/6 + (0.355963 − 0.291667)/3 = 0.109259 → 30.694%
  //   φc = 0.09/3 + (0.291667 − 0.25)/6 + (0.228283 − 0.16)/6 + (0.355963 − 0.318681)/3 = 0.060752 → 17.067%
  const result = keyDrivers(statsFromCorrelations(['nps', 'a', 'b', 'c'], R), {});
  const d = byName(result);

  it('R² of the full model', () => {
    close(result.r2, 0.3104 / 0.872, 1e-12);
    assert.equal(result.n, 100);
  });

  it('each driver’s Shapley value and share, largest first', () => {
    assert.deepEqual(result.drivers.map((x) => x.driver), ['a', 'b', 'c']);
    close(d.a.importance, 0.185951, 1e-6, 'φa');
    close(d.b.importance, 0.109259, 1e-6, 'φb');
    close(d.c.importance, 0.060752, 1e-6, 'φc');
    close(d.a.share, 52.239, 0.001);
    close(d.b.share, 30.694, 0.001);
    close(d.c.share, 17.067, 0.001);
    close(d.a.share + d.b.share + d.c.share, 100, 1e-9);
    assert.deepEqual([d.a.r, d.b.r, d.c.r], [0.5, 0.4, 0.3]);
  });

  it('Johnson’s relative weights agree within a few tenths of a point', () => {
    // Johnson's weights also sum to R² (here normalized to 100%); they differ from LMG by 0.23, 0.09 and 0.14 points.
    for (const x of result.drivers) close(x.relativeWeight, x.share, 0.5, x.driver);
    close(result.drivers.reduce((s, x) => s + x.relativeWeight, 0), 100, 1e-9);
  });

  it('uncorrelated drivers: the shares are their r² and both methods agree exactly', () => {
    // With R = I, R² = Σ rᵢ² = 0.25 + 0.16 + 0.09 = 0.5 and each driver contributes rᵢ² whatever the order.
    const x = byName(keyDrivers(statsFromCorrelations(['nps', 'a', 'b', 'c'], { ...R, 'a b': 0, 'a c': 0, 'b c': 0 }), {}));
    close(x.a.share, 50, 1e-9);
    close(x.b.share, 32, 1e-9);
    close(x.c.share, 18, 1e-9);
    for (const k of ['a', 'b', 'c']) close(x[k].relativeWeight, x[k].share, 1e-9);
  });

  it('the importance × performance quadrant is split at the mean share and the mean performance', () => {
    // Shares 52.2 / 30.7 / 17.1 against a mean of 100/3 = 33.3: only a is important.
    // Performance a 0.4, b 0.9, c 0.5: mean 0.6 → a fix first, b maintain, c low priority.
    const one = byName(keyDrivers(statsFromCorrelations(['nps', 'a', 'b', 'c'], R, 100, { a: 0.4, b: 0.9, c: 0.5 }), {}));
    assert.deepEqual([one.a.quadrant, one.b.quadrant, one.c.quadrant], ['fix first', 'maintain', 'low priority']);
    // a 0.9, b 0.4, c 0.5: mean 0.6 → a keep, b and c low priority.
    const two = byName(keyDrivers(statsFromCorrelations(['nps', 'a', 'b', 'c'], R, 100, { a: 0.9, b: 0.4, c: 0.5 }), {}));
    assert.deepEqual([two.a.quadrant, two.b.quadrant, two.c.quadrant], ['keep', 'low priority', 'low priority']);
    assert.equal(two.a.performance, 0.9);
  });
});

// Seeded generator (mulberry32) and Box–Muller normals: the same 2,000 responses on every run.
function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const likert = (z) => {
  const value = Math.min(5, Math.max(1, Math.round(3 + z * 1.1)));
  return { type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 };
};
const npsScore = (value) => ({ type: 'nps', value, category: value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor' });

/**
 * 2,000 responses: y = 0.5·a + 0.38·b + 0.05·c + noise, with c correlated 0.8 with a and b independent.
 * True order a > b > c. Plain correlation credits c with most of a's effect:
 * r(c, y) ∝ 0.8·0.5 + 0.05 = 0.45 > r(b, y) ∝ 0.38, so it ranks c above b.
 */
function synthetic(seed = 1, n = 2000) {
  const rand = mulberry32(seed);
  const normal = () => {
    let u = 0;
    while (u === 0) u = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
  return Array.from({ length: n }, (_, i) => {
    const f = normal();
    const b = normal();
    const c = 0.8 * f + 0.6 * normal();
    const y = 0.5 * f + 0.38 * b + 0.05 * c + 0.6 * normal();
    const v = Math.min(10, Math.max(0, Math.round(7 + 2 * y)));
    return { id: `s${i}`, surveyId: 's', scores: { nps: npsScore(v), a: likert(f), b: likert(b), c: likert(c) }, context: { region: i % 4 === 0 ? 'north' : 'south' } };
  });
}

describe('a synthetic data set made from known weights', () => {
  const responses = synthetic();
  const result = keyDrivers(responses, { drivers: ['c', 'b', 'a'] });

  it('Shapley shares rank the drivers in their true order; plain correlation does not', () => {
    assert.deepEqual(result.drivers.map((d) => d.driver), ['a', 'b', 'c']);
    const byR = result.drivers.slice().sort((x, y) => y.r - x.r).map((d) => d.driver);
    assert.deepEqual(byR, ['a', 'c', 'b']);
    assert.equal(result.n, 2000);
    assert.deepEqual(result.warnings, []);
  });

  it('Johnson’s weights give the same order within a point', () => {
    for (const d of result.drivers) close(d.relativeWeight, d.share, 1, d.driver);
  });

  it('performance: mean raw value and top-2-box from the answers', () => {
    const a = byName(result).a;
    const values = responses.map((r) => r.scores.a.value);
    close(a.mean, values.reduce((s, v) => s + v, 0) / values.length, 1e-12);
    close(a.top2box, (100 * values.filter((v) => v >= 4).length) / values.length, 1e-12);
    close(a.performance, (a.mean - 1) / 4, 1e-12); // normalized = (value − 1) / (points − 1)
  });

  it('the array path and the statistics path are equal, grouped or not', () => {
    const options = { drivers: ['c', 'b', 'a'] };
    assert.deepEqual(keyDrivers(driverStats(responses, options), {}), result);
    const grouped = keyDrivers(responses, { ...options, groupBy: 'region' });
    assert.deepEqual(grouped.groups.map((g) => [g.key, g.n, g.insufficient]), [['south', 1500, false], ['north', 500, false]]);
    assert.deepEqual(keyDrivers(driverStats(responses, { ...options, groupBy: 'region' }), { outcome: 'nps' }), grouped);
  });
});

describe('pairwise-complete statistics', () => {
  // Four customers; d2 answered by two of them.
  //   nps: 10, 6, 8, 3   d1: 5, 2, 4, 1   d2: 4, –, 5, –
  const lk = (value) => ({ type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 });
  const rows = [
    { id: '1', scores: { nps: npsScore(10), d1: lk(5), d2: lk(4) } },
    { id: '2', scores: { nps: npsScore(6), d1: lk(2) } },
    { id: '3', scores: { nps: npsScore(8), d1: lk(4), d2: lk(5) } },
    { id: '4', scores: { nps: npsScore(3), d1: lk(1) } },
  ];

  it('each pair is summed over the rows answering both', () => {
    const s = driverStats(rows, { drivers: ['d1', 'd2'] });
    assert.deepEqual(s.variables, [
      { name: 'nps', n: 4, sum: 27, sumSquares: 100 + 36 + 64 + 9, satisfied: 0, sumNormalized: 0 },
      { name: 'd1', n: 4, sum: 12, sumSquares: 25 + 4 + 16 + 1, satisfied: 2, sumNormalized: (4 + 1 + 3 + 0) / 4 },
      { name: 'd2', n: 2, sum: 9, sumSquares: 16 + 25, satisfied: 2, sumNormalized: (3 + 4) / 4 },
    ]);
    assert.deepEqual(s.pairs, [
      { a: 'nps', b: 'd1', n: 4, sumA: 27, sumB: 12, sumAA: 209, sumBB: 46, sumAB: 50 + 12 + 32 + 3 },
      { a: 'nps', b: 'd2', n: 2, sumA: 18, sumB: 9, sumAA: 164, sumBB: 41, sumAB: 40 + 40 },
      { a: 'd1', b: 'd2', n: 2, sumA: 9, sumB: 9, sumAA: 41, sumBB: 41, sumAB: 20 + 20 },
    ]);
  });

  it('a pair stored in the other order (b, a) reads the same', () => {
    const s = driverStats(synthetic(2, 300), { drivers: ['a', 'b'] });
    const flipped = { ...s, pairs: s.pairs.map((p) => ({ a: p.b, b: p.a, n: p.n, sumA: p.sumB, sumB: p.sumA, sumAA: p.sumBB, sumBB: p.sumAA, sumAB: p.sumAB })) };
    assert.deepEqual(keyDrivers(flipped, {}), keyDrivers(s, {}));
  });
});

describe('warnings', () => {
  const codes = (r) => r.warnings.map((w) => [w.code, w.question ?? null]);

  it('n under 50', () => {
    const r = keyDrivers(synthetic(3, 40), { drivers: ['a', 'b', 'c'] });
    assert.deepEqual(codes(r), [['smallSample', null]]);
    assert.equal(r.n, 40);
  });

  it('a driver without variance is left out of the model, with a share of 0', () => {
    const responses = synthetic(4, 300).map((r) => ({ ...r, scores: { ...r.scores, flat: likert(0.9) } })); // always 4
    const r = keyDrivers(responses, { drivers: ['a', 'b', 'flat'] });
    assert.deepEqual(codes(r), [['noVariance', 'flat']]);
    const flat = byName(r).flat;
    assert.deepEqual([flat.share, flat.importance, flat.r, flat.mean, flat.top2box], [0, 0, null, 4, 100]);
    // The other two share all of R², as if flat had not been asked (only the quadrants' mean performance includes flat).
    const without = keyDrivers(responses, { drivers: ['a', 'b'] });
    const pick = (d) => [d.driver, d.share, d.importance, d.relativeWeight, d.r];
    assert.deepEqual(r.drivers.slice(0, 2).map(pick), without.drivers.map(pick));
    assert.equal(r.r2, without.r2);
  });

  it('a driver answered by few does not drop everyone else, and is flagged', () => {
    // Only every fourth customer answered c: 250 of 1,000.
    const responses = synthetic(5, 1000).map((r, i) => (i % 4 === 0 ? r : { ...r, scores: { nps: r.scores.nps, a: r.scores.a, b: r.scores.b } }));
    const r = keyDrivers(responses, { drivers: ['a', 'b', 'c'] });
    assert.deepEqual(codes(r), [['fewAnswers', 'c']]);
    const d = byName(r);
    assert.deepEqual([d.a.nWithOutcome, d.b.nWithOutcome, d.c.nWithOutcome, d.c.n], [1000, 1000, 250, 250]);
    assert.equal(r.n, 250); // the fewest rows behind any correlation
  });

  it('jointly impossible pairwise correlations are repaired and flagged', () => {
    // r(a,b) = 0.9, r(a,c) = 0.9, r(b,c) = −0.9 cannot all hold: det = 1 − 3·0.81 − 2·0.729 < 0.
    const s = statsFromCorrelations(['nps', 'a', 'b', 'c'], { 'nps a': 0.5, 'nps b': 0.4, 'nps c': 0.3, 'a b': 0.9, 'a c': 0.9, 'b c': -0.9 });
    const r = keyDrivers(s, {});
    assert.deepEqual(codes(r), [['notPositiveDefinite', null]]);
    assert.ok(r.r2 >= 0 && r.r2 <= 1);
    close(r.drivers.reduce((t, d) => t + d.share, 0), 100, 1e-9);
  });

  it('an outcome without variance explains nothing', () => {
    const responses = synthetic(6, 100).map((r) => ({ ...r, scores: { ...r.scores, nps: npsScore(9) } }));
    const r = keyDrivers(responses, { drivers: ['a', 'b'] });
    assert.equal(r.r2, null);
    assert.deepEqual(codes(r), [['noVariance', 'nps']]);
    assert.deepEqual(r.drivers.map((d) => d.share), [null, null]);
  });
});

describe('options', () => {
  it('a Likert outcome', () => {
    const responses = synthetic(7, 500).map((r) => ({ ...r, scores: { ...r.scores, overall: likert((r.scores.nps.value - 7) / 2) } }));
    const r = keyDrivers(responses, { outcome: 'overall', drivers: ['a', 'b', 'c'] });
    assert.equal(r.outcome, 'overall');
    assert.deepEqual(r.drivers.map((d) => d.driver), ['a', 'b', 'c']);
  });

  it('twelve drivers: 4,096 regressions, shares summing to 100 and Shapley values to R²', () => {
    const base = synthetic(8, 400);
    const names = Array.from({ length: 12 }, (_, i) => `q${i}`);
    const rand = mulberry32(99);
    const responses = base.map((r) => ({ ...r, scores: { nps: r.scores.nps, ...Object.fromEntries(names.map((n, i) => [n, likert((i % 3 === 0 ? r.scores.a.value - 3 : 0) + (rand() - 0.5) * 2)])) } }));
    const r = keyDrivers(responses, { drivers: names });
    close(r.drivers.reduce((t, d) => t + d.share, 0), 100, 1e-9);
    close(r.drivers.reduce((t, d) => t + d.importance, 0), r.r2, 1e-12);
    // The four drivers built from a (q0, q3, q6, q9) lead.
    assert.deepEqual(r.drivers.slice(0, 4).map((d) => d.driver).sort(), ['q0', 'q3', 'q6', 'q9']);
  });

  it('bad options are named', () => {
    const rs = synthetic(9, 10);
    assert.throws(() => keyDrivers(rs, {}), /drivers must be a non-empty array/);
    assert.throws(() => keyDrivers(rs, { drivers: Array.from({ length: 13 }, (_, i) => `q${i}`) }), /at most 12 drivers/);
    assert.throws(() => keyDrivers(rs, { drivers: ['a', 'nps'] }), /the outcome 'nps' cannot also be a driver/);
    assert.throws(() => keyDrivers(rs, { drivers: ['a', 'a'] }), /listed twice/);
    assert.throws(() => keyDrivers(driverStats(rs, { drivers: ['a'] }), { drivers: ['b'] }), /driver 'b' is not among the stats' variables/);
    assert.throws(() => keyDrivers(driverStats(rs, { drivers: ['a'] }), { outcome: 'overall' }), /the stats are for outcome 'nps', not 'overall'/);
    assert.throws(() => keyDrivers(driverStats(rs, { drivers: ['a'] }), { groupBy: 'sku' }), /groupBy needs responses or grouped stats/);
  });
});
