import { code, isAlnum, isAsciiLetter, isDigit } from './chars.js';
import { luhnValid, residentIdValid, taiwanIdValid } from './checksums.js';
import type { Span } from './types.js';

/** A maximal run of ASCII digits [s, e) of a number written in groups. */
interface Group {
  s: number;
  e: number;
  /** The separator before this group ('' for the first). */
  sep: string;
}

/** One number as written: digit groups separated by a space or a dash, maybe '+' or '(' before. */
interface NumberToken {
  groups: Group[];
  /** '+' right before the first group: an international prefix. */
  plus: boolean;
  /** The first group is in parentheses: an area code, (010) 12345678. */
  paren: boolean;
}

/** Slices longer than this many digits are nothing we look for (0086 + 11, a 19-digit card with room to spare). */
const MAX_DIGITS = 24;
/** Nor slices of more groups (0086 138 1234 5678, 6222 0212 3456 7890 123 and 0755-1234-5678-801 have at most 5). */
const MAX_GROUPS = 6;
/** Nor of fewer digits (the shortest is 7, a local number after 电话). */
const MIN_DIGITS = 7;

/** Words that, up to 12 characters before a Luhn-valid number, make it a card number whatever its prefix. */
const CARD_WORD = /卡|银行|銀行|card|bank/i;
const CARD_WORD_REACH = 12;
/** Words that, up to 16 characters before a 7-12 digit number in any grouping, make it a phone number ("my phone number is "). */
const PHONE_WORD = /电话|電話|手机|手機|座机|座機|联系方式|聯繫方式|聯絡方式|传真|傳真|\b(?:tel|telephone|phone|mobile|cell|call|fax|whatsapp)\b/i;
const PHONE_WORD_REACH = 16;

/**
 * Card prefixes (IIN ranges of ISO/IEC 7812) and the lengths their networks
 * issue: [first, last, shortest, longest], prefixes compared as numbers of the
 * same length. UnionPay 62 and 60 (Bank of China's 601382...), Visa 4 (13, 16
 * or 19), Mastercard 51-55 and 2221-2720, Amex 34 and 37, JCB 3528-3589,
 * Discover 6011, 644-649 and 65, Diners 300-305, 36, 38-39.
 */
const IIN: readonly (readonly [string, string, number, number])[] = [
  ['62', '62', 16, 19],
  ['60', '60', 16, 19],
  ['4', '4', 13, 19],
  ['51', '55', 16, 16],
  ['2221', '2720', 16, 16],
  ['34', '34', 15, 15],
  ['37', '37', 15, 15],
  ['3528', '3589', 16, 19],
  ['6011', '6011', 16, 19],
  ['644', '649', 16, 19],
  ['65', '65', 16, 19],
  ['300', '305', 14, 19],
  ['36', '36', 14, 19],
  ['38', '39', 14, 19],
];

function knownCardPrefix(ds: string): boolean {
  const n = ds.length;
  for (const [lo, hi, min, max] of IIN) {
    if (n < min || n > max) continue;
    if (lo === '4' && n !== 13 && n !== 16 && n !== 19) continue;
    const p = ds.slice(0, lo.length);
    if (p >= lo && p <= hi) return true;
  }
  return false;
}

/**
 * findNumbers(n, maxYear, out): pushes the phone, resident ID and card numbers
 * of the normalised text to out. A number is only ever a whole digit run: the
 * 11 digits of a mobile number inside 12 are not one. Taiwan IDs (letter +
 * 9 digits) are found by findTaiwanIds.
 */
export function findNumbers(n: string, maxYear: number, out: Span[]): void {
  let i = 0;
  const len = n.length;
  while (i < len) {
    if (!isDigit(n.charCodeAt(i))) {
      i++;
      continue;
    }
    const token = readToken(n, i);
    classifyToken(n, token, maxYear, out);
    i = token.groups[token.groups.length - 1].e;
  }
}

