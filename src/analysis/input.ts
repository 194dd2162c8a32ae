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

/**
 * One tally per value of a context field (null for a response without it, or
 * with a value that is not a string), keys in first-seen order, made in one
 * pass over the responses in their order: faster than splitting them into
 * arrays first: each response is read next to the one before it in memory
 * (the split arrays jump through it, 40 groups apart). `add` gets the response's
 * index within its group.
 */
export function tallyBy<T extends AnalysisResponse, A>(
  responses: readonly T[], field: string, make: () => A, add: (tally: A, r: T, indexInGroup: number) => void,
): Map<string | null, A> {
  const out = new Map<string | null, { tally: A; n: number }>();
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i]!;
    const v = r.context?.[field];
    const key = typeof v === 'string' ? v : null;
    let g = out.get(key);
    if (!g) out.set(key, (g = { tally: make(), n: 0 }));
    add(g.tally, r, g.n++);
  }
  const tallies = new Map<string | null, A>();
  for (const [key, g] of out) tallies.set(key, g.tally);
  return tallies;
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
