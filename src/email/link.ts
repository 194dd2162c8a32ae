// Signed survey links: the email's eleven links carry an HMAC over the decoded
// fields, so a collector can tell a response that came from a real email from
// one made up. Runs in Node (20+) and browsers through WebCrypto, no DOM.
import { PLACEHOLDER, surveyLink } from './nps-block.js';

/** A secret: a string (used as UTF-8) or raw bytes; at least 16 bytes, 32 random bytes recommended. */
export type LinkSecret = string | Uint8Array | ArrayBuffer;

/** When a link stops working: a Date, an ISO 8601 date-time with an offset or Z, or unix seconds (an integer). */
export type LinkExpiry = Date | string | number;

/** Keys by key id, for rotation: list the old key beside the new one until its links have expired. */
export type LinkKeys = Readonly<Record<string, LinkSecret>> | ReadonlyMap<string, LinkSecret>;

/** What a link's signature covers. */
export interface LinkFields {
  surveyId: string;
  /** The response id the landing page must use (a UUID), see responseIdFor. */
  responseId: string;
  /** The NPS score of this link, 0 to 10. */
  score: number;
  /** Unix seconds; the link is expired from this second on. */
  expiresAt: number;
  keyId: string;
  /**
   * The order, when the link carries it (`order-id`, ORDER_PARAM): then signed too, so the landing page's
   * `context.orderId` cannot be changed. Absent from links signed without it (koubei.link.v1), which still verify.
   */
  orderId?: string;
}

/** What signLink takes: `expiresAt` as a Date, an ISO string or unix seconds. */
export type LinkFieldsInput = Omit<LinkFields, 'expiresAt'> & { expiresAt: LinkExpiry };

/** Why a link or a response was refused. */
export type LinkFailure = 'missing' | 'malformed' | 'expired' | 'unknown-key' | 'mismatch';

/**
 * `fields` are the values read from the link (absent when they could not be
 * read); trust them only when `valid` is true.
 */
export type LinkCheck =
  | { valid: true; reason: null; fields: LinkFields }
  | { valid: false; reason: LinkFailure; fields?: LinkFields };

/**
 * verifyContext also answers `score-changed`: the link is genuine and in date,
 * but the stored answer is not the score of the link clicked (the customer
 * changed it on the page); `fields.score` is the clicked one.
 */
export type ContextCheck =
  | LinkCheck
  | { valid: false; reason: 'score-changed'; fields: LinkFields };

/**
 * The query parameters a signed link adds besides the score (which goes under
 * the question's name, default `nps`). A survey page passes them into
 * `context` with `context-params="rid,kid,exp,sig"`; `sid` is the survey id,
 * which a response carries as `surveyId` anyway.
 */
export const LINK_PARAMS = { surveyId: 'sid', responseId: 'rid', keyId: 'kid', expiresAt: 'exp', signature: 'sig' } as const;

/**
 * The parameter a signed link carries the order id in (`?order-id=A1001`), signed with the other fields: a landing page
 * with `context-params="order-id,rid,kid,exp,sig"` gives its responses `context.orderId`, which the collector's
 * follow-ups are per. Not in LINK_PARAMS: links signed without an order id have no such parameter.
 */
export const ORDER_PARAM = 'order-id';

const VERSION = 'koubei.link.v1';
/** v1 plus the order id as a seventh line. */
const VERSION_ORDER = 'koubei.link.v2';
const ORDER_VERSION = 'koubei.order.v1';
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// Control characters (line breaks among them) and the Unicode line and paragraph separators.
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f\u0085\u2028\u2029]/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
/** 9999-12-31T23:59:59Z: a larger "seconds" value is almost surely milliseconds. */
const MAX_EXPIRY = 253402300799;
/** A base64url HMAC-SHA256 without padding: 32 bytes, 43 characters. */
const SIG = /^[A-Za-z0-9_-]{43}$/;

const utf8 = new TextEncoder();

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  // Browsers have crypto.subtle only in secure contexts (https, localhost).
  if (!s) throw new Error('koubei: WebCrypto (crypto.subtle) is not available here: signed links need Node 20+ or a page served over https');
  return s;
}

