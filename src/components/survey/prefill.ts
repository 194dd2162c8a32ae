import { isLikertValue, isNpsValue } from '../../scoring/score.js';
import type { KoubeiResponse } from '../../schema.js';
import type { Answer, SurveyQuestion } from '../base/form-control.js';

/** `order-id` → `orderId`, as the DOM names data-* and properties. */
export const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The URL parameters listed in `context-params` ("order-id,sig"), as context
 * fields camelCased like data-* (`order-id` → `orderId`). Nothing else from the URL.
 */
export function contextFromUrl(search: string, list: string | null, report?: (name: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  if (!list) return out;
  const params = new URLSearchParams(search);
  for (const name of list.split(',')) {
    const key = camel(name.trim());
    // "__proto__" cannot be a context key (see badKey): said, not dropped.
    if (key === '__proto__') report?.(name.trim());
    const v = params.get(name.trim());
    if (name.trim() && v && key !== '__proto__') out[key] = v;
  }
  return out;
}

/** A URL value checked against the question: numbers in range for scales, text as is. */
export function validAnswer(q: Pick<SurveyQuestion, 'spec'>, raw: string): Answer | undefined {
  const { spec } = q;
  if (spec.type === 'text') return raw.trim() || undefined;
  const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (spec.type === 'nps') return isNpsValue(n) ? n : undefined;
  return isLikertValue(n, spec.points) ? n : undefined;
}

/**
 * prefill="url": sets each question whose name is a URL parameter (?nps=7) to
 * that value when it is valid; a tampered or out-of-range value is ignored
 * with a console warning. Returns the questions set.
 */
export function prefillFromUrl(search: string, questions: readonly SurveyQuestion[]): SurveyQuestion[] {
  const params = new URLSearchParams(search);
  const set: SurveyQuestion[] = [];
  for (const q of questions) {
    const raw = params.get(q.spec.name);
    if (raw === null) continue;
    const v = validAnswer(q, raw);
    if (v === undefined) {
      console.warn(`[koubei] <koubei-survey> prefill="url": ${q.spec.name}=${JSON.stringify(raw)} in the URL is not a valid answer; ignored.`);
      continue;
    }
    (q as SurveyQuestion & { value: Answer | null }).value = v;
    set.push(q);
  }
  return set;
}

interface Recorded {
  id: string;
  revision: number;
  /** The answers of the last partial, so a reload doesn't record it again. */
  sig: string;
  /** Completed: a reload must not turn it back into a partial. */
  done?: boolean;
  /** When it was last written (ms), to forget old ones. */
  at?: number;
}

const PREFIX = 'koubei-partial:';
/** How long a link's record is kept: a customer may click a score again days later, or in a second tab. */
const KEEP = 90 * 864e5;
const stale = (key: string, now: number): boolean => {
  try {
    return !((JSON.parse(localStorage.getItem(key)!) as Recorded).at! > now - KEEP);
  } catch {
    return true;
  }
};

/**
 * Partial-then-complete: a score that arrives by link is recorded at once as
 * `complete: false`; the full answers later re-use its id with the next
 * revision. Kept in localStorage, so a reload, a second tab or a second click
 * on the email days later keeps the id. Servers keep the highest revision of each id.
 */
export class PartialResponse {
  private _mem?: Recorded;
  private readonly key: string;
  /** `name`: what identifies the link (survey and order, or whatever else the page has). */
  constructor(name: string) {
    this.key = PREFIX + name;
  }

  private _read(): Recorded | undefined {
    try {
      const raw = localStorage.getItem(this.key);
      return raw ? (JSON.parse(raw) as Recorded) : this._mem;
    } catch {
      return this._mem;
    }
  }

  private _write(r: Recorded): void {
    this._mem = r;
    try {
      const t = Date.now();
      localStorage.setItem(this.key, JSON.stringify({ ...r, at: t }));
      for (const k of Object.keys(localStorage)) if (k.startsWith(PREFIX) && stale(k, t)) localStorage.removeItem(k);
    } catch {
      /* storage blocked: the id lives as long as the page */
    }
  }

  /** The partial response to record, or undefined when these answers were already recorded. */
  partial(r: KoubeiResponse): KoubeiResponse | undefined {
    const old = this._read();
    const sig = JSON.stringify(r.answers);
    if (old?.done || old?.sig === sig) return undefined;
    const out = { ...r, id: old?.id ?? r.id, revision: (old?.revision ?? 0) + 1, complete: false };
    this._write({ id: out.id, revision: out.revision, sig });
    return out;
  }

  /** The complete response: the partial's id and the next revision (unchanged when nothing was recorded). */
  complete(r: KoubeiResponse): KoubeiResponse {
    const old = this._read();
    if (!old) return r;
    const out = { ...r, id: old.id, revision: old.revision + 1, complete: true };
    this._write({ ...old, revision: out.revision, done: true });
    return out;
  }
}
