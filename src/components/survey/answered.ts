/**
 * One answer per order, by default: a survey with `data-order-id` that was answered for that order shows its
 * thank-you instead of the questions, after a reload and in every tab (localStorage is per origin). A check and a
 * mark, nothing more: the frequency rules (once-per="order" also counting dismissals, recontact-days, sample) are
 * the placement feature's, loaded on demand.
 */
import { clock } from '../../clock.js';
import { local } from '../../storage/web.js';

const PREFIX = 'koubei-answered:';
/** Marks older than this are dropped when a new one is written: no order is surveyed a year later. */
const KEEP = 365 * 864e5;

/** The storage key for a survey and an order. */
export const answeredKey = (surveyId: string, orderId: string): string => PREFIX + JSON.stringify([surveyId, orderId]);

/** Whether this survey was answered for this order, here or in another tab (where storage is refused: on this page). */
export function wasAnswered(key: string): boolean {
  return local.get(key) !== null;
}

/** Records an answer for a survey and order, and forgets marks older than a year. */
export function markAnswered(key: string): void {
  const now = clock.now();
  local.set(key, String(now));
  for (const k of local.keys(PREFIX)) if (!(Number(local.get(k)) > now - KEEP)) local.remove(k);
}
