// What the report reads from the collector, and the checks that prove it (see validate.ts). The
// analysis routes answer the koubei/analysis results (src/analysis/*.ts); the admin routes answer
// stored responses (src/collector/admin.ts, toResponse). Only the fields the report shows are read.
import { ShapeError, arr, bool, count, num, nullable, obj, oneOf, optional, record, str, type Check } from './validate.js';

const n = nullable(num);

export interface Nps {
  n: number; nps: number; low: number; high: number; margin: number;
  promoters: number; passives: number; detractors: number; insufficient: boolean;
}
export interface Csat { n: number; csat: number; low: number; high: number; mean: number | null }
export interface Summary { n: number; minN: number; nps: Nps | null; csat: Record<string, Csat> }
export type Grouped<T> = { groups: (T & { key: string | null })[] };

const nps: Check<Nps> = obj({
  n: count, nps: num, low: num, high: num, margin: num,
  promoters: count, passives: count, detractors: count, insufficient: bool,
});
const csat: Check<Csat> = obj({ n: count, csat: num, low: num, high: num, mean: n });
/** GET /v1/summary (koubei/analysis summary()); with groupBy=, orGroups(summaryCheck). */
export const summaryCheck: Check<Summary> = obj({ n: count, minN: count, nps: nullable(nps), csat: record(csat) });

export interface TrendPoint {
  period: string; n: number; score: number | null; low: number | null; high: number | null; insufficient: boolean;
  change: number | null; significant: boolean;
}
export interface Trend { type: 'nps' | 'likert'; interval: 'day' | 'week' | 'month'; periods: TrendPoint[] }
/** GET /v1/trend (trend()). */
export const trendCheck: Check<Trend> = obj({
  type: oneOf('nps', 'likert'),
  interval: oneOf('day', 'week', 'month'),
  periods: arr(obj({ period: str, n: count, score: n, low: n, high: n, insufficient: bool, change: n, significant: bool })),
});

export type Quadrant = 'keep' | 'fix first' | 'maintain' | 'low priority';
export interface Driver { driver: string; n: number; share: number | null; performance: number | null; mean: number | null; quadrant: Quadrant | null }
export interface Drivers { outcome: string; r2: number | null; n: number; drivers: Driver[]; warnings: { code: string; question?: string }[] }
/** GET /v1/drivers (keyDrivers()). */
export const driversCheck: Check<Drivers> = obj({
  outcome: str,
  r2: n,
  n: count,
  drivers: arr(obj({ driver: str, n: count, share: n, performance: n, mean: n, quadrant: nullable(oneOf('keep', 'fix first', 'maintain', 'low priority')) })),
  warnings: arr(obj({ code: str, question: optional(str) })),
});

export interface CategoryCounts { promoter: number; passive: number; detractor: number }
export interface Term { term: string; touchpoint: string | null; mentions: number; byCategory: CategoryCounts; logOdds: number | null }
export interface Themes { comments: number; terms: Term[] }
const byCategory: Check<CategoryCounts> = obj({ promoter: count, passive: count, detractor: count });
/** GET /v1/themes (themes()). */
export const themesCheck: Check<Themes> = obj({
  comments: count,
  terms: arr(obj({ term: str, touchpoint: nullable(str), mentions: count, byCategory, logOdds: n })),
});

export type Score =
  | { type: 'nps'; value: number }
  | { type: 'likert'; value: number; points: number }
  | { type: 'text' }
  | { type: string };
export interface StoredResponse {
  id: string;
  createdAt: string;
  answers: Record<string, unknown>;
  scores: Record<string, Score>;
  context: Record<string, unknown>;
  redactions: Record<string, unknown> | undefined;
}
const score: Check<Score> = (v, p) => {
  const { type } = obj({ type: str })(v, p);
  if (type === 'nps') return obj({ type: oneOf('nps'), value: num })(v, p);
  if (type === 'likert') return obj({ type: oneOf('likert'), value: num, points: count })(v, p);
  return { type };
};
const anything: Check<unknown> = (v) => v;
const response: Check<StoredResponse> = obj({
  id: str,
  createdAt: (v, p) => {
    const s = str(v, p);
    if (Number.isNaN(Date.parse(s))) throw new ShapeError(p, 'a date', s);
    return s;
  },
  answers: record(anything),
  scores: record(score),
  context: record(anything),
  redactions: optional(record(anything)),
});
/** GET /v1/responses. */
export const responsesCheck: Check<{ responses: StoredResponse[]; nextCursor: string | null }> = obj({ responses: arr(response), nextCursor: nullable(str) });
/** GET /v1/follow-ups. */
export const followUpsCheck: Check<{ followUps: StoredResponse[]; nextCursor: string | null }> = obj({ followUps: arr(response), nextCursor: nullable(str) });
/** PATCH /v1/responses/:id. */
export const patchedCheck: Check<StoredResponse> = response;
