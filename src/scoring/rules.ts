// The scoring rules, once: scoreNps / scoreLikert score with them, and both schemas (zod's server contract
// and schema-lite in the browser) hold stored scores to them, so a report can recompute any score from
// its value. Type imports only, so the schemas carry nothing else.
import type { Scored } from './summarize.js';
import type { NpsCategory } from './types.js';

export const npsCategory = (value: number): NpsCategory => (value <= 6 ? 'detractor' : value <= 8 ? 'passive' : 'promoter');

/** Top-2-box; a 3-point scale has only one "satisfied" box. */
export const likertSatisfied = (value: number, points: number): boolean => (points === 3 ? value === 3 : value >= points - 1);

/** The answer's place on its scale, 0 (lowest) to 1 (highest). */
export const likertNormalized = (value: number, points: number): number => (value - 1) / (points - 1);

/** What is wrong with a Likert score's derived fields, or undefined: `normalized` within rounding of a JSON round trip. */
export function likertMismatch(s: { value: number; points: number; normalized: number; satisfied: boolean }): 'satisfied' | 'normalized' | undefined {
  if (s.satisfied !== likertSatisfied(s.value, s.points)) return 'satisfied';
  if (Math.abs(s.normalized - likertNormalized(s.value, s.points)) > 1e-9) return 'normalized';
  return undefined;
}

const time = (r: Scored) => {
  const t = r.createdAt === undefined ? NaN : Date.parse(r.createdAt);
  return Number.isNaN(t) ? -Infinity : t;
};

/** Who counts for an order answered twice: whether `a` wins over `b`: complete first, then the later createdAt, then the higher revision, then the greater id. */
export function wins(a: Scored, b: Scored): boolean {
  const ca = a.complete !== false;
  if (ca !== (b.complete !== false)) return ca;
  const ta = time(a);
  const tb = time(b);
  if (ta !== tb) return ta > tb;
  const ra = a.revision ?? 1;
  const rb = b.revision ?? 1;
  if (ra !== rb) return ra > rb;
  return (a.id ?? '') > (b.id ?? '');
}
