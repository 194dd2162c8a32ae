import { latestResponses } from './latest.js';
import { checkCount } from './intervals.js';
import {
  checkGroups, checkName, checkResponses, groupField, isGrouped, sortGroups, tallyBy,
  type AnalysisResponse, type Group, type GroupedStats,
} from './input.js';
import { repairCorrelation, rSquared, symmetricEigen, type Matrix } from './linalg.js';

/** The most drivers an exact Shapley decomposition takes: 2^12 = 4,096 regressions. */
export const MAX_DRIVERS = 12;

/**
 * One question's own sums, over the rows where it is answered. For the
 * outcome `q` is the NPS (or Likert) question, for a driver a Likert question;
 * `x` below is `(scores->'q'->>'value')::numeric`.
 */
export interface VariableStats {
  /** The question's name. */
  name: string;
  /** `count(x)` */
  n: number;
  /** `coalesce(sum(x), 0)` */
  sum: number;
  /** `coalesce(sum(x * x), 0)` */
  sumSquares: number;
  /** `count(*) FILTER (WHERE (scores->'q'->>'satisfied')::boolean)`: top-2-box answers (0 for an NPS outcome) */
  satisfied: number;
  /** `coalesce(sum((scores->'q'->>'normalized')::numeric), 0)`: (value − 1)/(points − 1) summed (0 for an NPS outcome) */
  sumNormalized: number;
}

/**
 * The sums of two questions a and b over the rows where BOTH are answered
 * (pairwise-complete), with x = a's value and y = b's value.
 */
export interface PairStats {
  a: string;
  b: string;
  /** `count(*) FILTER (WHERE x IS NOT NULL AND y IS NOT NULL)` */
  n: number;
  /** `coalesce(sum(x) FILTER (WHERE y IS NOT NULL), 0)` */
  sumA: number;
  /** `coalesce(sum(y) FILTER (WHERE x IS NOT NULL), 0)` */
  sumB: number;
  /** `coalesce(sum(x * x) FILTER (WHERE y IS NOT NULL), 0)` */
  sumAA: number;
  /** `coalesce(sum(y * y) FILTER (WHERE x IS NOT NULL), 0)` */
  sumBB: number;
  /** `coalesce(sum(x * y), 0)` */
  sumAB: number;
}

/**
 * What {@link keyDrivers} needs. Pairwise-complete: every pair among the
 * outcome and the drivers is summed over the rows answering both, so a driver
 * few customers answered does not drop everyone else from the model (listwise
 * deletion would). The price: each correlation rests on different rows, the
 * matrix can be jointly inconsistent (then repaired, with a warning), and a
 * driver answered by few has a noisy correlation (warned as `fewAnswers`).
 */
export interface DriverStats {
  /** The outcome question's name. */
  outcome: string;
  /** The outcome and every driver. */
  variables: readonly VariableStats[];
  /** Every unordered pair of `variables` (either order; a missing pair means no row answers both). */
  pairs: readonly PairStats[];
}

export type Quadrant = 'keep' | 'fix first' | 'maintain' | 'low priority';

export interface DriverResult {
  driver: string;
  /** Answers to this driver. */
  n: number;
  /** Responses answering both this driver and the outcome. */
  nWithOutcome: number;
  /** Share of the model's R² (%), by the exact Shapley decomposition (LMG); the shares sum to 100. */
  share: number | null;
  /** The same share as an absolute part of R² (0..1). */
  importance: number | null;
  /** Share of R² (%) by Johnson's relative weights, a cross-check of `share`. */
  relativeWeight: number | null;
  /** Pearson r with the outcome. */
  r: number | null;
  /** Mean raw value (1..points). */
  mean: number | null;
  /** % of answers in the top two boxes (the top box on 3 points). */
  top2box: number | null;
  /** Mean of (value − 1)/(points − 1), 0..1: comparable across scales, the performance axis of the quadrant. */
  performance: number | null;
  quadrant: Quadrant | null;
}

export type DriverWarningCode = 'smallSample' | 'noVariance' | 'fewAnswers' | 'notPositiveDefinite';