function readToken(n: string, start: number): NumberToken {
  const groups: Group[] = [];
  let s = start;
  let sep = '';
  const paren = n[start - 1] === '(';
  for (;;) {
    let e = s;
    while (isDigit(code(n, e))) e++;
    groups.push({ s, e, sep });
    // The separator: ')' after a parenthesised first group, then up to 3 of space and dash (at most one dash).
    let k = e;
    if (paren && groups.length === 1 && n[k] === ')') k++;
    const sepStart = k;
    let dashes = 0;
    while (k - sepStart < 3 && (n[k] === ' ' || (n[k] === '-' && dashes++ === 0))) k++;
    // A single dot, only between digits (138.1234.5678, 415.555.2671); see classifySlice.
    if (k === e && n[k] === '.' && !(paren && groups.length === 1)) k++;
    if (k === e || !isDigit(code(n, k))) break;
    sep = n.slice(e, k);
    s = k;
  }
  // Parentheses mark an area code only when more digits follow: (13812345678) is just a number in brackets.
  return { groups, plus: n[start - 1] === '+', paren: paren && groups.length > 1 && n[groups[0].e] === ')' };
}

function classifyToken(n: string, t: NumberToken, maxYear: number, out: Span[]): void {
  const g = t.groups;
  let i = 0;
  while (i < g.length) {
    // Nothing is shorter than MIN_DIGITS: skip a start whose next groups hold fewer, without allocating (1 1 1 1 ...).
    let reach = 0;
    for (let j = i; j < g.length && j - i < MAX_GROUPS && reach < MIN_DIGITS; j++) reach += g[j].e - g[j].s;
    if (reach < MIN_DIGITS) {
      i++;
      continue;
    }
    // Whether 电话 / tel ... comes just before group i: looked up once, and only when a slice needs it.
    let word: boolean | undefined;
    const start = i === 0 && (t.plus || t.paren) ? g[0].s - 1 : g[i].s;
    const phoneWord = () => (word ??= PHONE_WORD.test(before(n, start, PHONE_WORD_REACH)));
    // Only a phone word lets a number start with a group other than these (12 12 12 ... is then skipped unread).
    if (!(i === 0 && (t.plus || t.paren)) && !shapedStart(n, g[i]) && !phoneWord()) {
      i++;
      continue;
    }
    // The longest slice g[i..j] that is something wins; else move on one group.
    let digits = '';
    const lens: number[] = [];
    let sh = ''; // the shape: group lengths joined by commas, '3,4,4'
    let best: Span | null = null;
    for (let j = i; j < g.length; j++) {
      const glen = g[j].e - g[j].s;
      if (digits.length + glen > MAX_DIGITS || j - i >= MAX_GROUPS) break;
      digits += n.slice(g[j].s, g[j].e);
      lens.push(glen);
      sh += (j > i ? ',' : '') + glen;
      if (digits.length < MIN_DIGITS) continue;
      const found = classifySlice(n, t, i, j, digits, lens, sh, maxYear, phoneWord);
      if (found) best = found;
    }
    if (best) {
      out.push(best);
      let next = i + 1;
      while (next < g.length && g[next].s < best.end) next++;
      i = next;
    } else {
      i++;
    }
  }
}

/**
 * Whether a number may start with this group, by the shapes below: 3 or 4
 * digits (138 1234 5678, 6222 0212 ..., 415 555 2671), 6 (an ID as 6-8-4), 10
 * or more (one run), 86 or an area code starting with 0, 1 (1-800-...), 00886.
 */
function shapedStart(n: string, g: Group): boolean {
  const len = g.e - g.s;
  if (len === 3 || len === 4 || len === 6 || len >= 10 || n[g.s] === '0') return true;
  return (len === 2 && n.startsWith('86', g.s)) || (len === 1 && n[g.s] === '1');
}

/**
 * The reach characters before start, from after the last ']' or '］' in them:
 * the words inside an earlier marker (［银行卡号］, [card number], ［手机号］) must
 * not make the next number a card or a phone, so that redacting twice (in the
 * browser, then in the collector) changes nothing more.
 */
