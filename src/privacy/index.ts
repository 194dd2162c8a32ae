// koubei/privacy: redacts personal data from open-text answers. Pure: no DOM,
// no dependencies, the same in Node (the collector, before the write) and in
// the browser (a shop's koubei-submit handler, before anything leaves).
import { findAddresses } from './address.js';
import { findEmails } from './email.js';
import { normalizeWidth } from './normalize.js';
import { findNumbers, findTaiwanIds } from './numbers.js';
import { orderNumberMask } from './order-numbers.js';
import type { RedactionKind, Span } from './types.js';

export type { RedactionKind } from './types.js';

export interface RedactOptions {
  /**
   * The response's language, a BCP 47 tag: it picks the markers. zh-Hant and
   * zh-TW, zh-HK, zh-MO get traditional ones (［手機號碼］), other zh simplified
   * (［手机号］), anything else English ([phone], the default).
   */
  locale?: string;
}

export interface Redacted {
  /** The text with each match replaced by its marker; everything else exactly as written. */
  text: string;
  /** How many of each kind were replaced; only kinds found, {} when none. */
  redactions: Partial<Record<RedactionKind, number>>;
}

/** Every kind redact() looks for, in the order its counts are listed. */
export const REDACTION_KINDS: readonly RedactionKind[] = Object.freeze(['phone', 'idNumber', 'bankCard', 'email', 'address'] as const);

type Markers = Readonly<Record<RedactionKind, string>>;
const MARKERS: Readonly<Record<'zh-CN' | 'zh-TW' | 'en', Markers>> = {
  'zh-CN': { phone: '［手机号］', idNumber: '［身份证号］', bankCard: '［银行卡号］', email: '［邮箱］', address: '［地址］' },
  'zh-TW': { phone: '［手機號碼］', idNumber: '［身分證字號］', bankCard: '［銀行卡號］', email: '［電子郵件］', address: '［地址］' },
  en: { phone: '[phone]', idNumber: '[id number]', bankCard: '[card number]', email: '[email]', address: '[address]' },
};

/** The markers redact() writes, by language: themes() counts none of them as a customer's word. */
export const REDACTION_MARKERS = MARKERS;

/** When two matches overlap, the first kind here wins (13812345678@163.com is an email; an 18-digit ID beats a card reading). */
const PRIORITY: readonly RedactionKind[] = ['email', 'idNumber', 'bankCard', 'phone', 'address'];

/** The marker set of a BCP 47 tag: the script subtag first (zh-Hans-HK is simplified), then the region. */
function markersFor(locale: string): Markers {
  const parts = locale.trim().toLowerCase().split(/[-_]/);
  if (parts[0] !== 'zh') return MARKERS.en;
  if (parts.includes('hans')) return MARKERS['zh-CN'];
  if (parts.includes('hant') || parts.includes('tw') || parts.includes('hk') || parts.includes('mo')) return MARKERS['zh-TW'];
  return MARKERS['zh-CN'];
}

