import { createStore, get, update } from 'idb-keyval';

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

/** Time source and timers of placement; tests replace them with a fake clock. */
export const clock = {
  now: (): number => Date.now(),
  setTimeout: (fn: () => void, ms: number): unknown => setTimeout(fn, ms),
  clearTimeout: (id: unknown): void => clearTimeout(id as number),
};

/** Key-value state of placement. */
export interface PlacementStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Replaces the value with fn(old), atomically across tabs where storage allows; resolves to the new value. */
  update<T>(key: string, fn: (old: T | undefined) => T): Promise<T>;
}

const DAY = 864e5;
const PREFIX = 'koubei-placement:';

export function memoryStore(): PlacementStore {
  const m = new Map<string, unknown>();
  return {
    get: async <T>(k: string) => m.get(k) as T | undefined,
    async update<T>(k: string, fn: (old: T | undefined) => T) {
      const v = fn(m.get(k) as T | undefined);
      m.set(k, v);
      return v;
    },
  };
}

function localStore(): PlacementStore | undefined {
  try {
    const ls = localStorage;
    ls.setItem(PREFIX, '');
    ls.removeItem(PREFIX);
    const read = <T>(k: string): T | undefined => {
      const raw = ls.getItem(PREFIX + k);
      return raw === null ? undefined : (JSON.parse(raw) as T);
    };
    return {
      get: async (k) => read(k),
      async update(k, fn) {
        const v = fn(read(k));
        ls.setItem(PREFIX + k, JSON.stringify(v));
        return v;
      },
    };
  } catch {
    return undefined; // storage blocked (privacy settings, sandboxed frame)
  }
}

function timeout<T>(p: Promise<T>): Promise<T> {
  // A blocked IndexedDB open never settles: don't let it hold a survey back forever.
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('IndexedDB timed out')), 3000))]);
}

/**
 * IndexedDB (its own database, `koubei-placement`, shared by all tabs),
 * falling back to localStorage and then memory when IndexedDB fails.
 */
export function persistentStore(): PlacementStore {
  type Db = ReturnType<typeof createStore>;
  let db: Db | undefined;
  try {
    db = createStore('koubei-placement', 'state');
  } catch {
    /* no IndexedDB here (Node, some private modes) */
  }
  let other: PlacementStore | undefined;
  const run = async <R>(idb: (db: Db) => Promise<R>, alt: (s: PlacementStore) => Promise<R>): Promise<R> => {
    if (db && !other) {
      try {
        return await timeout(idb(db));
      } catch {
        /* fall through to the fallback */
      }
    }
    return alt((other ??= localStore() ?? memoryStore()));
  };
  return {
    get: (k) => run((db) => get(k, db), (s) => s.get(k)),
    update: <T>(k: string, fn: (old: T | undefined) => T) =>
      run(
        async (db) => {
          let out!: T;
          await update<T>(k, (old) => (out = fn(old)), db);
          return out;
        },
        (s) => s.update(k, fn),
      ),
  };
}

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