export interface DriverWarning {
  code: DriverWarningCode;
  /** The question concerned, when there is one. */
  question?: string;
  message: string;
}

export interface KeyDriversResult {
  outcome: string;
  /** R² of the outcome on every driver with variance, null when it cannot be computed. */
  r2: number | null;
  /** The fewest rows behind any correlation of the model (pairwise-complete), or the outcome's answers without drivers. */
  n: number;
  /** Largest share first. */
  drivers: DriverResult[];
  warnings: DriverWarning[];
}

export interface KeyDriversOptions {
  /** The outcome question ('nps'): its value 0..10, or a Likert question's value. */
  outcome?: string;
  /** Likert questions, 1 to 12. With stats, defaults to every variable except the outcome. */
  drivers?: readonly string[];
  groupBy?: string;
}

/** Below this n the model warns (`smallSample`). */
const SMALL = 50;
/** A driver answered together with the outcome by fewer than this share of the outcome's answers is `fewAnswers`. */
const FEW = 0.5;

function checkDrivers(drivers: unknown, outcome: string, fn: string): string[] {
  if (!Array.isArray(drivers) || drivers.length === 0) throw new TypeError(`${fn}: drivers must be a non-empty array of Likert question names`);
  if (drivers.length > MAX_DRIVERS) throw new RangeError(`${fn}: at most ${MAX_DRIVERS} drivers (the exact Shapley decomposition fits 2^p regressions); got ${drivers.length}`);
  const seen = new Set<string>();
  for (const d of drivers) {
    checkName(d, `${fn}: each driver`);
    if (d === outcome) throw new RangeError(`${fn}: the outcome '${outcome}' cannot also be a driver`);
    if (seen.has(d)) throw new RangeError(`${fn}: driver '${d}' is listed twice`);
    seen.add(d);
  }
  return drivers as string[];
}

/**
 * The sums of one set of responses, as they are made: per variable at [i], per pair (i < j) at
 * [i * k + j]. A response answering every variable is summed once per variable into `full*` (its
 * pairs' n, Σx, Σy, Σx², Σy² are those) and only its Σxy per pair; the others pair by pair.
 */
interface Tally {
  vn: Float64Array;
  vsum: Float64Array;
  vss: Float64Array;
  vsat: Float64Array;
  vnorm: Float64Array;
  pn: Float64Array;
  pa: Float64Array;
  pb: Float64Array;
  paa: Float64Array;
  pbb: Float64Array;
  pab: Float64Array;
  full: number;
  fullSum: Float64Array;
  fullSquares: Float64Array;
  /** A value seen that is not a small integer: the sums must be made in the responses' order (see driverStats). */
  inexact: boolean;
}
const tally = (k: number): Tally => ({
  vn: new Float64Array(k), vsum: new Float64Array(k), vss: new Float64Array(k), vsat: new Float64Array(k), vnorm: new Float64Array(k),
  pn: new Float64Array(k * k), pa: new Float64Array(k * k), pb: new Float64Array(k * k), paa: new Float64Array(k * k), pbb: new Float64Array(k * k), pab: new Float64Array(k * k),
  full: 0, fullSum: new Float64Array(k), fullSquares: new Float64Array(k), inexact: false,
});

/**
 * Adds one response to a tally; `idx` and `val` are scratch arrays of length k. With `full`, a
 * response answering every variable takes the short way (see {@link Tally}).
 */