/**
 * redact(text, { locale }): `text` with the personal data a customer may type
 * into an open-text answer replaced by markers in the response's language, and
 * the count of each kind replaced.
 *
 * Found (on a copy with full-width ０-９ Ａ-Ｚ ＠ ． － ＋ made ASCII; the output keeps
 * the customer's own characters outside the replaced spans):
 * - phone: mainland mobile numbers 1[3-9]x-xxxx-xxxx (11 digits or 3-4-4 / 3-8
 *   with spaces, dashes or dots, +86, 0086 or 86 before), landlines with a separated area code (010-12345678,
 *   (0755)1234567, 02-2345-6789, an extension after a dash), Taiwan mobiles
 *   09xx-xxx-xxx and +886 9xx..., any +country number of 8-15 digits, North
 *   American 415-555-2671, and 7-12 digits after 电话 / 手机 / tel / phone;
 * - idNumber: resident identity numbers of GB 11643-1999 (province code, real
 *   birth date 1900 to this year, ISO 7064 MOD 11-2 check character) and Taiwan
 *   IDs and resident certificates (letter, 1/2/8/9 or A-D, 8 digits, checksum);
 * - bankCard: 13-19 digits (one run, fours, Amex 4-6-5) that pass Luhn (ISO/IEC
 *   7812-1) and start with a known IIN (UnionPay, Visa, Mastercard, Amex, JCB,
 *   Discover, Diners) or follow 卡 / 银行 / 銀行 / card / bank within 12 characters;
 * - email: local@domain.tld, even with Chinese glued on (联系我abc.d@qq.com谢谢);
 * - address: the street-level detail after province / city / district
 *   (广东省深圳市南山区科技园路88号3栋1201室 → 广东省深圳市南山区［地址］) and English
 *   house number + street (123 Main Street, Apt 4B).
 *
 * A number is only ever a whole digit run (11 digits inside 12 are not a
 * phone), and the number after 订单号, 单号, 运单号, 快递单号, 訂單號, order no.,
 * order #, tracking number ... is an order number: never a phone, ID or card.
 * Linear time: no regular expression here can backtrack over the input.
 *
 * @param text any string (never throws for one)
 * @param options locale: the response's BCP 47 tag; null or absent means English markers
 * @throws TypeError when text is not a string, or options or options.locale has the wrong type
 * @example redact('手机13812345678', { locale: 'zh-CN' }) // { text: '手机［手机号］', redactions: { phone: 1 } }
 */
export function redact(text: string, options?: RedactOptions): Redacted {
  if (typeof text !== 'string') throw new TypeError('redact: text must be a string');
  if (options !== undefined && options !== null && typeof options !== 'object') {
    throw new TypeError(`redact: options must be an object like { locale: 'zh-CN' }, got ${typeof options}`);
  }
  const locale: unknown = options?.locale;
  if (locale !== undefined && locale !== null && typeof locale !== 'string') {
    throw new TypeError(`redact: options.locale must be a string like 'zh-CN', got ${typeof locale}`);
  }
  const markers = markersFor(locale ?? 'en');
  if (text === '') return { text, redactions: {} };

  const n = normalizeWidth(text);
  const found: Span[] = [];
  findEmails(n, found);
  const numbers: Span[] = [];
  findNumbers(n, new Date().getFullYear(), numbers);
  findTaiwanIds(n, numbers);
  const mask = orderNumberMask(n);
  for (const s of numbers) if (!mask || !touches(mask, s)) found.push(s);
  findAddresses(n, found);

  const chosen = choose(found, n.length);
  if (!chosen.length) return { text, redactions: {} };
  const counts: Partial<Record<RedactionKind, number>> = {};
  let out = '';
  let at = 0;
  for (const s of chosen) {
    out += text.slice(at, s.start) + markers[s.kind];
    at = s.end;
    counts[s.kind] = (counts[s.kind] ?? 0) + 1;
  }
  const redactions: Partial<Record<RedactionKind, number>> = {};
  for (const k of REDACTION_KINDS) if (counts[k]) redactions[k] = counts[k];
  return { text: out + text.slice(at), redactions };
}

function touches(mask: Uint8Array, s: Span): boolean {
  for (let k = s.start; k < s.end; k++) if (mask[k]) return true;
  return false;
}

/** The matches to replace: by PRIORITY, then leftmost, none overlapping one already taken; in text order. */
function choose(found: Span[], length: number): Span[] {
  if (found.length <= 1) return found;
  const rank = (s: Span) => PRIORITY.indexOf(s.kind);
  const ordered = [...found].sort((a, b) => rank(a) - rank(b) || a.start - b.start);
  const taken = new Uint8Array(length);
  const chosen: Span[] = [];
  for (const s of ordered) {
    let free = true;
    for (let k = s.start; k < s.end && free; k++) if (taken[k]) free = false;
    if (!free) continue;
    taken.fill(1, s.start, s.end);
    chosen.push(s);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
