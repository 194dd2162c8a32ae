// koubei/email: the email NPS block, with signed links when `sign` is given
// (signing belongs on the shop's server or mailer: see link.ts). Runs in Node
// 20+ and browsers, no DOM, no Lit.
import {
  checkFields,
  checkFreeNames,
  expirySeconds,
  ORDER_PARAM,
  responseIdFor,
  scoreName,
  secretBytes,
  signedNames,
  signedParams,
  type LinkExpiry,
  type LinkSecret,
} from './link.js';
import { checkOptions, PLACEHOLDER, renderBlock, renderEmailNps as renderUnsigned, surveyLink, type EmailNps, type EmailNpsOptions } from './nps-block.js';

export { escapeHtml, surveyLink } from './nps-block.js';
export type { EmailNps, EmailNpsColors, EmailNpsOptions } from './nps-block.js';
export { LINK_PARAMS, ORDER_PARAM, responseIdFor, signLink, verifyContext, verifyLink } from './link.js';
export type { ContextCheck, LinkCheck, LinkExpiry, LinkFailure, LinkFields, LinkFieldsInput, LinkKeys, LinkSecret, SignedResponse } from './link.js';

/** How renderEmailNps signs the links (see signLink). */
export interface EmailNpsSigning {
  /** The signing secret of `keyId` (at least 16 bytes; 32 random bytes recommended). Never put it in the email. */
  secret: LinkSecret;
  /** Names the secret, so the collector can hold an old and a new key while rotating (A-Z a-z 0-9 . _ -). */
  keyId: string;
  /** How long the links work: seconds, or a string such as `30d`, `72h`, `90m` (at most 366 days). Default `30d`. */
  expiresIn?: number | string;
  /** Instead of expiresIn: a Date, an ISO 8601 string with an offset, or unix seconds. */
  expiresAt?: LinkExpiry;
  /**
   * The secret responseIdFor uses; default `secret`. Keep one that does not rotate if a resend after a key rotation
   * must keep its response id.
   */
  idSecret?: LinkSecret;
}

/** renderEmailNps with signed links: one call per recipient, with that email's real order id. */
export interface SignedEmailNpsOptions extends Omit<EmailNpsOptions, 'sign'> {
  sign: EmailNpsSigning;
  /** The survey page's `survey-id`; signed, and carried as `sid`. */
  surveyId: string;
  /**
   * This email's order: the response id is responseIdFor(orderId, idSecret ?? secret), and each link carries it,
   * signed, as `order-id` (ORDER_PARAM) for the landing page's `context-params`. Not a placeholder.
   */
  orderId: string;
}

/** `30d`, `72h`, `90m`, `45s` or a number of seconds → seconds; a RangeError naming `what`. */
function durationSeconds(v: number | string, what: string): number {
  const m = typeof v === 'string' ? /^(\d{1,6})([smhd])$/.exec(v) : null;
  const seconds = typeof v === 'number' ? v : m ? Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'] : NaN;
  if (typeof v === 'string' && !m) throw new RangeError(`${what} must be a number with s, m, h or d, such as 30d or 72h, got ${JSON.stringify(v)}`);
  // A link that works for more than a year is a leaked link that works for more than a year.
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 366 * 86400) throw new RangeError(`${what} must be from 1 second to 366 days, got ${JSON.stringify(v)}`);
  return seconds;
}

const hasPlaceholder = (s: string): boolean => PLACEHOLDER.test(s);