function add(t: Tally, r: AnalysisResponse, names: readonly string[], idx: Int32Array, val: Float64Array, full: boolean): void {
  const k = names.length;
  const scores = r.scores;
  let m = 0;
  let small = true;
  for (let i = 0; i < k; i++) {
    const s = scores[names[i]!];
    if (!s || (s.type !== 'likert' && (i > 0 || s.type !== 'nps'))) continue;
    // A value that is not a number sums to NaN, refused by name in keyDrivers (typed arrays would read '3' as 3).
    const x = typeof s.value === 'number' ? s.value : NaN;
    if (!(x >= -1000 && x <= 1000 && Math.floor(x) === x)) small = false;
    t.vn[i]!++;
    t.vsum[i]! += x;
    t.vss[i]! += x * x;
    if (s.type === 'likert') {
      if (s.satisfied) t.vsat[i]!++;
      t.vnorm[i]! += typeof s.normalized === 'number' ? s.normalized : NaN;
    }
    idx[m] = i;
    val[m++] = x;
  }
  if (!small) t.inexact = true;
  if (full && m === k && small) {
    t.full++;
    for (let i = 0; i < k; i++) {
      const a = val[i]!;
      t.fullSum[i]! += a;
      t.fullSquares[i]! += a * a;
      for (let j = i + 1; j < k; j++) t.pab[i * k + j]! += a * val[j]!;
    }
    return;
  }
  for (let x = 0; x < m; x++) {
    const a = val[x]!;
    const row = idx[x]! * k;
    for (let y = x + 1; y < m; y++) {
      const at = row + idx[y]!;
      const b = val[y]!;
      t.pn[at]!++;
      t.pa[at]! += a;
      t.pb[at]! += b;
      t.paa[at]! += a * a;
      t.pbb[at]! += b * b;
      t.pab[at]! += a * b;
    }
  }
}

/** A tally as {@link DriverStats}. */
function statsOf(t: Tally, outcome: string, names: readonly string[]): DriverStats {
  const k = names.length;
  const variables = names.map((name, i) => ({ name, n: t.vn[i]!, sum: t.vsum[i]!, sumSquares: t.vss[i]!, satisfied: t.vsat[i]!, sumNormalized: t.vnorm[i]! }));
  const pairs: PairStats[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const at = i * k + j;
      pairs.push({
        a: names[i]!, b: names[j]!, n: t.pn[at]! + t.full,
        sumA: t.pa[at]! + t.fullSum[i]!, sumB: t.pb[at]! + t.fullSum[j]!,
        sumAA: t.paa[at]! + t.fullSquares[i]!, sumBB: t.pbb[at]! + t.fullSquares[j]!, sumAB: t.pab[at]!,
      });
    }
  }
  return { outcome, variables, pairs };
}

/**
 * The sufficient statistics {@link keyDrivers} decides on, from responses
 * (counted once each, see {@link latestResponses}): per question n, Σx, Σx²,
 * top-2-box count and Σnormalized, and per pair of questions the
 * pairwise-complete n, Σx, Σy, Σx², Σy², Σxy. With `groupBy`, one entry per
 * value of that context field.
 */
export function driverStats(responses: readonly AnalysisResponse[], options: { outcome?: string; drivers: readonly string[] }): DriverStats;
export function driverStats(responses: readonly AnalysisResponse[], options: { outcome?: string; drivers: readonly string[]; groupBy: string }): GroupedStats<DriverStats>;
export function driverStats(responses: readonly AnalysisResponse[], options: { outcome?: string; drivers: readonly string[]; groupBy?: string }): DriverStats | GroupedStats<DriverStats>;
export function driverStats(responses: readonly AnalysisResponse[], options: { outcome?: string; drivers: readonly string[]; groupBy?: string }): DriverStats | GroupedStats<DriverStats> {
  if (!Array.isArray(responses)) throw new TypeError('driverStats: responses must be an array');
  if (typeof options !== 'object' || options === null) throw new TypeError('driverStats: options must be { outcome?, drivers }');
  const outcome = checkName(options.outcome ?? 'nps', 'driverStats: outcome');
  const drivers = checkDrivers(options.drivers, outcome, 'driverStats');
  const field = groupField(options.groupBy, 'driverStats');
  const all = latestResponses(checkResponses(responses, 'driverStats'));
  const names = [outcome, ...drivers];
  const idx = new Int32Array(names.length);
  const val = new Float64Array(names.length);
  // Sums of small integers are exact in any order, so full answers may take the short way; a value that
  // is not one (never from koubei's scoring) and the sums are made again in the responses' order, as
  // floating-point sums depend on it.
  const tallies = (short: boolean): Map<string | null, Tally> => {
    if (field !== undefined) return tallyBy(all, field, () => tally(names.length), (t, r) => add(t, r, names, idx, val, short));
    const t = tally(names.length);
    for (let i = 0; i < all.length; i++) add(t, all[i]!, names, idx, val, short);
    return new Map([[null, t]]);
  };
  let made = tallies(true);
  if ([...made.values()].some((t) => t.inexact)) made = tallies(false);
  if (field === undefined) return statsOf(made.get(null)!, outcome, names);
  return { groups: [...made].map(([key, t]) => ({ key, stats: statsOf(t, outcome, names) })) };
}

