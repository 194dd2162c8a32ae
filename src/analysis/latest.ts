import type { Scored } from '../scoring/summarize.js';

const time = (r: Scored) => {
  const t = r.createdAt === undefined ? NaN : Date.parse(r.createdAt);
  return Number.isNaN(t) ? -Infinity : t;
};

/** Whether `a` wins over `b` for the same order: complete first, then the later createdAt, then the higher revision, then the greater id. */
function wins(a: Scored, b: Scored): boolean {
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

/**
 * The responses that count, each customer once, in first-seen order (the rule
 * koubei/scoring's `summarize` applies, and the collector's SQL; a
 * deduplication by keys, as SQL's `DISTINCT ON`):
 * 1. each `id` once, at its highest `revision` (a re-send, or a score by link
 *    then the complete answers; equal revisions: the first seen). Responses
 *    without an id all count. An incomplete response (`complete: false`)
 *    counts: it holds a score.
 * 2. then, among responses with a non-empty `context.orderId`, one per
 *    (`surveyId`, `orderId`): the latest complete one; an order with no
 *    complete response keeps its latest. "Latest" is the greater `createdAt`
 *    (a missing or unparsable one is the earliest), then the higher
 *    `revision`, then the greater `id`. Responses without an orderId all count.
 *
 * The same rule in SQL (PostgreSQL), over a table of received rows:
 * ```sql
 * WITH by_id AS (
 *   SELECT DISTINCT ON (id) * FROM responses ORDER BY id, revision DESC, received_at
 * )
 * SELECT DISTINCT ON (survey_id, coalesce('o:' || nullif(context->>'orderId', ''), 'i:' || id)) *
 * FROM by_id
 * ORDER BY survey_id, coalesce('o:' || nullif(context->>'orderId', ''), 'i:' || id),
 *          complete DESC, created_at DESC NULLS LAST, revision DESC, id DESC
 * ```
 * Linear time with two hash lookups per response and no string built per
 * response (100,000 responses in a few milliseconds).
 *
 * @example
 * latestResponses([{ id: 'a', revision: 1, ... }, { id: 'a', revision: 2, ... }]) // [the revision 2]
 */
export function latestResponses<T extends Scored>(responses: readonly T[]): T[] {
  // 1. By id: slot of each id's first sighting in `once`, replaced in place by a higher revision.
  const slotOf = new Map<string, number>();
  const once: T[] = [];
  for (let i = 0; i < responses.length; i++) {
    const r = responses[i]!;
    const id = r.id;
    if (id === undefined) {
      once.push(r);
      continue;
    }
    const slot = slotOf.get(id);
    if (slot === undefined) {
      slotOf.set(id, once.length);
      once.push(r);
    } else if ((r.revision ?? 1) > (once[slot]!.revision ?? 1)) once[slot] = r;
  }
  // 2. By order. The key is the pair the string `${surveyId}\0${orderId}` names, looked up in a map per
  // survey rather than built per response; a survey id holding a NUL (none can be stored: PostgreSQL
  // text cannot hold one) is split at it, so that two pairs share a key exactly when those strings match.
  const bySurvey = new Map<string, Map<string, number>>();
  const winners: T[] = [];
  // Per response of `once`: its order's index in `winners`, or −1 without an orderId.
  const orderOf = new Int32Array(once.length);
  let lastSurvey: string | undefined;
  let orders: Map<string, number> | undefined;
  for (let i = 0; i < once.length; i++) {
    const r = once[i]!;
    let order = r.context?.orderId;
    if (typeof order !== 'string' || order === '') {
      orderOf[i] = -1;
      continue;
    }
    let survey = `${r.surveyId ?? ''}`;
    const nul = survey.indexOf('\u0000');
    if (nul >= 0) {
      order = `${survey.slice(nul + 1)}\u0000${order}`;
      survey = survey.slice(0, nul);
    }
    if (survey !== lastSurvey || !orders) {
      orders = bySurvey.get(survey);
      if (!orders) bySurvey.set(survey, (orders = new Map()));
      lastSurvey = survey;
    }
    const at = orders.get(order);
    if (at === undefined) {
      orders.set(order, winners.length);
      orderOf[i] = winners.length;
      winners.push(r);
    } else {
      orderOf[i] = at;
      if (wins(r, winners[at]!)) winners[at] = r;
    }
  }
  if (winners.length === 0) return once;
  // Kept: every response that is its order's winner (compared as objects: one object listed twice, without
  // an id, stays twice).
  const out: T[] = [];
  for (let i = 0; i < once.length; i++) {
    const at = orderOf[i]!;
    if (at < 0 || winners[at] === once[i]) out.push(once[i]!);
  }
  return out;
}