function before(n: string, start: number, reach: number): string {
  const w = n.slice(Math.max(0, start - reach), start);
  return w.slice(Math.max(w.lastIndexOf(']'), w.lastIndexOf('］')) + 1);
}

/** The shape without its first group. */
const rest = (sh: string): string => sh.slice(sh.indexOf(',') + 1);
const MOBILE_SHAPES = new Set(['11', '3,4,4', '3,8']);
const TW_MOBILE_SHAPES = new Set(['10', '4,3,3', '4,6']);
const ID_SHAPES = new Set(['18', '6,8,4']);
const MOBILE = /^1[3-9]\d{9}$/;
const TW_MOBILE = /^09\d{8}$/;

function classifySlice(
  n: string,
  t: NumberToken,
  i: number,
  j: number,
  ds: string,
  lens: readonly number[],
  sh: string,
  maxYear: number,
  phoneWord: () => boolean,
): Span | null {
  const g = t.groups;
  const first = g[i];
  const last = g[j];
  const plus = i === 0 && t.plus;
  const paren = i === 0 && t.paren;
  const start = plus || paren ? first.s - 1 : first.s;
  const span = (kind: Span['kind'], end = last.e): Span => ({ start, end, kind });

  // Dots separate the groups of a phone number written 138.1234.5678 or 415.555.2671, and nothing else: other dotted
  // digits are decimals, versions and IP addresses.
  for (let k = i + 1; k <= j; k++) {
    if (g[k].sep === '.') return (sh === '3,4,4' && MOBILE.test(ds)) || (sh === '3,3,4' && /^[2-9]\d\d[2-9]/.test(ds)) ? span('phone') : null;
  }

  if (!plus && !paren) {
    // Resident ID: 18 characters, the last maybe X (after 17 digits), as 18 or 6-8-4.
    const x = n[last.e] === 'X' || n[last.e] === 'x';
    if (ds.length === 18 || (ds.length === 17 && x && !isAlnum(code(n, last.e + 1)))) {
      const id = ds.length === 18 ? ds : ds + 'X';
      const idShape = ds.length === 18 ? sh : sh.slice(0, sh.lastIndexOf(',') + 1) + (lens[lens.length - 1] + 1);
      if (ID_SHAPES.has(idShape) && residentIdValid(id, maxYear)) return span('idNumber', ds.length === 18 ? last.e : last.e + 1);
    }
    // Card: 13-19 digits, Luhn, and a known prefix or a card word just before; not glued to letters before it, which
    // make it a courier's tracking code (SF1234567890123, YT...).
    if (ds.length >= 13 && ds.length <= 19 && !isAsciiLetter(code(n, start - 1)) && cardShape(lens, sh) && luhnValid(ds)) {
      if (knownCardPrefix(ds) || CARD_WORD.test(before(n, start, CARD_WORD_REACH))) return span('bankCard');
    }
  }
  const phone = phoneKind(ds, lens, sh, plus, paren, phoneWord);
  if (!phone) return null;
  // A landline's extension joined by a dash (010-12345678-801) belongs to it.
  const ext = g[j + 1];
  if (phone === 'landline' && ext && ext.sep === '-' && ext.e - ext.s <= 5) return span('phone', ext.e);
  return span('phone');
}

/** Card groupings: one run, fours with a shorter last group (4-4-4-4-3), Amex 4-6-5, Diners 4-6-4. */
function cardShape(lens: readonly number[], sh: string): boolean {
  if (lens.length === 1) return true;
  if (sh === '4,6,5' || sh === '4,6,4') return true;
  if (lens.length < 3) return false;
  for (let k = 0; k < lens.length - 1; k++) if (lens[k] !== 4) return false;
  return lens[lens.length - 1] <= 4;
}