const variance = (n: number, s: number, ss: number) => n * ss - s * s;

/** Pearson r from pairwise sums: (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)); null without two rows or without spread. */
function pearson(p: PairStats | undefined): number | null {
  if (!p || p.n < 2) return null;
  const va = variance(p.n, p.sumA, p.sumAA);
  const vb = variance(p.n, p.sumB, p.sumBB);
  // Relative tolerance: the sums of equal values cancel to rounding, not to 0.
  if (!(va > 1e-12 * p.n * p.sumAA) || !(vb > 1e-12 * p.n * p.sumBB)) return null;
  return Math.max(-1, Math.min(1, (p.n * p.sumAB - p.sumA * p.sumB) / Math.sqrt(va * vb)));
}

/** Looks a pair up in either order, flipping a and b when stored as (b, a). */
function pairIndex(stats: DriverStats): (a: string, b: string) => PairStats | undefined {
  const map = new Map<string, PairStats>();
  stats.pairs.forEach((p, i) => {
    if (typeof p !== 'object' || p === null || typeof p.a !== 'string' || typeof p.b !== 'string') throw new TypeError(`keyDrivers: pairs[${i}] must be { a, b, n, sumA, sumB, sumAA, sumBB, sumAB }`);
    for (const f of ['n', 'sumA', 'sumB', 'sumAA', 'sumBB', 'sumAB'] as const) {
      if (typeof p[f] !== 'number' || !Number.isFinite(p[f])) throw new TypeError(`keyDrivers: pairs[${i}].${f} must be a finite number`);
    }
    checkCount(p.n, `keyDrivers: pairs[${i}].n`);
    map.set(JSON.stringify([p.a, p.b]), p);
  });
  return (a, b) => {
    const p = map.get(JSON.stringify([a, b]));
    if (p) return p;
    const q = map.get(JSON.stringify([b, a]));
    return q && { a, b, n: q.n, sumA: q.sumB, sumB: q.sumA, sumAA: q.sumBB, sumBB: q.sumAA, sumAB: q.sumAB };
  };
}

/** Shapley value of each variable 1..k in R² over all 2^k subsets: Σ_S |S|!(k−|S|−1)!/k! · (R²(S ∪ j) − R²(S)). */
function shapley(c: Matrix, k: number): { r2: number; parts: number[] } {
  const r2 = new Float64Array(1 << k);
  const idx: number[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    idx.length = 0;
    for (let j = 0; j < k; j++) if (mask & (1 << j)) idx.push(j + 1);
    r2[mask] = Math.max(0, Math.min(1, rSquared(c, idx)));
  }
  const fact = [1];
  for (let i = 1; i <= k; i++) fact[i] = fact[i - 1]! * i;
  const size = (m: number) => {
    let s = 0;
    for (; m; m &= m - 1) s++;
    return s;
  };
  const parts = new Array<number>(k).fill(0);
  for (let mask = 0; mask < 1 << k; mask++) {
    const s = size(mask);
    const w = (fact[s]! * fact[k - s - 1]!) / fact[k]!;
    for (let j = 0; j < k; j++) if (!(mask & (1 << j))) parts[j]! += w * (r2[mask | (1 << j)]! - r2[mask]!);
  }
  return { r2: r2[(1 << k) - 1]!, parts };
}

