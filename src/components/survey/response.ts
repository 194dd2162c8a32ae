import type { Answers, QuestionSpec } from '../../scoring/types.js';
import { scoreResponse } from '../../scoring/score.js';
import type { KoubeiResponse } from '../../schema.js';

/**
 * Why a name a shop wrote cannot be a key of the payload's objects, or '' when it can. Only `__proto__` (assigning
 * it replaces an object's prototype, here and in the shop's server) and the empty name; `constructor`, `toString`
 * and the like are ordinary keys.
 */
export function badKey(name: string): string {
  return name === '__proto__' ? 'cannot be used: "__proto__" is not an ordinary key in JavaScript objects (here or on your server)' : name === '' ? 'must not be empty' : '';
}

/** `data-order-id` → `orderId`, as `dataset` does. `report` hears each data-* name that cannot be used. */
export function contextFromDataset(dataset: DOMStringMap, report?: (key: string, problem: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(dataset)) {
    const problem = badKey(k);
    if (problem) report?.(k, problem);
    else if (v !== undefined) out[k] = v;
  }
  return out;
}

/** `order-id` → `orderId`, as the DOM names data-* and properties. */
export const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * The URL parameters listed in `context-params` ("order-id,sig"), as context
 * fields camelCased like data-* (`order-id` → `orderId`). Nothing else from the URL,
 * except a signed link's `order-id` on a page that takes its `sig`: links sign the
 * order id since koubei.link.v2, and a landing page listing only "rid,kid,exp,sig"
 * would otherwise send a signature that cannot verify.
 */
export function contextFromUrl(search: string, list: string | null, report?: (name: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  if (!list) return out;
  const params = new URLSearchParams(search);
  const names = list.split(',');
  if (names.some((n) => n.trim() === 'sig') && !names.some((n) => n.trim() === 'order-id')) names.push('order-id');
  for (const name of names) {
    const key = camel(name.trim());
    // "__proto__" cannot be a context key (see badKey): said, not dropped.
    if (key === '__proto__') report?.(name.trim());
    const v = params.get(name.trim());
    if (name.trim() && v && key !== '__proto__') out[key] = v;
  }
  return out;
}

/** The page without query string and hash, and the referrer's origin only: no personal data from URLs. */
export function pageContext(loc: Location = location, referrer = document.referrer): { page: string; referrer: string } {
  let ref = '';
  try {
    ref = referrer ? new URL(referrer).origin : '';
  } catch {
    ref = '';
  }
  return { page: `${loc.origin}${loc.pathname}`, referrer: ref };
}

export interface BuildInput {
  surveyId: string;
  locale: string;
  questions: readonly { spec: QuestionSpec; answer: number | string | string[] | undefined }[];
  context: Record<string, string>;
  id?: string;
  now?: Date;
}

/** A v4 UUID. crypto.randomUUID exists only in secure contexts; a shop page on plain http (or a LAN address) needs ids too. */
export function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function buildResponse(input: BuildInput): KoubeiResponse {
  const answers: Answers = {};
  for (const q of input.questions) if (q.answer !== undefined) answers[q.spec.name] = q.answer;
  return {
    id: input.id ?? uuid(),
    surveyId: input.surveyId,
    createdAt: (input.now ?? new Date()).toISOString(),
    locale: input.locale,
    answers,
    scores: scoreResponse(answers, input.questions.map((q) => q.spec)),
    context: input.context,
    complete: true,
    revision: 1,
  };
}

/** Accepts http(s) URLs and page-relative paths; rejects anything with spaces or another scheme. */
export function isEndpoint(value: string): boolean {
  if (!value || /\s/.test(value)) return false;
  try {
    const url = new URL(value, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
