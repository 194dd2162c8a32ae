// Runs in Node and in the browser: no DOM, no Lit. Email clients run no
// scripts and strip <style>, so everything is a table with inline styles.
import en from '../i18n/en.js';
import { matchCatalogue } from '../i18n/locale.js';
import { format, type Messages } from '../i18n/messages.js';
import zhCN from '../i18n/zh-cn.js';
import zhTW from '../i18n/zh-tw.js';
import {
  checkFields,
  checkFreeNames,
  expirySeconds,
  PLACEHOLDER,
  responseIdFor,
  scoreName,
  secretBytes,
  signedNames,
  signedParams,
  surveyLink,
  type LinkExpiry,
  type LinkSecret,
} from './link.js';

export { LINK_PARAMS, responseIdFor, signLink, surveyLink, verifyContext, verifyLink } from './link.js';
export type { ContextCheck, LinkCheck, LinkExpiry, LinkFailure, LinkFields, LinkFieldsInput, LinkKeys, LinkSecret, SignedResponse } from './link.js';

export interface EmailNpsColors {
  /** Number text and link borders. Default #1d4ed8. */
  accent?: string;
  /** Question text. Default #1f2328. */
  text?: string;
  /** End labels. Default #4b5563. */
  muted?: string;
  /** Background of the fragment and of each score. Default #ffffff. */
  background?: string;
}

export interface EmailNpsOptions {
  /** The shop's survey page (absolute http(s) URL); each link adds `?nps=<score>` and `params`. */
  surveyUrl: string;
  /** Language of the texts: en, zh-CN, zh-TW (any Chinese tag maps by script); others fall back to en unless `messages` are given. */
  locale?: string;
  /** Named in the standard question. */
  brand?: string;
  /** Extra query parameters, e.g. { 'order-id': '{{order_id}}' }. Mailer placeholders ({{x}}, *|X|*, %%x%%) are kept as they are. */
  params?: Readonly<Record<string, string>>;
  /** The score parameter: the `name` of the survey page's `<koubei-nps>`. Default `nps`. */
  name?: string;
  question?: string;
  lowLabel?: string;
  highLabel?: string;
  colors?: EmailNpsColors;
  /** Texts for a language Koubei doesn't carry, or to override some. */
  messages?: Partial<Messages>;
  /** Only with `sign` (see SignedEmailNpsOptions). */
  sign?: undefined;
}

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
  /** This email's order: the response id is responseIdFor(orderId, idSecret ?? secret). Not a placeholder. */
  orderId: string;
}

/** Both variants: send `html` as the text/html part and `text` as the text/plain part of the email. */
export interface EmailNps {
  html: string;
  text: string;
  /** The eleven links, for score 0 to 10. */
  links: string[];
}

const catalogues: Record<string, Messages> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW };

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]);