/**
 * Johnson's relative weights: with the drivers' correlations R = VΛV' and
 * Λ = R^½ = V diag(√λ) V', the outcome regressed on the orthogonal
 * counterparts has β = Λ⁻¹r, and driver j's weight is Σ_m Λ_jm² β_m², which
 * sum to R² (J. W. Johnson, "A heuristic method for estimating the relative
 * weight of predictor variables in multiple regression", Multivariate
 * Behavioral Research 35 (2000) 1–19).
 */
function johnson(c: Matrix, k: number): number[] {
  const rxx = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (__, j) => c[i + 1]![j + 1]!));
  const { values, vectors } = symmetricEigen(rxx);
  const half = (i: number, j: number, pow: number) => {
    let s = 0;
    for (let m = 0; m < k; m++) s += vectors[i]![m]! * Math.max(values[m]!, 1e-12) ** pow * vectors[j]![m]!;
    return s;
  };
  const lam = rxx.map((_, i) => rxx.map((__, j) => half(i, j, 0.5)));
  const beta = rxx.map((_, i) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += half(i, j, -0.5) * c[0]![j + 1]!;
    return s;
  });
  return rxx.map((_, j) => {
    let s = 0;
    for (let m = 0; m < k; m++) s += lam[j]![m]! ** 2 * beta[m]! ** 2;
    return s;
  });
}