/** Checks what signing needs and returns the eleven signed links. */
async function signedLinks(o: SignedEmailNpsOptions, name: string, params: [string, string][]): Promise<string[]> {
  const sign = o.sign;
  if (!sign || typeof sign !== 'object') throw new TypeError('renderEmailNps: sign must be { secret, keyId, expiresIn }');
  const why = 'a signed link needs the real value of each email, so render the block once per recipient instead of leaving it to the mailer';
  if (typeof o.orderId !== 'string' || !o.orderId) throw new TypeError('renderEmailNps: orderId is required with sign (the response id is derived from it)');
  if (hasPlaceholder(o.orderId)) throw new TypeError(`renderEmailNps: orderId ${JSON.stringify(o.orderId)} is a mailer placeholder; ${why}`);
  if (typeof o.surveyId === 'string' && hasPlaceholder(o.surveyId)) throw new TypeError(`renderEmailNps: surveyId ${JSON.stringify(o.surveyId)} is a mailer placeholder; ${why}`);
  // params['order-id'] was how an order id reached the page before links signed it: the same value is not repeated.
  const extra = params.filter(([k, v]) => k !== ORDER_PARAM || v !== o.orderId);
  for (const [k, v] of extra) if (hasPlaceholder(k) || hasPlaceholder(v)) throw new TypeError(`renderEmailNps: params.${k} holds a mailer placeholder (${JSON.stringify(v)}); ${why}`);
  for (const [k] of extra) {
    if (k === ORDER_PARAM) throw new TypeError(`renderEmailNps: params.${k} is not orderId; each signed link carries orderId as ${k}, signed`);
    if (signedNames(name).includes(k)) throw new TypeError(`renderEmailNps: params.${k} would replace a signature parameter`);
  }
  checkFreeNames(o.surveyUrl, signedNames(name, true), 'renderEmailNps: surveyUrl');
  if (sign.expiresAt !== undefined && sign.expiresIn !== undefined) throw new TypeError('renderEmailNps: give sign.expiresIn or sign.expiresAt, not both');
  const expiresAt =
    sign.expiresAt !== undefined
      ? expirySeconds(sign.expiresAt, 'renderEmailNps: sign.expiresAt')
      : Math.floor(Date.now() / 1000) + durationSeconds(sign.expiresIn ?? '30d', 'renderEmailNps: sign.expiresIn');
  // Links dead on arrival are a mistake (a date in the past, seconds given as a date), not a choice.
  if (expiresAt * 1000 <= Date.now()) throw new RangeError(`renderEmailNps: sign.expiresAt is in the past (${new Date(expiresAt * 1000).toISOString()})`);
  const secret = secretBytes(sign.secret, 'renderEmailNps: sign.secret');
  let responseId: string;
  try {
    responseId = await responseIdFor(o.orderId, sign.idSecret ?? sign.secret);
  } catch (e) {
    // Same error, named as the caller knows the option.
    if (e instanceof Error) e.message = e.message.replace(/^responseIdFor: (orderId|secret)/, (_, w: string) => `renderEmailNps: ${w === 'secret' ? 'sign.idSecret' : 'orderId'}`);
    throw e;
  }
  const fields = checkFields({ surveyId: o.surveyId, responseId, keyId: sign.keyId, expiresAt, score: 0, orderId: o.orderId }, 'renderEmailNps');
  return Promise.all(
    Array.from({ length: 11 }, async (_, score) => {
      const [scoreParam, ...signature] = await signedParams({ ...fields, score }, secret, name);
      return surveyLink(o.surveyUrl, [scoreParam, ...extra, ...signature]);
    }),
  );
}

/**
 * An NPS question for an email: the localized question, eleven links (0–10,
 * one per score) to `surveyUrl` with the end labels under them, as an HTML
 * fragment (tables, inline styles only, no script, form or external CSS) and
 * as plain text. Throws a TypeError for a bad option.
 *
 * With `sign` (and `surveyId`, `orderId`), each link is signed with signLink
 * (HMAC-SHA256, its own `sig` per score) and carries the response id
 * responseIdFor(orderId) and the order id (`order-id`, signed); WebCrypto is asynchronous, so the call then returns a
 * Promise (and rejects for a bad option). Without `sign` it returns the result
 * directly, as before; `await` works on both.
 */
export function renderEmailNps(options: EmailNpsOptions): EmailNps;
export function renderEmailNps(options: SignedEmailNpsOptions): Promise<EmailNps>;
export function renderEmailNps(options: EmailNpsOptions | SignedEmailNpsOptions): EmailNps | Promise<EmailNps>;
export function renderEmailNps(options: EmailNpsOptions | SignedEmailNpsOptions): EmailNps | Promise<EmailNps> {
  if (!options?.sign) {
    const u = options as EmailNpsOptions & { orderId?: unknown; surveyId?: unknown };
    if (u?.orderId !== undefined || u?.surveyId !== undefined) {
      throw new TypeError('renderEmailNps: orderId and surveyId are used only with sign; to put an order id in unsigned links, use params');
    }
    return renderUnsigned(options as EmailNpsOptions);
  }
  const o = options as SignedEmailNpsOptions;
  // A bad option rejects the promise rather than throwing, as from any async function.
  return (async () => {
    checkOptions(o);
    return renderBlock(o, await signedLinks(o, scoreName(o.name, 'renderEmailNps: name'), Object.entries(o.params ?? {})));
  })();
}
