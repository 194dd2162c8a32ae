import { isLikertValue, isNpsValue } from '../../scoring/score.js';
import type { KoubeiResponse } from '../../schema.js';
import type { Answers } from '../../scoring/types.js';
import type { Answer, SurveyQuestion } from '../base/form-control.js';
import type { Presence } from './presence.js';
import { clock } from '../../clock.js';
import { local } from '../../storage/web.js';

// context-params (contextFromUrl) is every survey's, in response.ts: this module loads on demand (landing.ts).

/** A URL value checked against the question: numbers in range for scales, text as is. */
export function validAnswer(q: Pick<SurveyQuestion, 'spec'>, raw: string): Answer | undefined {
  const { spec } = q;
  if (spec.type === 'text') return raw.trim() || undefined;
  if (spec.type === 'choice') {
    // ?reason=late, or ?reason=late,damaged for a multiple choice: each one of the options.
    const values = [...new Set(raw.split(',').map((v) => v.trim()))];
    if (!values.every((v) => v && (!spec.options || spec.options.includes(v)))) return undefined;
    return spec.multiple ? values : values.length === 1 ? values[0] : undefined;
  }
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

/** A UUID as the collector's schema takes it (RFC 9562 versions 1 to 8, the RFC variant). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const warn = (message: string) => console.warn(`[koubei] <koubei-survey> prefill="url": ${message}`);

/**
 * linkResponseId: the response id a signed email link carries (`rid`, see
 * `signLink` in koubei/email), when it is a UUID; otherwise undefined, with a
 * console warning if `rid` is there but malformed. Nothing is verified here:
 * the page holds no secret. It warns only of what makes a signed response
 * (one whose `context` has `sig`) certain to fail the collector's check
 * (verifyContext): a `context.sid` other than `surveyId`. The URL's `sid`
 * alone is never sent: the signature is checked over the response's
 * `surveyId`, this survey's `survey-id`, so an edited `sid` changes nothing,
 * and a link signed for another survey cannot be told from one here.
 */
export function linkResponseId(search: string, surveyId: string, context: Readonly<Record<string, string>> = {}): string | undefined {
  const rid = new URLSearchParams(search).get('rid');
  const { sid, sig } = context;
  if (sig !== undefined && sid !== undefined && sid !== surveyId)
    warn(`context.sid "${sid}" is not this survey-id "${surveyId}": the collector checks the signature over the survey-id and requires a context.sid to equal it, so this link's responses will not verify.`);
  if (rid === null) return undefined;
  if (UUID.test(rid)) return rid;
  warn(`rid=${JSON.stringify(rid)} in the URL is not a UUID; ignored, the response gets an id of its own${sig === undefined ? '' : ", not the one signed, so this link's responses will not verify"}.`);
  return undefined;
}

/** 2026-01-01T00:00:00Z. */
const EPOCH = 1767225600000;

/**
 * timeRevision: seconds since 2026-01-01T00:00:00Z, the revision of a record
 * of a signed link's response id. Other browsers and devices may write the
 * same id, and no counter is shared with them, so the revision grows with the
 * clock: the later write wins at the collector (which keeps the highest). In
 * seconds, not milliseconds, because revisions are 32-bit integers in the
 * collector's database: this lasts until 2094, where unix seconds would end in 2038.
 *
 * @example
 * timeRevision(Date.UTC(2026, 11, 1)) // 334 days × 86400 = 28857600
 */
export const timeRevision = (now = clock.now()): number => Math.floor((now - EPOCH) / 1000);

interface Recorded {
  id: string;
  revision: number;
  /** The answers last sent, as JSON: a reload with the same answers records nothing, a revisit restores them. */
  sig: string;
  /** Submitted: a revisit's record stays complete. */
  done?: boolean;
  /** When it was last written (ms), to forget old ones. */
  at?: number;
}

const PREFIX = 'koubei-partial:';
/** How long a link's record is kept: a customer may click a score again days later, or in a second tab. */
const KEEP = 90 * 864e5;
const stale = (key: string, now: number): boolean => {
  try {
    return !((JSON.parse(local.get(key)!) as Recorded).at! > now - KEEP);
  } catch {
    return true;
  }
};

/**
 * Partial-then-complete for a survey opened from an email link: the clicked
 * score is recorded as `complete: false` (once a person is there, see
 * whenPresent), and the full answers later re-use its id with a higher
 * revision. Kept in localStorage, so a reload, a second tab or a second click
 * on the email days later keeps the id and the answers given. Servers keep the
 * highest revision of each id.
 *
 * Without a link id the id is this browser's own and revisions count 1, 2, 3;
 * with one (`rid`, a signed link) the id is the link's, shared by every browser
 * that opens it, and revisions follow the clock (timeRevision).
 */
export class PartialResponse {
  private _mem?: Recorded;
  /** Records made here and not yet stored (see stored()). */
  private readonly _made = new WeakSet<KoubeiResponse>();
  private readonly key: string;
  /** How a person showed they are there; sent as `context.confirmed` once set. */
  confirmed?: Presence;

  /**
   * `name`: what identifies the link (survey and order, or the link's response id).
   * `id`: the link's response id, used for every record.
   */
  constructor(name: string, private readonly id?: string) {
    this.key = PREFIX + name;
  }

  private _read(): Recorded | undefined {
    try {
      const raw = local.get(this.key);
      const r = raw ? (JSON.parse(raw) as Partial<Recorded> | null) : this._mem;
      // Anything else in this key (another script's, a hand edit) is no record: a revision past 2^31 − 1 would not
      // fit the collector's integer column, and the outbox would retry it for ever.
      return typeof r?.id === 'string' && Number.isInteger(r.revision) && r.revision! > 0 && r.revision! < 2 ** 31 - 1 && typeof r.sig === 'string'
        ? (r as Recorded)
        : undefined;
    } catch {
      return this._mem;
    }
  }

  private _write(r: Recorded): void {
    this._mem = r;
    // Where storage is refused, `local` keeps it in this page's memory: the id lives as long as the page.
    const t = clock.now();
    local.set(this.key, JSON.stringify({ ...r, at: t }));
    for (const k of local.keys(PREFIX)) if (stale(k, t)) local.remove(k);
  }

  /** The answers last sent for this link, from an earlier visit or another tab. */
  get earlier(): Answers | undefined {
    try {
      const sig = this._read()?.sig;
      return sig ? (JSON.parse(sig) as Answers) : undefined;
    } catch {
      return undefined;
    }
  }

  /** `r` as the next record of this link: its id, the next revision, and only a confirmation this page saw. */
  private _next(r: KoubeiResponse, old: Recorded | undefined, complete: boolean): KoubeiResponse {
    const count = (old?.revision ?? 0) + 1;
    // A `confirmed` from the URL (context-params) or a data-* attribute would fake a person: only whenPresent's counts.
    const { confirmed: _, ...context } = r.context;
    const out = {
      ...r,
      id: this.id ?? old?.id ?? r.id,
      revision: this.id ? Math.max(count, timeRevision()) : count,
      complete,
      context: this.confirmed ? { ...context, confirmed: this.confirmed } : context,
    };
    this._made.add(out);
    return out;
  }

  /**
   * PartialResponse.stored: remembers a record partial() or complete() made as this link's, once the outbox has
   * stored it (or the page took it over). Not before: a record remembered but never stored would make the next click
   * look already sent, and the link's score would be lost.
   */
  stored(r: KoubeiResponse): void {
    if (this._made.delete(r)) this._write({ id: r.id, revision: r.revision, sig: JSON.stringify(r.answers), done: r.complete });
  }

  /**
   * The record of a link's score, or undefined when these answers were already
   * sent. `complete: false`, unless this link's response was submitted before:
   * a revisit that changes the score keeps it complete.
   */
  partial(r: KoubeiResponse): KoubeiResponse | undefined {
    const old = this._read();
    return old?.sig === JSON.stringify(r.answers) ? undefined : this._next(r, old, !!old?.done);
  }

  /** The complete response: the link's id and the next revision (unchanged when there is no link nor record). */
  complete(r: KoubeiResponse): KoubeiResponse {
    const old = this._read();
    return old || this.id ? this._next(r, old, true) : r;
  }
}

/**
 * prefill="url" on a survey (landing): sets the questions from the URL
 * (prefillFromUrl), and on a revisit restores the answers sent before for
 * this link to the questions the URL does not set. `context` identifies the
 * link when it has no response id (`rid`). Returns the link's record and
 * whether it brings a score to record: a text answer in the URL alone does not.
 */
export function landing(search: string, surveyId: string, context: Record<string, string>, questions: readonly SurveyQuestion[]): { partial: PartialResponse; record: boolean } {
  const rid = linkResponseId(search, surveyId, context);
  // By the link's id, not its whole context: kid, exp and sig differ per score, and 7 then 9 is one response.
  const partial = new PartialResponse(`${surveyId}:${rid ?? JSON.stringify(context)}`, rid);
  const set = prefillFromUrl(search, questions);
  const earlier = partial.earlier ?? {};
  for (const q of questions) {
    const name = q.spec.name;
    if (set.includes(q) || q.answer !== undefined || !Object.prototype.hasOwnProperty.call(earlier, name)) continue;
    const v = validAnswer(q, String(earlier[name]));
    if (v !== undefined) (q as SurveyQuestion & { value: Answer | null }).value = v;
  }
  return { partial, record: set.some((q) => q.spec.type !== 'text') };
}