function decide(stats: DriverStats, outcome: string, wanted: readonly string[] | undefined): KeyDriversResult {
  if (typeof stats !== 'object' || stats === null || !Array.isArray(stats.variables) || !Array.isArray(stats.pairs)) {
    throw new TypeError('keyDrivers: stats must be { outcome, variables: [...], pairs: [...] }');
  }
  if (stats.outcome !== outcome) throw new RangeError(`keyDrivers: the stats are for outcome '${String(stats.outcome)}', not '${outcome}'`);
  const byName = new Map<string, VariableStats>();
  stats.variables.forEach((v, i) => {
    if (typeof v !== 'object' || v === null || typeof v.name !== 'string') throw new TypeError(`keyDrivers: variables[${i}] must be { name, n, sum, sumSquares, satisfied, sumNormalized }`);
    checkCount(v.n, `keyDrivers: variables[${i}].n`);
    checkCount(v.satisfied, `keyDrivers: variables[${i}].satisfied`);
    for (const f of ['sum', 'sumSquares', 'sumNormalized'] as const) {
      if (typeof v[f] !== 'number' || !Number.isFinite(v[f])) throw new TypeError(`keyDrivers: variables[${i}].${f} must be a finite number`);
    }
    byName.set(v.name, v);
  });
  const drivers = checkDrivers(wanted ?? stats.variables.map((v) => v.name).filter((n) => n !== outcome), outcome, 'keyDrivers');
  const none = { name: '', n: 0, sum: 0, sumSquares: 0, satisfied: 0, sumNormalized: 0 };
  const y = byName.get(outcome) ?? { ...none, name: outcome };
  for (const d of drivers) if (!byName.has(d)) throw new RangeError(`keyDrivers: driver '${d}' is not among the stats' variables`);
  const pair = pairIndex(stats);
  const warnings: DriverWarning[] = [];
  const warn = (code: DriverWarningCode, message: string, question?: string) => warnings.push(question === undefined ? { code, message } : { code, question, message });

  const yVaries = y.n >= 2 && variance(y.n, y.sum, y.sumSquares) > 1e-12 * y.n * y.sumSquares;
  if (!yVaries) warn('noVariance', `the outcome '${outcome}' has no variance (${y.n} answers): nothing to explain`, outcome);
  // Drivers in the model: with variance and a correlation with the outcome.
  const model: string[] = [];
  const rWith = new Map<string, number | null>();
  for (const d of drivers) {
    const v = byName.get(d)!;
    const p = pair(outcome, d);
    const r = pearson(p);
    rWith.set(d, r);
    if (!(v.n >= 2 && variance(v.n, v.sum, v.sumSquares) > 1e-12 * v.n * v.sumSquares)) {
      warn('noVariance', `driver '${d}' has no variance (${v.n} answers, all alike or too few): left out of the model`, d);
      continue;
    }
    if (r === null) {
      if (yVaries) warn('fewAnswers', `driver '${d}' has no correlation with '${outcome}' (too few answers together, or no spread in them): left out of the model`, d);
      continue;
    }
    if (p!.n < FEW * y.n) warn('fewAnswers', `driver '${d}' was answered with the outcome by ${p!.n} of ${y.n} responses: its correlation is less certain than the others'`, d);
    model.push(d);
  }
  const k = model.length;
  const all = [outcome, ...model];
  let n = y.n;
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) n = Math.min(n, pair(all[i]!, all[j]!)?.n ?? 0);
  let r2: number | null = null;
  const part = new Map<string, { importance: number; share: number; weight: number }>();
  if (yVaries && k > 0) {
    let c: Matrix = all.map((a, i) => all.map((b, j) => (i === j ? 1 : (pearson(pair(a, b)) ?? 0))));
    for (let i = 1; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (pearson(pair(all[i]!, all[j]!)) === null) warn('fewAnswers', `drivers '${all[i]}' and '${all[j]}' were never answered together with spread: their correlation is taken as 0`, all[j]);
      }
    }
    if (Math.min(...symmetricEigen(c).values) < 1e-9) {
      warn('notPositiveDefinite', 'the correlations are singular (drivers that move in lockstep) or jointly inconsistent (pairwise answers): computed on the nearest valid correlation matrix');
      c = repairCorrelation(c);
    }
    const s = shapley(c, k);
    const rw = johnson(c, k);
    const rwSum = rw.reduce((a, b) => a + b, 0);
    r2 = s.r2;
    model.forEach((d, j) => part.set(d, { importance: s.parts[j]!, share: r2! > 0 ? (100 * s.parts[j]!) / r2! : 0, weight: rwSum > 0 ? (100 * rw[j]!) / rwSum : 0 }));
  }
  if (n < SMALL) warn('smallSample', `the model rests on ${n} responses (under ${SMALL}): treat the ranking as a hint`);

  const results: DriverResult[] = drivers.map((d) => {
    const v = byName.get(d)!;
    const p = part.get(d);
    const inModel = r2 !== null;
    return {
      driver: d,
      n: v.n,
      nWithOutcome: pair(outcome, d)?.n ?? 0,
      share: inModel ? (p?.share ?? 0) : null,
      importance: inModel ? (p?.importance ?? 0) : null,
      relativeWeight: inModel ? (p?.weight ?? 0) : null,
      r: rWith.get(d) ?? null,
      mean: v.n > 0 ? v.sum / v.n : null,
      top2box: v.n > 0 ? (100 * v.satisfied) / v.n : null,
      performance: v.n > 0 ? v.sumNormalized / v.n : null,
      quadrant: null,
    };
  });
  // The map's crosshair sits at the averages: the mean share (100 / drivers in the model) and the mean performance.
  const rated = results.filter((d) => d.share !== null && d.performance !== null);
  if (rated.length > 0 && k > 0) {
    const meanShare = 100 / k;
    const meanPerf = rated.reduce((a, d) => a + d.performance!, 0) / rated.length;
    for (const d of rated) {
      const important = d.share! >= meanShare - 1e-9;
      const good = d.performance! >= meanPerf - 1e-12;
      d.quadrant = important ? (good ? 'keep' : 'fix first') : good ? 'maintain' : 'low priority';
    }
  }
  results.sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || (a.driver < b.driver ? -1 : a.driver > b.driver ? 1 : 0));
  return { outcome, r2, n, drivers: results, warnings };
}