const COLOR = /^(#[\da-f]{3,8}|[a-z]{3,20}|(rgb|hsl)a?\([\d\s.,%/]+\))$/i;

function checkOptions(o: EmailNpsOptions | SignedEmailNpsOptions): void {
  let ok = false;
  try {
    ok = /^https?:$/.test(new URL(o.surveyUrl).protocol) && !/\s/.test(o.surveyUrl);
  } catch {
    ok = false;
  }
  if (!ok) throw new TypeError(`renderEmailNps: surveyUrl must be an absolute http(s) URL, got ${JSON.stringify(o.surveyUrl)}`);
  for (const [k, v] of Object.entries(o.colors ?? {})) {
    // A style attribute is CSS: only plain colour values, nothing that could add declarations.
    if (v !== undefined && !COLOR.test(v)) throw new TypeError(`renderEmailNps: colors.${k} must be a CSS colour such as #1d4ed8, got ${JSON.stringify(v)}`);
  }
  for (const [k, v] of Object.entries(o.params ?? {})) {
    if (!k || typeof v !== 'string') throw new TypeError(`renderEmailNps: params.${k || '""'} must be a non-empty name with a string value`);
    if (k === (o.name ?? 'nps')) throw new TypeError(`renderEmailNps: params.${k} would replace the score parameter`);
  }
}

const FONT = `-apple-system,BlinkMacSystemFont,'Segoe UI','PingFang SC','Hiragino Sans GB','Microsoft YaHei','Microsoft JhengHei',Arial,sans-serif`;

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
async function signedLinks(o: SignedEmailNpsOptions, name: string, extra: [string, string][]): Promise<string[]> {
  const sign = o.sign;
  if (!sign || typeof sign !== 'object') throw new TypeError('renderEmailNps: sign must be { secret, keyId, expiresIn }');
  const why = 'a signed link needs the real value of each email, so render the block once per recipient instead of leaving it to the mailer';
  if (typeof o.orderId !== 'string' || !o.orderId) throw new TypeError('renderEmailNps: orderId is required with sign (the response id is derived from it)');
  if (hasPlaceholder(o.orderId)) throw new TypeError(`renderEmailNps: orderId ${JSON.stringify(o.orderId)} is a mailer placeholder; ${why}`);
  if (typeof o.surveyId === 'string' && hasPlaceholder(o.surveyId)) throw new TypeError(`renderEmailNps: surveyId ${JSON.stringify(o.surveyId)} is a mailer placeholder; ${why}`);
  for (const [k, v] of extra) if (hasPlaceholder(k) || hasPlaceholder(v)) throw new TypeError(`renderEmailNps: params.${k} holds a mailer placeholder (${JSON.stringify(v)}); ${why}`);
  for (const [k] of extra) if (signedNames(name).includes(k)) throw new TypeError(`renderEmailNps: params.${k} would replace a signature parameter`);
  checkFreeNames(o.surveyUrl, signedNames(name), 'renderEmailNps: surveyUrl');
  if (sign.expiresAt !== undefined && sign.expiresIn !== undefined) throw new TypeError('renderEmailNps: give sign.expiresIn or sign.expiresAt, not both');
  const expiresAt =
    sign.expiresAt !== undefined
      ? expirySeconds(sign.expiresAt, 'renderEmailNps: sign.expiresAt')
      : Math.floor(Date.now() / 1000) + durationSeconds(sign.expiresIn ?? '30d', 'renderEmailNps: sign.expiresIn');
  const secret = secretBytes(sign.secret, 'renderEmailNps: sign.secret');
  let responseId: string;
  try {
    responseId = await responseIdFor(o.orderId, sign.idSecret ?? sign.secret);
  } catch (e) {
    // Same error, named as the caller knows the option.
    if (e instanceof Error) e.message = e.message.replace(/^responseIdFor: (orderId|secret)/, (_, w: string) => `renderEmailNps: ${w === 'secret' ? 'sign.idSecret' : 'orderId'}`);
    throw e;
  }
  const fields = checkFields({ surveyId: o.surveyId, responseId, keyId: sign.keyId, expiresAt, score: 0 }, 'renderEmailNps');
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
 * responseIdFor(orderId); WebCrypto is asynchronous, so the call then returns a
 * Promise (and rejects for a bad option). Without `sign` it returns the result
 * directly, as before; `await` works on both.
 */
export function renderEmailNps(options: EmailNpsOptions): EmailNps;
export function renderEmailNps(options: SignedEmailNpsOptions): Promise<EmailNps>;
export function renderEmailNps(options: EmailNpsOptions | SignedEmailNpsOptions): EmailNps | Promise<EmailNps>;
export function renderEmailNps(options: EmailNpsOptions | SignedEmailNpsOptions): EmailNps | Promise<EmailNps> {
  if (options?.sign) {
    const o = options as SignedEmailNpsOptions;
    // A bad option rejects the promise rather than throwing, as from any async function.
    return (async () => {
      checkOptions(o);
      return render(o, await signedLinks(o, scoreName(o.name, 'renderEmailNps: name'), Object.entries(o.params ?? {})));
    })();
  }
  checkOptions(options);
  const extra = Object.entries(options.params ?? {});
  const u = options as EmailNpsOptions & { orderId?: unknown; surveyId?: unknown };
  if (u.orderId !== undefined || u.surveyId !== undefined) {
    throw new TypeError('renderEmailNps: orderId and surveyId are used only with sign; to put an order id in unsigned links, use params');
  }
  const name = options.name ?? 'nps';
  return render(options, Array.from({ length: 11 }, (_, n) => surveyLink(options.surveyUrl, [[name, String(n)], ...extra])));
}

/** The HTML and text around the eleven links. */
function render(options: EmailNpsOptions | SignedEmailNpsOptions, links: string[]): EmailNps {
  const base = catalogues[matchCatalogue(options.locale ?? 'en', Object.keys(catalogues))] ?? en;
  const m: Messages = { ...base, ...options.messages };
  const brand = options.brand?.trim() || m.npsBrandFallback;
  const question = options.question?.trim() || format(m.npsQuestion, { brand });
  const low = options.lowLabel?.trim() || m.npsLow;
  const high = options.highLabel?.trim() || m.npsHigh;
  const c = { accent: '#1d4ed8', text: '#1f2328', muted: '#4b5563', background: '#ffffff', ...options.colors };
  const rtl = m.$dir === 'rtl';
  const cell = (n: number) =>
    `<td align="center" width="9%" style="padding:0 2px;width:9%;"><a href="${escapeHtml(links[n])}" target="_blank" style="display:block;padding:10px 0;border:1px solid ${c.accent};border-radius:6px;background-color:${c.background};color:${c.accent};font-family:${FONT};font-size:16px;font-weight:bold;line-height:20px;text-align:center;text-decoration:none;">${n}</a></td>`;
  const label = (text: string, align: string) =>
    `<td align="${align}" style="padding:6px 2px 0;font-family:${FONT};font-size:13px;line-height:18px;color:${c.muted};text-align:${align};">${escapeHtml(text)}</td>`;
  const html =
    `<table role="presentation" lang="${escapeHtml(m.$lang)}" dir="${m.$dir}" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:560px;border-collapse:collapse;background-color:${c.background};">` +
    `<tr><td style="padding:16px 2px 12px;font-family:${FONT};font-size:18px;line-height:26px;font-weight:bold;color:${c.text};">${escapeHtml(question)}</td></tr>` +
    `<tr><td style="padding:0;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;table-layout:fixed;"><tr>${links.map((_, n) => cell(n)).join('')}</tr></table></td></tr>` +
    `<tr><td style="padding:0 0 16px;"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;border-collapse:collapse;"><tr>${label(low, rtl ? 'right' : 'left')}${label(high, rtl ? 'left' : 'right')}</tr></table></td></tr>` +
    `</table>`;
  const text = [question, '', ...links.map((l, n) => `${n}${n === 0 ? ` (${low})` : n === 10 ? ` (${high})` : ''}: ${l}`)].join('\n') + '\n';
  return { html, text, links };
}