/** Whether a slice is a phone number: 'landline' (which may take an extension), 'phone', or null. Tests by length first: most slices are nothing. */
function phoneKind(ds: string, lens: readonly number[], s: string, plus: boolean, paren: boolean, phoneWord: () => boolean): 'phone' | 'landline' | null {
  const len = ds.length;
  if (plus) {
    // +86: mobile, or landline without its 0 (+86 10 1234 5678); +886: 9xxxxxxxx or landline; else any E.164 length.
    if (ds.startsWith('886')) return /^(?:9\d{8}|[2-8]\d{7,8})$/.test(ds.slice(3)) ? 'phone' : null;
    if (ds.startsWith('86')) return /^[1-9]\d{8,10}$/.test(ds.slice(2)) ? 'phone' : null;
    return len >= 8 && len <= 15 ? 'phone' : null;
  }
  if (paren) {
    // (010) 12345678, (0755) 1234567, (02) 2345-6789; North American (415) 555-2671.
    const area = ds.slice(0, lens[0]);
    const local = ds.slice(lens[0]);
    if (area[0] === '0') return landline(area, local, lens.slice(1)) ? 'landline' : null;
    return /^[2-9]\d\d$/.test(area) && /^[2-9]\d{6}$/.test(local) && (lens.length === 2 || rest(s) === '3,4') ? 'phone' : null;
  }
  // Mainland mobile, maybe after 86 / 0086 as a group of its own or glued on.
  if (len === 11 && MOBILE.test(ds) && MOBILE_SHAPES.has(s)) return 'phone';
  if (len === 13 || len === 15) {
    const cc = len - 11;
    if (ds.startsWith(cc === 2 ? '86' : '0086') && MOBILE.test(ds.slice(cc))) {
      if (lens.length === 1 || (lens[0] === cc && MOBILE_SHAPES.has(rest(s)))) return 'phone';
    }
  }
  // Taiwan mobile, maybe after 00886.
  if (len === 10 && TW_MOBILE.test(ds) && TW_MOBILE_SHAPES.has(s)) return 'phone';
  if (len === 14 && /^008869\d{8}$/.test(ds) && (lens.length === 1 || lens[0] === 5)) return 'phone';
  // Landline: area code, a separator, the local number (glued, 01012345678 is as likely an order number: not one).
  if (ds[0] === '0' && lens.length >= 2 && len >= 8 && len <= 12 && landline(ds.slice(0, lens[0]), ds.slice(lens[0]), lens.slice(1))) return 'landline';
  // North American 415-555-2671 and 1-800-555-0199.
  if ((s === '3,3,4' && /^[2-9]\d\d[2-9]/.test(ds)) || (s === '1,3,3,4' && /^1[2-9]\d\d[2-9]/.test(ds))) return 'phone';
  // After 电话 / 手机 / tel ...: any 7-12 digits (电话：12345678, 电话02112345678).
  if (len <= 12 && phoneWord()) return 'phone';
  return null;
}

/**
 * A landline: an area code of 0 + 1-3 digits (010, 0755; Taiwan 02, 037), then
 * a local number of 7-8 digits (6-8 after a three-digit code) that does not
 * start with 0, in one group or two of at least 3.
 */
function landline(area: string, local: string, localLens: readonly number[]): boolean {
  if (!/^0[1-9]\d{0,2}$/.test(area) || local[0] === '0') return false;
  const min = area.length === 3 ? 6 : 7;
  if (local.length < min || local.length > 8) return false;
  return localLens.length === 1 || (localLens.length === 2 && localLens[0] >= 3 && localLens[1] >= 3);
}

/**
 * findTaiwanIds(n, out): pushes the Taiwan ID and resident certificate numbers
 * (letter + 1/2/8/9 or A-D + 8 digits, checksum valid, see taiwanIdValid) of
 * the normalised text that stand alone: no letter or digit on either side.
 */
export function findTaiwanIds(n: string, out: Span[]): void {
  const re = /[A-Za-z][1289A-Da-d]\d{8}/g;
  for (let m = re.exec(n); m; m = re.exec(n)) {
    const s = m.index;
    const e = s + 10;
    if (isAlnum(code(n, s - 1)) || isAlnum(code(n, e)) || !taiwanIdValid(m[0])) {
      re.lastIndex = s + 1;
      continue;
    }
    out.push({ start: s, end: e, kind: 'idNumber' });
  }
}

