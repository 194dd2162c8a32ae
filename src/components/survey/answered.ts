/**
 * One answer per order, by default: a survey with `data-order-id` that was answered for that order shows its
 * thank-you instead of the questions, after a reload and in every tab (localStorage is per origin). A check and a
 * mark, nothing more: the frequency rules (once-per="order" also counting dismissals, recontact-days, sample) are
 * the placement feature's, loaded on demand.
 */
const PREFIX = 'koubei-answered:';
/** Marks older than this are dropped when a new one is written: no order is surveyed a year later. */
const KEEP = 365 * 864e5;
/** Where storage is refused (Safari private mode of old, a sandboxed frame): this page still remembers. */
const memory = new Set<string>();

/** The storage key for a survey and an order. */
export const answeredKey = (surveyId: string, orderId: string): string => PREFIX + JSON.stringify([surveyId, orderId]);

/** Whether this survey was answered for this order, here or in another tab. */
export function wasAnswered(key: string): boolean {
  try {
    if (localStorage.getItem(key) !== null) return true;
  } catch {
    /* storage refused: memory only */
  }
  return memory.has(key);
}

/** Records an answer for a survey and order, and forgets marks older than a year. */
export function markAnswered(key: string): void {
  memory.add(key);
  try {
    const now = Date.now();
    localStorage.setItem(key, String(now));
    for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX) && !(Number(localStorage.getItem(k)) > now - KEEP)) localStorage.removeItem(k);
  } catch {
    /* storage refused or full: this page remembers */
  }
}
