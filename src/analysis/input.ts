import type { Scored } from '../scoring/summarize.js';

/** A response as posted (see koubei/schema): only these fields are read. */
export interface AnalysisResponse extends Scored {
  answers?: Record<string, number | string>;
}

/** Stats for several groups, as a database returns them from `GROUP BY context->>'<field>'`. */
export interface GroupedStats<S> {
  /** One entry per group; `key` is null for responses without the field (SQL's NULL group). */
  groups: readonly { key: string | null; stats: S }[];
}

/** One group of a grouped result. */
export type Group<R> = { key: string | null } & R;

/** Checks an array of responses cheaply: every item an object with a `scores` object. */
export function checkResponses(input: readonly unknown[], fn: string): readonly AnalysisResponse[] {
  for (let i = 0; i < input.length; i++) {
    const r = input[i] as AnalysisResponse | null;
    if (typeof r !== 'object' || r === null || typeof r.scores !== 'object' || r.scores === null) {
      throw new TypeError(`${fn}: input[${i}] must be a response with a scores object`);
    }
  }
  return input as readonly AnalysisResponse[];
}

/** The context field named by a `groupBy` option: 'sku' and 'context.sku' both mean context.sku. */
export function groupField(groupBy: unknown, fn: string): string | undefined {
  if (groupBy === undefined) return undefined;
  if (typeof groupBy !== 'string' || groupBy.replace(/^context\./, '') === '') {
    throw new TypeError(`${fn}: groupBy must be a context field name such as 'sku' or 'context.sku'; got ${String(groupBy)}`);
  }
  return groupBy.replace(/^context\./, '');
}

/** Responses split by one context field, in first-seen order of the keys. */
export function splitBy<T extends AnalysisResponse>(responses: readonly T[], field: string): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of responses) {
    const v = r.context?.[field];
    const key = typeof v === 'string' ? v : null;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    list.push(r);
  }
  return out;
}

/** True for `{ groups: [...] }`. */
export function isGrouped<S>(input: unknown): input is GroupedStats<S> {
  return typeof input === 'object' && input !== null && Array.isArray((input as GroupedStats<S>).groups);
}

/** Checks a grouped stats object's shape. */
export function checkGroups<S>(input: GroupedStats<S>, fn: string): void {
  input.groups.forEach((g, i) => {
    if (typeof g !== 'object' || g === null || (g.key !== null && typeof g.key !== 'string') || typeof g.stats !== 'object' || g.stats === null) {
      throw new TypeError(`${fn}: groups[${i}] must be { key: string | null, stats }`);
    }
  });
}

/** Groups sorted by n, largest first, then by key (null last) so the order is the same every time. */
export function sortGroups<R extends { key: string | null; n: number }>(groups: R[]): R[] {
  return groups.sort((a, b) => b.n - a.n || (a.key === b.key ? 0 : a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : 1));
}

/** Checks minN (a non-negative integer). */
export function checkMinN(minN: unknown, fn: string): number {
  if (typeof minN !== 'number' || !Number.isInteger(minN) || minN < 0) throw new RangeError(`${fn}: minN must be a non-negative integer; got ${String(minN)}`);
  return minN;
}

/** Checks a question name option. */
export function checkName(name: unknown, what: string): string {
  if (typeof name !== 'string' || name === '') throw new TypeError(`${what} must be a non-empty question name; got ${String(name)}`);
  return name;
}