/** A secret's bytes; a TypeError/RangeError naming `what` (never showing the secret). */
export function secretBytes(secret: unknown, what: string): Uint8Array<ArrayBuffer> {
  const bytes =
    typeof secret === 'string'
      ? utf8.encode(secret)
      : secret instanceof ArrayBuffer
        ? new Uint8Array(secret.slice(0))
        : secret instanceof Uint8Array
          ? new Uint8Array(secret)
          : undefined;
  // The value is never part of the message: it is a secret.
  if (!bytes) throw new TypeError(`${what} must be a string, Uint8Array or ArrayBuffer`);
  if (bytes.length < 16) throw new RangeError(`${what} must be at least 16 bytes (32 random bytes recommended), got ${bytes.length}`);
  return bytes;
}

async function hmac(secret: Uint8Array<ArrayBuffer>, message: string): Promise<Uint8Array> {
  const s = subtle();
  const key = await s.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await s.sign('HMAC', key, utf8.encode(message)));
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** Compares two strings of equal length without stopping at the first difference. */
function sameString(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/** The versioned canonical string: one field per line, no trailing line break; v2 when the order id is signed. */
const canonical = (f: LinkFields): string =>
  (f.orderId === undefined
    ? [VERSION, f.keyId, f.surveyId, f.responseId, String(f.score), String(f.expiresAt)]
    : [VERSION_ORDER, f.keyId, f.surveyId, f.responseId, String(f.score), String(f.expiresAt), f.orderId]
  ).join('\n');

const signature = async (f: LinkFields, secret: Uint8Array<ArrayBuffer>): Promise<string> => base64url(await hmac(secret, canonical(f)));

const isScore = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 10;
const isSurveyId = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 200 && !LINE_BREAK_OR_CONTROL.test(s);
/** Order ids follow the survey id's rule (responseIdFor's too): 1 to 200 characters, no line break or control character. */
const isOrderId = isSurveyId;

/** Unix seconds of an expiry given as a Date, an ISO string or unix seconds; a RangeError/TypeError naming `what`. */
export function expirySeconds(expiresAt: LinkExpiry, what = 'expiresAt'): number {
  let seconds: number;
  if (expiresAt instanceof Date) seconds = Math.floor(expiresAt.getTime() / 1000);
  else if (typeof expiresAt === 'string') {
    if (!ISO.test(expiresAt)) throw new TypeError(`${what} must be an ISO 8601 date-time with Z or an offset (2027-01-01T00:00:00Z), got ${JSON.stringify(expiresAt)}`);
    seconds = Math.floor(Date.parse(expiresAt) / 1000);
  } else if (typeof expiresAt === 'number') {
    if (!Number.isInteger(expiresAt)) throw new TypeError(`${what} in unix seconds must be an integer, got ${expiresAt}`);
    if (expiresAt > MAX_EXPIRY) throw new RangeError(`${what} must be in unix seconds, got ${expiresAt} (milliseconds? divide by 1000)`);
    seconds = expiresAt;
  } else throw new TypeError(`${what} must be a Date, an ISO 8601 string or unix seconds`);
  if (!(seconds >= 1 && seconds <= MAX_EXPIRY)) throw new RangeError(`${what} is not a valid date between 1970 and 9999`);
  return seconds;
}

export function checkFields(f: Partial<LinkFieldsInput>, who: string): LinkFields {
  if (!f || typeof f !== 'object') throw new TypeError(`${who}: fields must be { surveyId, responseId, score, expiresAt, keyId }`);
  if (!isSurveyId(f.surveyId)) throw new TypeError(`${who}: surveyId must be 1 to 200 characters without line breaks or control characters, got ${JSON.stringify(f.surveyId)}`);
  if (typeof f.responseId !== 'string' || !UUID.test(f.responseId)) throw new TypeError(`${who}: responseId must be a UUID (see responseIdFor), got ${JSON.stringify(f.responseId)}`);
  if (!isScore(f.score)) throw new RangeError(`${who}: score must be an integer from 0 to 10, got ${JSON.stringify(f.score)}`);
  if (typeof f.keyId !== 'string' || !KEY_ID.test(f.keyId)) throw new TypeError(`${who}: keyId must be 1 to 64 of A-Z a-z 0-9 . _ -, got ${JSON.stringify(f.keyId)}`);
  if (f.expiresAt === undefined) throw new TypeError(`${who}: expiresAt is required`);
  if (f.orderId !== undefined && !isOrderId(f.orderId)) throw new TypeError(`${who}: orderId must be 1 to 200 characters without line breaks or control characters, got ${JSON.stringify(f.orderId)}`);
  if (f.orderId !== undefined && PLACEHOLDER.test(f.orderId)) throw new TypeError(`${who}: orderId ${JSON.stringify(f.orderId)} is a mailer placeholder; a signature needs the real order id of each email`);
  const out: LinkFields = { surveyId: f.surveyId, responseId: f.responseId, score: f.score, keyId: f.keyId, expiresAt: expirySeconds(f.expiresAt, `${who}: expiresAt`) };
  if (f.orderId !== undefined) out.orderId = f.orderId;
  return out;
}

/** The query parameters of a signed link, score first; their values are already checked. */
export async function signedParams(f: LinkFields, secret: Uint8Array<ArrayBuffer>, name: string): Promise<[string, string][]> {
  return [
    [name, String(f.score)],
    [LINK_PARAMS.surveyId, f.surveyId],
    [LINK_PARAMS.responseId, f.responseId],
    ...(f.orderId === undefined ? [] : [[ORDER_PARAM, f.orderId] as [string, string]]),
    [LINK_PARAMS.keyId, f.keyId],
    [LINK_PARAMS.expiresAt, String(f.expiresAt)],
    [LINK_PARAMS.signature, await signature(f, secret)],
  ];
}

/** The score parameter's name, default `nps`; it cannot be one of LINK_PARAMS. */
export function scoreName(name: unknown, what: string): string {
  if (name === undefined) return 'nps';
  if (typeof name !== 'string' || !name) throw new TypeError(`${what} must be a non-empty string`);
  if ([...Object.values(LINK_PARAMS), ORDER_PARAM].includes(name)) throw new TypeError(`${what} "${name}" is a signature parameter; choose another name`);
  return name;
}

/** The names a signed link sets: the score's and LINK_PARAMS, and ORDER_PARAM when it signs an order id. */
export const signedNames = (name: string, order = false): string[] => [name, ...Object.values(LINK_PARAMS), ...(order ? [ORDER_PARAM] : [])];

/** Throws when the URL's query already sets one of `names` (the page would read the first, not ours). */
export function checkFreeNames(url: string, names: readonly string[], who: string): void {
  let search: URLSearchParams;
  try {
    search = new URL(url).searchParams;
  } catch {
    throw new TypeError(`${who}: url must be an absolute URL, got ${JSON.stringify(url)}`);
  }
  for (const n of names) if (search.has(n)) throw new TypeError(`${who}: the URL already has a "${n}" parameter, which a signed link sets`);
}

/**
 * Signs a survey link (HMAC-SHA256, RFC 2104, through WebCrypto): adds the
 * score under `name` (default `nps`) and `sid`, `rid`, `kid`, `exp`, `sig`
 * (LINK_PARAMS) to `url`, and `order-id` (ORDER_PARAM) when `fields.orderId`
 * is given. The MAC covers the decoded values, one per line:
 * `koubei.link.v1`, key id, survey id, response id, score, expiry in unix
 * seconds; with an order id `koubei.link.v2`, the same lines, then the order
 * id. `sig` is base64url (RFC 4648 §5) without padding. Signing decoded
 * values means a link re-encoded on the way (QQ Mail's safety page) still
 * verifies. Throws a TypeError/RangeError for a bad field or secret.
 *
 * @example await signLink('https://shop.example/survey', { surveyId: 'post-purchase', responseId, score: 9, expiresAt: '2027-01-01T00:00:00Z', keyId: 'k1' }, secret)
 */
export async function signLink(
  url: string | URL,
  fields: LinkFieldsInput,
  secret: LinkSecret,
  options: { name?: string } = {},
): Promise<string> {
  const f = checkFields(fields, 'signLink');
  const name = scoreName(options.name, 'signLink: options.name');
  const key = secretBytes(secret, 'signLink: secret');
  const href = String(url);
  checkFreeNames(href, signedNames(name, f.orderId !== undefined), 'signLink');
  return surveyLink(href, await signedParams(f, key, name));
}

function keyFor(keys: LinkKeys, keyId: string, who: string): Uint8Array<ArrayBuffer> | undefined {
  if (!keys || typeof keys !== 'object') throw new TypeError(`${who}: keys must be an object or Map of key id → secret`);
  const secret = keys instanceof Map ? keys.get(keyId) : Object.hasOwn(keys, keyId) ? (keys as Record<string, LinkSecret>)[keyId] : undefined;
  return secret === undefined ? undefined : secretBytes(secret, `${who}: keys[${JSON.stringify(keyId)}]`);
}

const nowMs = (now: Date | number | undefined, who: string): number => {
  const t = now === undefined ? Date.now() : now instanceof Date ? now.getTime() : now;
  if (typeof t !== 'number' || !Number.isFinite(t)) throw new TypeError(`${who}: options.now must be a Date or milliseconds since 1970`);
  return t;
};

/** The raw signature fields, as read from a link or a response; strings or undefined. */
interface RawFields {
  surveyId?: string;
  responseId?: string;
  score?: string;
  keyId?: string;
  expiresAt?: string;
  sig?: string;
}

/** Reads raw values into fields, or tells why it cannot. */
function parseRaw(raw: RawFields): { reason: 'missing' | 'malformed' } | { fields: LinkFields; sig: string } {
  const { surveyId, responseId, score, keyId, expiresAt, sig } = raw;
  const all: unknown[] = [surveyId, responseId, score, keyId, expiresAt, sig];
  if (all.some((v) => v === undefined || v === null || v === '')) return { reason: 'missing' };
  if (
    // A stored response not checked against the schema may hold numbers here.
    all.some((v) => typeof v !== 'string') ||
    !isSurveyId(surveyId) ||
    !UUID.test(responseId!) ||
    !/^(10|\d)$/.test(score!) ||
    !KEY_ID.test(keyId!) ||
    // Exactly as signed: digits without a sign or leading zeros.
    !/^[1-9]\d{0,11}$/.test(expiresAt!) ||
    Number(expiresAt) > MAX_EXPIRY ||
    !SIG.test(sig!)
  ) {
    return { reason: 'malformed' };
  }
  return { fields: { surveyId, responseId: responseId!, score: Number(score), keyId: keyId!, expiresAt: Number(expiresAt) }, sig: sig! };
}

/** MAC first, expiry second: `expired` is only ever said of a genuine link. */
async function checkOne(fields: LinkFields, sig: string, keys: LinkKeys, now: number, who: string): Promise<LinkCheck> {
  const key = keyFor(keys, fields.keyId, who);
  if (!key) return { valid: false, reason: 'unknown-key', fields };
  if (!sameString(await signature(fields, key), sig)) return { valid: false, reason: 'mismatch', fields };
  if (now >= fields.expiresAt * 1000) return { valid: false, reason: 'expired', fields };
  return { valid: true, reason: null, fields };
}

/**
 * With an order id beside the link, the v2 MAC over it first; failing that, v1 without it: a link signed before order
 * ids were (or with one added unsigned in `params`) still verifies, and then `fields` has no orderId. A changed
 * order-id of a v2 link matches neither.
 */
async function check(fields: LinkFields, orderId: unknown, sig: string, keys: LinkKeys, now: number, who: string): Promise<LinkCheck> {
  if (isOrderId(orderId)) {
    const r = await checkOne({ ...fields, orderId }, sig, keys, now, who);
    if (r.reason !== 'mismatch') return r;
  }
  return checkOne(fields, sig, keys, now, who);
}

/**
 * Verifies a signed survey link (the landing page's URL, after any mail
 * client's wrapper is gone): recomputes the HMAC-SHA256 of signLink over the
 * decoded parameters with the secret of `kid` from `keys` and compares in
 * constant time. Answers `{ valid, reason, fields }`, reason one of
 * `missing` (a parameter absent), `malformed`, `unknown-key`, `mismatch`
 * (tampered or another key), `expired` (genuine but past `exp`). A parameter
 * given twice is `malformed`. `options.now` (Date or ms) is the clock.
 * `fields.orderId` is there when the signature covers the link's `order-id`
 * (trust an order id only then); a link signed without one still verifies.
 */
export async function verifyLink(url: string | URL, keys: LinkKeys, options: { now?: Date | number; name?: string } = {}): Promise<LinkCheck> {
  const now = nowMs(options.now, 'verifyLink');
  const name = scoreName(options.name, 'verifyLink: options.name');
  let search: URLSearchParams;
  try {
    // A relative URL or a bare "?query" is read against a placeholder base.
    search = new URL(String(url), 'https://invalid.invalid/').searchParams;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  const one = (n: string): string | undefined | null => {
    const all = search.getAll(n);
    return all.length > 1 ? null : all[0];
  };
  const values = [name, ...Object.values(LINK_PARAMS), ORDER_PARAM].map(one);
  if (values.includes(null)) return { valid: false, reason: 'malformed' };
  const [score, surveyId, responseId, keyId, expiresAt, sig, orderId] = values as (string | undefined)[];
  const parsed = parseRaw({ score, surveyId, responseId, keyId, expiresAt, sig });
  if ('reason' in parsed) return { valid: false, reason: parsed.reason };
  return check(parsed.fields, orderId, parsed.sig, keys, now, 'verifyLink');
}

/** The parts of a stored response verifyContext reads (a KoubeiResponse has them all). */
export interface SignedResponse {
  surveyId: string;
  id: string;
  answers: Readonly<Record<string, number | string | readonly string[]>>;
  context?: Readonly<Record<string, string>>;
}

/**
 * Verifies a response that came through a signed link, as a collector sees it:
 * the MAC of signLink over `surveyId`, `id`, `answers[name]` (default `nps`)
 * and `context.kid`, `context.exp`, `context.sig` (the landing page's
 * `context-params="rid,kid,exp,sig"`). A `context.rid` or `context.sid` that
 * differs from the response's own id or survey id is a `mismatch`. When the
 * answer is not the link's score but another score's MAC matches (the customer
 * changed the score on the page), answers `score-changed` with the clicked
 * score in `fields.score`. `context.orderId` (the landing page's `order-id`)
 * is checked as verifyLink checks the link's: `fields.orderId` is there when
 * it is signed. Same reasons and clock as verifyLink otherwise.
 */
export async function verifyContext(response: SignedResponse, keys: LinkKeys, options: { now?: Date | number; name?: string } = {}): Promise<ContextCheck> {
  const now = nowMs(options.now, 'verifyContext');
  const name = scoreName(options.name, 'verifyContext: options.name');
  if (!response || typeof response !== 'object') throw new TypeError('verifyContext: response must be a response object');
  const ctx = response.context ?? {};
  const answer = response.answers?.[name];
  const parsed = parseRaw({
    surveyId: response.surveyId,
    responseId: response.id,
    // The score may have been changed or cleared on the page: any valid score is tried below.
    score: isScore(answer) ? String(answer) : '0',
    keyId: ctx[LINK_PARAMS.keyId],
    expiresAt: ctx[LINK_PARAMS.expiresAt],
    sig: ctx[LINK_PARAMS.signature],
  });
  if ('reason' in parsed) return { valid: false, reason: parsed.reason };
  const { fields, sig } = parsed;
  const rid = ctx[LINK_PARAMS.responseId];
  const sid = ctx[LINK_PARAMS.surveyId];
  if ((rid !== undefined && rid !== fields.responseId) || (sid !== undefined && sid !== fields.surveyId)) return { valid: false, reason: 'mismatch', fields };
  const orderId = ctx.orderId;
  const first = isScore(answer) ? await check(fields, orderId, sig, keys, now, 'verifyContext') : undefined;
  if (first && first.reason !== 'mismatch') return first;
  // Eleven MACs at most (22 with an unsigned order id beside a v1 link); every score's link went to the same customer, so which one matches reveals nothing.
  for (let score = 0; score <= 10; score++) {
    if (score === answer) continue;
    const r = await check({ ...fields, score }, orderId, sig, keys, now, 'verifyContext');
    if (r.reason === 'unknown-key') return r;
    if (r.reason !== 'mismatch') return r.valid ? { valid: false, reason: 'score-changed', fields: r.fields } : r;
  }
  return { valid: false, reason: 'mismatch', fields: { ...fields, score: isScore(answer) ? answer : fields.score } };
}

/**
 * A response id for an order: a UUID (version 8, RFC 9562 §5.8) from the
 * first 16 bytes of HMAC-SHA256(secret, "koubei.order.v1\n" + orderId), with
 * the version and variant bits set. The same for all eleven links of one
 * email and for a resend, so the collector keeps one response per order; it
 * reveals nothing of the order id without the secret. Never derive it from an
 * email address: an address that looks like one is refused.
 */
export async function responseIdFor(orderId: string, secret: LinkSecret): Promise<string> {
  if (typeof orderId !== 'string' || !orderId || orderId.length > 200 || LINE_BREAK_OR_CONTROL.test(orderId)) {
    throw new TypeError(`responseIdFor: orderId must be 1 to 200 characters without line breaks, got ${JSON.stringify(orderId)}`);
  }
  if (PLACEHOLDER.test(orderId)) {
    throw new TypeError(`responseIdFor: orderId ${JSON.stringify(orderId)} is a mailer placeholder; the id needs the real order id, so build each email with its own`);
  }
  if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(orderId)) throw new TypeError('responseIdFor: orderId looks like an email address; derive the response id from the order id, never from an address');
  const b = (await hmac(secretBytes(secret, 'responseIdFor: secret'), `${ORDER_VERSION}\n${orderId}`)).slice(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80; // version 8
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10xx (RFC 9562)
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
