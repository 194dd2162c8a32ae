// koubei/analysis intervals and the normal distribution, against values worked out by hand or published.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { csatInterval, normalCdf, normalQuantile, npsInterval } from '../../dist/analysis.js';

const close = (actual, expected, tol, what = '') => assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);

describe('normal distribution', () => {
  it('quantiles match the published table (Wichura AS 241)', () => {
    // Φ⁻¹(0.975) = 1.959963984540054, Φ⁻¹(0.95) = 1.6448536269514722, Φ⁻¹(0.995) = 2.5758293035489004, Φ⁻¹(1e-10) = −6.361340902404056
    close(normalQuantile(0.975), 1.959963984540054, 1e-14);
    close(normalQuantile(0.95), 1.6448536269514722, 1e-14);
    close(normalQuantile(0.995), 2.5758293035489004, 1e-14);
    close(normalQuantile(1e-10), -6.361340902404056, 1e-12);
    assert.equal(normalQuantile(0.5), 0);
  });

  it('Φ is the inverse of the quantile and matches the table', () => {
    // Φ(−1) = 0.15865525393145707, Φ(3) = 0.9986501019683699, Φ(−8) = 6.22096057427178e-16
    close(normalCdf(-1), 0.15865525393145707, 1e-15);
    close(normalCdf(3), 0.9986501019683699, 1e-15);
    close(normalCdf(-8) / 6.22096057427178e-16, 1, 1e-6);
    for (const p of [0.001, 0.1, 0.3, 0.7, 0.999]) close(normalCdf(normalQuantile(p)), p, 1e-14);
  });

  it('refuses p outside (0, 1)', () => {
    for (const p of [0, 1, -0.1, NaN]) assert.throws(() => normalQuantile(p), RangeError);
  });
});

describe('npsInterval: adjusted-Wald (Rocks 2016)', () => {
  it('50 promoters, 30 passives, 20 detractors', () => {
    // n' = 100 + 3 = 103; p' = 50.75 / 103 = 0.492718; d' = 20.75 / 103 = 0.201456
    // NPS' = 0.291262; V = (p' + d' − NPS'²) / n' = (0.694175 − 0.084834) / 103 = 0.0059159; √V = 0.076915
    // margin = 1.959964 × 0.076915 = 0.150751 → [29.1262 − 15.0751, 29.1262 + 15.0751] = [14.05, 44.20]
    const i = npsInterval({ promoters: 50, passives: 30, detractors: 20 });
    assert.equal(i.n, 100);
    assert.equal(i.nps, 30); // the reported NPS is the observed one: 50% − 20%
    close(i.margin, 15.0751, 0.0005, 'margin');
    close(i.low, 14.0511, 0.0005, 'low');
    close(i.high, 44.2013, 0.0005, 'high');
    assert.equal(i.level, 0.95);
  });

  it('at 90% the margin shrinks by z(0.95) / z(0.975)', () => {
    // z = 1.644854: margin = 1.644854 × 0.076915 = 0.126514 → [16.47, 41.78]
    const i = npsInterval({ promoters: 50, passives: 30, detractors: 20 }, 0.9);
    close(i.margin, 12.6514, 0.0005);
    close(i.low, 16.4748, 0.0005);
    close(i.high, 41.7776, 0.0005);
  });

  it('10 promoters of 10: an honest interval where the plain Wald margin is 0', () => {
    // n' = 13; p' = 10.75 / 13 = 0.826923; d' = 0.75 / 13 = 0.057692; NPS' = 0.769231
    // V = (0.884615 − 0.591716) / 13 = 0.0225307; √V = 0.150102; margin = 0.294195
    // → [76.9231 − 29.4195, 100 (106.34 clamped)] = [47.50, 100]
    const i = npsInterval({ promoters: 10, passives: 0, detractors: 0 });
    assert.equal(i.nps, 100);
    close(i.margin, 29.4195, 0.0005);
    close(i.low, 47.5036, 0.0005);
    assert.equal(i.high, 100);
  });

  it('nobody answered: nulls, not NaN', () => {
    assert.deepEqual(npsInterval({ promoters: 0, passives: 0, detractors: 0 }), { n: 0, nps: null, low: null, high: null, margin: null, level: 0.95 });
  });

  it('bad input is named', () => {
    for (const level of [0, 1, 95, -0.5, '0.95', NaN]) assert.throws(() => npsInterval({ promoters: 1, passives: 1, detractors: 1 }, level), /level must be a number between 0 and 1/);
    assert.throws(() => npsInterval({ promoters: 1.5, passives: 0, detractors: 0 }), /promoters must be a non-negative integer/);
    assert.throws(() => npsInterval({ promoters: 1, passives: -1, detractors: 0 }), TypeError);
    assert.throws(() => npsInterval(null), TypeError);
  });
});

describe('csatInterval: Wilson score interval', () => {
  // Newcombe, "Two-sided confidence intervals for the single proportion", Statistics in Medicine 17 (1998) 857–872,
  // Table II, method 3 (score, no continuity correction): 81/263 → 0.2553–0.3662; 15/148 → 0.0624–0.1605;
  // 0/20 → 0–0.1611; 1/29 → 0.0061–0.1718.
  const cases = [
    [81, 263, 25.53, 36.62],
    [15, 148, 6.24, 16.05],
    [0, 20, 0, 16.11],
    [1, 29, 0.61, 17.18],
  ];
  for (const [satisfied, n, low, high] of cases) {
    it(`${satisfied} of ${n} → [${low}, ${high}] (Newcombe 1998)`, () => {
      const i = csatInterval({ satisfied, n });
      close(i.csat, (100 * satisfied) / n, 1e-12);
      close(i.low, low, 0.006);
      close(i.high, high, 0.006);
    });
  }

  it('81 of 263 by the formula', () => {
    // p = 0.307985, z² = 3.841459; centre = (p + z²/2n) / (1 + z²/n) = (0.307985 + 0.0073031) / 1.0146063 = 0.310749
    // half = z √(p(1−p)/n + z²/4n²) / (1 + z²/n) = 1.959964 × √(0.00081057 + 0.00001388) / 1.0146063 = 0.055461
    // → [25.529, 36.621]
    const i = csatInterval({ satisfied: 81, n: 263 });
    close(i.low, 25.5289, 0.0005);
    close(i.high, 36.621, 0.0005);
  });

  it('all or none satisfied: the interval ends exactly at 100 or 0', () => {
    // 20 of 20: [n / (n + z²), 1] = [20 / 23.841459, 1] = [83.89, 100]
    const all = csatInterval({ satisfied: 20, n: 20 });
    assert.equal(all.high, 100);
    close(all.low, 83.8875, 0.0005);
    assert.equal(csatInterval({ satisfied: 0, n: 20 }).low, 0);
  });

  it('nobody answered: nulls; bad counts are named', () => {
    assert.deepEqual(csatInterval({ satisfied: 0, n: 0 }), { n: 0, satisfied: 0, csat: null, low: null, high: null, level: 0.95 });
    assert.throws(() => csatInterval({ satisfied: 5, n: 4 }), /satisfied \(5\) exceeds n \(4\)/);
    assert.throws(() => csatInterval({ satisfied: 1, n: 4 }, 1.5), RangeError);
    assert.throws(() => csatInterval({ satisfied: '1', n: 4 }), /satisfied must be a non-negative integer/);
  });
});
