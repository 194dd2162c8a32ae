import { npsMarginOfError, wilsonInterval } from './stats.js';
import { wins } from './rules.js';
import type { LikertPoints, Scores } from './types.js';

export interface NpsSummary {
  type: 'nps';
  count: number;
  /** Answers per score, index 0..10. */
  distribution: number[];
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters - % detractors, -100..100 (0 when nobody answered). */
  nps: number;
  /**
   * The plain (Wald) 95% margin of error of `nps`, in points: 100 × 1.96 × √((p + d − (p − d)²) / n), p and d the
   * shares of promoters and detractors. It is 0 whenever every answer is in one category (a single 10, or all
   * detractors): no spread among the answers, not certainty. For decisions, rankings and comparisons use
   * koubei/analysis's `summary()` or `npsInterval()` (adjusted Wald, never 0) and leave out results it marks
   * `insufficient` (fewer than `minN` answers, 30 by default).
   */
  marginOfError: number;
}

export interface LikertSummary {
  type: 'likert';
  count: number;
  points: LikertPoints;
  /** Answers per value, index 0 is value 1. */
  distribution: number[];
  mean: number;
  satisfied: number;
  /** % satisfied (top-2-box), 0..100. */
  csat: number;
  /** 95% Wilson interval of `csat`, in %. */
  csatInterval: [number, number];
}

export interface TextSummary {
  type: 'text';
  count: number;
  meanLength: number;
}

export interface ChoiceSummary {
  type: 'choice';
  /** Responses that answered the question. */
  count: number;
  /** Value → how many responses chose it, in the order first seen; a multiple choice counts each value chosen. */
  options: Record<string, number>;
}

export type QuestionSummary = NpsSummary | LikertSummary | TextSummary | ChoiceSummary;

export interface Summary {
  responses: number;
  questions: Record<string, QuestionSummary>;
}

/** Anything with computed scores: a response from the payload qualifies. */
export interface Scored {
  scores: Scores;
  /** With an id, only the highest revision of each id counts (a score by link, then the complete answers). */
  id?: string;
  revision?: number;
  /** With `context.orderId`, one response per (surveyId, orderId) counts: see {@link latestResponses}. */
  surveyId?: string;
  context?: Record<string, string>;
  complete?: boolean;
  createdAt?: string;
}

/**
 * The responses that count, each customer once, in first-seen order: the rule of koubei/analysis's
 * `latestResponses` (documented there, with the same rule in SQL), written plainly with Maps to keep
 * koubei/scoring small; analysis-latest.test.js holds the two to the same answers.
 */
export function latestResponses<T extends Scored>(responses: readonly T[]): T[] {
  const byId = new Map<string, T>();
  const out: (T | string)[] = [];
  for (const r of responses) {
    if (r.id === undefined) out.push(r);
    else {
      const had = byId.get(r.id);
      if (!had) out.push(r.id);
      if (!had || (r.revision ?? 1) > (had.revision ?? 1)) byId.set(r.id, r);
    }
  }
  const once = out.map((x) => (typeof x === 'string' ? byId.get(x)! : x));
  const byOrder = new Map<string, T>();
  for (const r of once) {
    const order = r.context?.orderId;
    if (typeof order !== 'string' || order === '') continue;
    // PostgreSQL text cannot hold a NUL, so no stored survey id has one: it keeps the two parts apart.
    const key = `${r.surveyId ?? ''}\u0000${order}`;
    const had = byOrder.get(key);
    if (!had || wins(r, had)) byOrder.set(key, r);
  }
  if (byOrder.size === 0) return once;
  const keep = new Set(byOrder.values());
  return once.filter((r) => {
    const order = r.context?.orderId;
    return typeof order !== 'string' || order === '' || keep.has(r);
  });
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Per-question counts and distributions, NPS with its margin of error, CSAT
 * with a Wilson interval and each Likert mean. Uses the scores carried in each
 * response, so a server needs no knowledge of the survey's questions. A
 * response received twice, or as a partial and then complete, counts once; a
 * customer who answered one order twice counts once, with the latest complete
 * response (see {@link latestResponses}).
 *
 * `marginOfError` is the plain Wald margin (0 for a single answer of 10): a quick figure for a dashboard. The
 * interval to act on is koubei/analysis's adjusted-Wald `summary()` / `npsInterval()`, with its `minN` and
 * `insufficient`.
 */
export function summarize(all: readonly Scored[]): Summary {
  const responses = latestResponses(all);
  const acc = new Map<string, QuestionSummary & { _sum: number }>();
  for (const r of responses) {
    for (const [name, s] of Object.entries(r.scores ?? {})) {
      let q = acc.get(name);
      if (!q || q.type !== s.type || (s.type === 'likert' && (q as LikertSummary).points !== s.points)) {
        if (q) continue; // a question whose type changed mid-stream keeps its first shape
        q =
          s.type === 'nps'
            ? { type: 'nps', count: 0, distribution: Array(11).fill(0), promoters: 0, passives: 0, detractors: 0, nps: 0, marginOfError: 0, _sum: 0 }
            : s.type === 'likert'
              ? { type: 'likert', count: 0, points: s.points, distribution: Array(s.points).fill(0), mean: 0, satisfied: 0, csat: 0, csatInterval: [0, 0], _sum: 0 }
              : s.type === 'choice'
                ? { type: 'choice', count: 0, options: {}, _sum: 0 }
                : { type: 'text', count: 0, meanLength: 0, _sum: 0 };
        acc.set(name, q);
      }
      q.count++;
      if (s.type === 'nps' && q.type === 'nps') {
        q.distribution[s.value]++;
        q[s.category === 'promoter' ? 'promoters' : s.category === 'passive' ? 'passives' : 'detractors']++;
      } else if (s.type === 'likert' && q.type === 'likert') {
        q.distribution[s.value - 1]++;
        q._sum += s.value;
        if (s.satisfied) q.satisfied++;
      } else if (s.type === 'text' && q.type === 'text') {
        q._sum += s.length;
      } else if (s.type === 'choice' && q.type === 'choice') {
        // Own keys only (a value "constructor" is a count like any other); "__proto__" cannot be a key: skipped.
        for (const v of new Set(s.selected)) if (v !== '__proto__') q.options[v] = (Object.prototype.hasOwnProperty.call(q.options, v) ? q.options[v] : 0) + 1;
      }
    }
  }
  const questions: Record<string, QuestionSummary> = {};
  for (const [name, { _sum, ...q }] of acc) {
    if (q.type === 'nps') {
      q.nps = round(((q.promoters - q.detractors) / q.count) * 100);
      q.marginOfError = round(npsMarginOfError(q.promoters, q.detractors, q.count));
    } else if (q.type === 'likert') {
      q.mean = round(_sum / q.count);
      q.csat = round((q.satisfied / q.count) * 100);
      const [lo, hi] = wilsonInterval(q.satisfied, q.count);
      q.csatInterval = [round(lo * 100), round(hi * 100)];
    } else if (q.type === 'text') {
      q.meanLength = round(_sum / q.count);
    }
    questions[name] = q;
  }
  return { responses: responses.length, questions };
}
