import { clock } from '../clock.js';
import { createStorage, memoryStorage, type Kv } from '../storage/index.js';

/** Why a survey was not shown (`koubei-skip`'s detail.reason). */
export type SkipReason = 'answered' | 'dismissed' | 'recontact' | 'sampled-out';
/** What the customer did with a survey that was shown. */
export type Outcome = 'answered' | 'dismissed';

/** How often a survey may be shown, from `once-per`, `recontact-days` and `sample`. */
export interface FrequencyRules {
  surveyId: string;
  /** Set for once-per="order": a survey answered or dismissed for this order is not shown again. */
  orderId?: string;
  /** After an answer or a dismissal, wait this many days. */
  recontactDays?: number;
  /** Share of visitors (0–1) who see the survey. */
  sample?: number;
}

export interface RuleProblem {
  attribute: string;
  message: string;
}

/** Time source and timers of placement: Koubei's one clock (src/clock.ts), which tests replace with a fake one. */
export { clock };

/** Key-value state of placement. */
export interface PlacementStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Replaces the value with fn(old), atomically across tabs where storage allows; resolves to the new value. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<T>;
}

const DAY = 864e5;

/** Placement's state over one store of the storage layer. */
function over(st: Kv<'state'>): PlacementStore {
  async function update<T>(k: string, fn: (old: T | undefined) => T): Promise<T> {
    let out!: T;
    await st.change('state', [k], (old) => (out = fn(old as T | undefined)));
    return out;
  }
  // A change that keeps the value writes nothing: a read.
  return { get: <T>(k: string) => update<T | undefined>(k, (old) => old), update };
}

export const memoryStore = (): PlacementStore => over(memoryStorage());

/**
 * The storage layer (src/storage/) over placement's own database, `koubei-placement` (its `state` store, as the
 * idb-keyval store of earlier versions made it, so what they kept is read as it was), falling back to localStorage
 * (keys `koubei-placement:…`, as before) and then memory. A blocked IndexedDB open never settles: 2 s per try, so a
 * survey waits at most 4 s for its decision.
 */
export const persistentStore = (): PlacementStore =>
  over(createStorage({ name: 'koubei-placement', version: 1, stores: ['state'], prefix: () => 'koubei-placement:', timeout: () => 2000 }));

let shared: PlacementStore | undefined;
export const placementStore = (): PlacementStore => (shared ??= persistentStore());

/** Reads the frequency attributes; bad values are reported and left out. */
export function parseRules(
  surveyId: string,
  attrs: { oncePer: string | null; recontactDays: string | null; sample: string | null; orderId?: string },
): { rules: FrequencyRules; problems: RuleProblem[] } {
  const rules: FrequencyRules = { surveyId };
  const problems: RuleProblem[] = [];
  if (attrs.oncePer !== null) {
    if (attrs.oncePer === 'none') {
      /* the default one-answer-per-order check is off (survey.ts); no rule here */
    } else if (attrs.oncePer !== 'order') problems.push({ attribute: 'once-per', message: 'must be order or none; ignored.' });
    else if (!attrs.orderId) problems.push({ attribute: 'once-per', message: 'needs data-order-id on the survey; ignored.' });
    else rules.orderId = attrs.orderId;
  }
  if (attrs.recontactDays !== null) {
    const n = Number(attrs.recontactDays);
    if (attrs.recontactDays.trim() && n >= 0 && n <= 3650) rules.recontactDays = n;
    else problems.push({ attribute: 'recontact-days', message: 'must be a number of days; ignored.' });
  }
  if (attrs.sample !== null) {
    const n = Number(attrs.sample);
    if (attrs.sample.trim() && n >= 0 && n <= 1) rules.sample = n;
    else problems.push({ attribute: 'sample', message: 'must be a share from 0 to 1; ignored.' });
  }
  return { rules, problems };
}

const orderKey = (r: FrequencyRules) => `order:${r.surveyId}:${r.orderId}`;
const lastKey = (r: FrequencyRules) => `last:${r.surveyId}`;

/**
 * Whether to show a survey now: undefined to show it, else the reason not to.
 * Checked in order: this order already answered or dismissed, recontact
 * period, then the visitor's sample roll (drawn once and kept, so reloads
 * don't re-roll and a larger share keeps the visitors of a smaller one).
 */
export async function decide(rules: FrequencyRules, store = placementStore(), random = Math.random): Promise<SkipReason | undefined> {
  if (rules.orderId !== undefined) {
    const done = await store.get<Outcome>(orderKey(rules));
    if (done) return done;
  }
  if (rules.recontactDays) {
    const last = await store.get<{ at: number }>(lastKey(rules));
    // abs(): a clock set back must not block the survey for years.
    if (last && Math.abs(clock.now() - last.at) < rules.recontactDays * DAY) return 'recontact';
  }
  if (rules.sample !== undefined && rules.sample < 1) {
    const roll = await store.update<number>(`sample:${rules.surveyId}`, (old) => (typeof old === 'number' ? old : random()));
    if (roll >= rules.sample) return 'sampled-out';
  }
  return undefined;
}

/** Records an answer or a dismissal for the order and the recontact period. */
export async function remember(outcome: Outcome, rules: FrequencyRules, store = placementStore()): Promise<void> {
  if (rules.orderId !== undefined) await store.update(orderKey(rules), (old) => (old === 'answered' ? old : outcome));
  await store.update(lastKey(rules), () => ({ at: clock.now(), outcome }));
}