/**
 * Key-driver analysis: which Likert questions move the outcome (NPS 0..10, or
 * a Likert value) and how well each performs. Importance is each driver's
 * share of the explained variance by the exact Shapley decomposition of R²
 * over all 2^p subsets of drivers (LMG: R. H. Lindeman, P. F. Merenda &
 * R. Z. Gold, Introduction to Bivariate and Multivariate Analysis, 1980;
 * U. Grömping, "Relative importance for linear regression in R: the package
 * relaimpo", Journal of Statistical Software 17 (2006)), up to 12 drivers;
 * Johnson's relative weights (Johnson 2000) come alongside as a cross-check
 * (they agree within a few tenths of a point on ordinary data). Unlike plain
 * correlation, both share a correlated pair's common part fairly instead of
 * crediting it to each.
 *
 * Per driver: share and importance, `relativeWeight`, Pearson r, performance
 * (mean raw value, top-2-box %, and the mean normalized value 0..1, which
 * compares scales of 3, 4, 5 and 7 points) and the quadrant of the
 * importance × performance map, split at the mean share and the mean
 * performance: 'keep' (important, performing), 'fix first' (important, under
 * average), 'maintain' (less important, performing), 'low priority'. Plus the
 * model's R², n and warnings: `smallSample` (n under 50), `noVariance` (a
 * driver, or the outcome, answered all alike: left out), `fewAnswers` (a driver
 * answered with the outcome by under half the outcome's answers), and
 * `notPositiveDefinite` (see {@link DriverStats}).
 *
 * Takes responses or {@link DriverStats}; with `groupBy` or grouped stats,
 * `{ groups: [{ key, n, insufficient, ...KeyDriversResult }] }` where
 * insufficient is n < minN (50 unless given).
 *
 * @example
 * keyDrivers(responses, { drivers: ['delivery', 'quality', 'service'] }).drivers[0]
 * // { driver: 'quality', share: 52.24, importance: 0.186, relativeWeight: 52.01, r: 0.5, mean: 4.1, top2box: 78.5, performance: 0.78, quadrant: 'keep', ... }
 */
export function keyDrivers(input: readonly AnalysisResponse[] | DriverStats, options: KeyDriversOptions & { groupBy?: undefined; minN?: number }): KeyDriversResult;
export function keyDrivers(
  input: readonly AnalysisResponse[] | DriverStats | GroupedStats<DriverStats>,
  options: KeyDriversOptions & { minN?: number },
): KeyDriversResult | { groups: Group<KeyDriversResult & { insufficient: boolean }>[] };
export function keyDrivers(
  input: readonly AnalysisResponse[] | DriverStats | GroupedStats<DriverStats>,
  options: KeyDriversOptions & { minN?: number } = {},
): KeyDriversResult | { groups: Group<KeyDriversResult & { insufficient: boolean }>[] } {
  if (typeof options !== 'object' || options === null) throw new TypeError('keyDrivers: options must be { outcome?, drivers }');
  const outcome = checkName(options.outcome ?? 'nps', 'keyDrivers: outcome');
  const minN = options.minN ?? SMALL;
  if (!Number.isInteger(minN) || minN < 0) throw new RangeError(`keyDrivers: minN must be a non-negative integer; got ${String(minN)}`);
  const field = groupField(options.groupBy, 'keyDrivers');
  let stats: DriverStats | GroupedStats<DriverStats>;
  if (Array.isArray(input)) {
    const drivers = checkDrivers(options.drivers, outcome, 'keyDrivers');
    stats = field === undefined ? driverStats(input, { outcome, drivers }) : driverStats(input, { outcome, drivers, groupBy: field });
  } else if (isGrouped<DriverStats>(input)) {
    checkGroups(input, 'keyDrivers');
    stats = input;
  } else if (typeof input === 'object' && input !== null) {
    if (field !== undefined) throw new TypeError('keyDrivers: groupBy needs responses or grouped stats ({ groups: [{ key, stats }] }), not one DriverStats');
    stats = input as DriverStats;
  } else throw new TypeError('keyDrivers: input must be an array of responses, DriverStats or { groups }');
  if (!isGrouped<DriverStats>(stats)) return decide(stats, outcome, options.drivers);
  return {
    groups: sortGroups(
      stats.groups.map((g) => {
        const r = decide(g.stats, outcome, options.drivers);
        return { key: g.key, ...r, insufficient: r.n < Math.max(minN, 1) };
      }),
    ),
  };
}
