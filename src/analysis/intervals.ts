import { normalQuantile } from './normal.js';

/** Counts of one NPS question: each answer is a promoter (9–10), a passive (7–8) or a detractor (0–6). */
export interface NpsCounts {
  /** `count(*) FILTER (WHERE scores->'nps'->>'category' = 'promoter')` */
  promoters: number;
  /** `count(*) FILTER (WHERE scores->'nps'->>'category' = 'passive')` */
  passives: number;
  /** `count(*) FILTER (WHERE scores->'nps'->>'category' = 'detractor')` */
  detractors: number;
}

/** An NPS (−100..100) with its adjusted-Wald interval; every number is null when nobody answered. */
export interface NpsInterval {
  n: number;
  /** % promoters − % detractors, as observed. */
  nps: number | null;
  /** The interval's ends, clamped to −100..100. */
  low: number | null;
  high: number | null;
  /** Half the interval's width, in NPS points. */
  margin: number | null;
  level: number;
}

/** A share of satisfied answers (0..100) with its Wilson interval; null when nobody answered. */
export interface CsatInterval {
  n: number;
  satisfied: number;
  csat: number | null;
  low: number | null;
  high: number | null;
  level: number;
}

/** Checks a confidence level (0 < level < 1) and returns the two-sided normal quantile z for it. */
export function zFor(level: unknown, name = 'level'): number {
  if (typeof level !== 'number' || !(level > 0 && level < 1)) {
    throw new RangeError(`${name} must be a number between 0 and 1 (exclusive), such as 0.95; got ${String(level)}`);
  }
  return normalQuantile((1 + level) / 2);
}

/** Throws a TypeError unless `x` is a count (a non-negative integer). */
export function checkCount(x: unknown, name: string): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) {
    throw new TypeError(`${name} must be a non-negative integer count; got ${typeof x === 'number' ? x : typeof x}`);
  }
  return x;
}

/**
 * The adjusted-Wald estimate of an NPS: add 3 to n and 3/4 to promoters and to
 * detractors, then treat each answer as +1 / 0 / −1, whose variance is
 * p + d − (p − d)². Returns the adjusted NPS and its variance, both on the −1..1 scale.
 */
export function adjustedNps(promoters: number, detractors: number, n: number): { estimate: number; variance: number } {
  const m = n + 3;
  const p = (promoters + 0.75) / m;
  const d = (detractors + 0.75) / m;
  return { estimate: p - d, variance: (p + d - (p - d) ** 2) / m };
}

/**
 * NPS with the adjusted-Wald interval of J. Rocks, "Confidence intervals for
 * Net Promoter Scores" (MeasuringU, 2016; after Agresti & Coull 1998): n + 3
 * answers with 3/4 of a promoter and 3/4 of a detractor added, interval
 * NPSadj ± z·√((p̂ + d̂ − (p̂ − d̂)²) / (n + 3)). It keeps its coverage on small
 * samples and at extreme scores, where the plain Wald margin is 0.
 *
 * @example
 * npsInterval({ promoters: 50, passives: 30, detractors: 20 })
 * // { n: 100, nps: 30, low: 14.05, high: 44.20, margin: 15.08, level: 0.95 } (rounded here)
 */
export function npsInterval(counts: NpsCounts, level = 0.95): NpsInterval {
  if (typeof counts !== 'object' || counts === null) throw new TypeError('npsInterval: counts must be an object { promoters, passives, detractors }');
  const z = zFor(level);
  const promoters = checkCount(counts.promoters, 'npsInterval: promoters');
  const passives = checkCount(counts.passives, 'npsInterval: passives');
  const detractors = checkCount(counts.detractors, 'npsInterval: detractors');
  const n = promoters + passives + detractors;
  if (n === 0) return { n, nps: null, low: null, high: null, margin: null, level };
  const { estimate, variance } = adjustedNps(promoters, detractors, n);
  const margin = z * Math.sqrt(variance);
  return {
    n,
    nps: (100 * (promoters - detractors)) / n,
    low: Math.max(-100, 100 * (estimate - margin)),
    high: Math.min(100, 100 * (estimate + margin)),
    margin: 100 * margin,
    level,
  };
}

/**
 * CSAT (% satisfied) with the Wilson score interval: E. B. Wilson, "Probable
 * inference, the law of succession, and statistical inference", JASA 22
 * (1927) 209–212. Centre (p̂ + z²/2n) / (1 + z²/n), half-width
 * z·√(p̂(1−p̂)/n + z²/4n²) / (1 + z²/n); it never leaves 0..100.
 *
 * @example
 * csatInterval({ satisfied: 5, n: 8 }) // { n: 8, satisfied: 5, csat: 62.5, low: 30.57, high: 86.32, level: 0.95 } (rounded here)
 */
export function csatInterval(counts: { satisfied: number; n: number }, level = 0.95): CsatInterval {
  if (typeof counts !== 'object' || counts === null) throw new TypeError('csatInterval: counts must be an object { satisfied, n }');
  const z = zFor(level);
  const satisfied = checkCount(counts.satisfied, 'csatInterval: satisfied');
  const n = checkCount(counts.n, 'csatInterval: n');
  if (satisfied > n) throw new RangeError(`csatInterval: satisfied (${satisfied}) exceeds n (${n})`);
  if (n === 0) return { n, satisfied, csat: null, low: null, high: null, level };
  const p = satisfied / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At 0 or n satisfied an end is exactly 0 or 100; the subtraction would leave rounding dust.
  const low = satisfied === 0 ? 0 : Math.max(0, 100 * (centre - half));
  const high = satisfied === n ? 100 : Math.min(100, 100 * (centre + half));
  return { n, satisfied, csat: 100 * p, low, high, level };
}
