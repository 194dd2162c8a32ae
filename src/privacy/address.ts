import { code, isAlnum, isAsciiLetter, isDigit, isHan } from './chars.js';
import type { Span } from './types.js';

// Chinese addresses read from the largest unit to the smallest: 广东省深圳市南山区
// (kept: a province, city or district identifies no one) then the street-level
// detail (redacted): 科技园路88号3栋1201室. The detail is recognised by its
// numbered units, never by a place-name list, so ordinary sentences without
// numbers (快递到了小区门口) are left alone.

/** Unit words after a number, longest first. All but 号/號 are "strong": a building, floor, room, lane or household. */
const UNITS = ['号楼', '號樓', '号院', '號院', '单元', '單元', '栋', '棟', '幢', '座', '楼', '樓', '层', '層', '室', '户', '戶', '弄', '巷', '邻', '鄰', '号', '號'];
/** The first characters of UNITS: a quick test before trying each word. */
const UNIT_FIRST = new Set(UNITS.map((w) => w[0]));
/** A bare number after these is a room (3栋1201, A座1201). */
const ROOM_AFTER = new Set(['号楼', '號樓', '单元', '單元', '栋', '棟', '幢', '座', '楼', '樓', '层', '層']);
/** 号 alone is weak evidence: 3号 is as often a date (12月3号) or a line (3号线). */
const WEAK = new Set(['号', '號']);
/** Units after a letter (A座, B栋) or a Chinese numeral (二单元, 三号楼). */
const LETTER_UNITS = ['单元', '單元', '号楼', '號樓', '栋', '棟', '幢', '座'];
const CN_NUMERALS = '一二三四五六七八九十';
/** Road words: a name before, a number after (科技园路88号, 忠孝東路四段123巷). */
const ROADS = ['大道', '胡同', '路', '街', '道'];
const ROAD_FIRST = new Set(ROADS.map((w) => w.charCodeAt(0)));
/** 道 and 街 that end an ordinary word, not a road name (知道3号, 逛街). */
const NOT_ROAD_BEFORE: Record<string, string> = { 道: '知味说說难難频頻渠管顺順霸报報称稱人王正公地厚轨軌赛賽跑车車', 街: '逛上' };
/** Administrative units kept in the text: the back-scan for a street name stops after them. */
const ADMIN = '省市区區县縣旗';
/** 区/市/省/旗 that end an ordinary word, not an administrative unit (小区, 超市, 节省, 红旗路). */
const NOT_ADMIN_BEFORE: Record<string, string> = {
  区: '小社园園景校城郊厂廠库庫营營灾災片商战戰辖轄雷盲误誤专專学學街矿礦市',
  區: '小社园園景校城郊厂廠库庫营營灾災片商战戰辖轄雷盲误誤专專学學街矿礦市',
  市: '超菜门門夜股城上集花街黑早闹鬧互',
  省: '节節反',
  旗: '红紅国國彩锦錦战戰军軍',
};
/** Characters that end a street or estate name going backwards (寄到, 住在, 地址, 我的 ...). */
const STOP = new Set('在到于於寄送住址的往从從给給至与與及了我你他她是为為');
/** The longest street or estate name the back-scan takes. */
const MAX_NAME = 12;
/** A house or room number has at most this many digits (a longer run is an order or phone number). */
const MAX_NUMBER = 6;

const CLAUSE_END = /[\s,.;:!?)\]，。；：！？、）】」』]/;

/**
 * findAddresses(n, out): pushes the street-level address detail of the
 * normalised text (Chinese and English), keeping province, city and district.
 */
export function findAddresses(n: string, out: Span[]): void {
  let floor = 0; // the back-scan never reaches into the previous address
  let last: Span | null = null;
  const push = (start: number, end: number) => {
    // Adjacent pieces of one address (建国路88号 + SOHO现代城A座1201) are one redaction.
    if (last && /^\s*$/.test(n.slice(last.end, start))) {
      last.end = end;
    } else {
      last = { start, end, kind: 'address' };
      out.push(last);
    }
    floor = end;
  };
  let i = 0;
  while (i < n.length) {
    const c = n.charCodeAt(i);
    const road = roadAt(n, i, floor);
    if (road) {
      push(road[0], road[1]);
      i = road[1];
      continue;
    }
    if (isDigit(c)) {
      // A fast path for the usual number: nothing after it can make a unit or a street (1299元, 13812345678，).
      let k = i + 1;
      while (isDigit(code(n, k))) k++;
      const next = n[k] === ' ' ? n[k + 1] : n[k];
      if (next === undefined || !(UNIT_FIRST.has(next) || next === '-' || next === '之' || isAsciiLetter(next.charCodeAt(0)))) {
        i = k;
        continue;
      }
    }
    if (isDigit(c) || isAsciiLetter(c) || CN_NUMERALS.includes(n[i])) {
      const boundary = !(isDigit(c) ? isDigit(code(n, i - 1)) : isAlnum(code(n, i - 1)));
      if (boundary) {
        const chain = parseChain(n, i);
        if (chain.units > 0) {
          const back = backScan(n, i, floor);
          const nameLen = i - back.start;
          const weakOk = chain.strong === 0 && chain.units === 1 && back.admin && nameLen >= 2 && !isHan(code(n, chain.end));
          if ((chain.units >= 2 && chain.strong >= 1) || (chain.strong >= 1 && back.admin) || weakOk) {
            push(back.start, chain.end);
          }
          // Rejected or not, no later start inside the chain does better (its back-scan meets the unit words): skip it,
          // which keeps 1号1号1号... linear.
          i = chain.end;
          continue;
        }
        if (isDigit(c)) {
          const en = englishAt(n, i);
          if (en) {
            push(en[0], en[1]);
            i = en[1];
            continue;
          }
        }
      }
      // Skip the rest of a digit or letter run: no unit starts inside one.
      let k = i + 1;
      if (isDigit(c)) while (isDigit(code(n, k))) k++;
      else if (isAsciiLetter(c)) while (isAsciiLetter(code(n, k))) k++;
      i = k;
      continue;
    }
    i++;
  }
}

interface Chain {
  end: number;
  units: number;
  strong: number;
}

/** The numbered units starting at p (88号3栋1201室), with at most one space between. */
function parseChain(n: string, p: number): Chain {
  const chain: Chain = { end: p, units: 0, strong: 0 };
  let roomOk = false;
  let k = p;
  for (;;) {
    const q = chain.units > 0 && n[k] === ' ' ? k + 1 : k;
    const u = unitAt(n, q);
    if (u) {
      chain.units++;
      if (!WEAK.has(u.word)) chain.strong++;
      roomOk = ROOM_AFTER.has(u.word);
      chain.end = k = u.end;
      continue;
    }
    // A room number without 室 closes the chain: 3栋1201, A座1201.
    if (roomOk && isDigit(code(n, q))) {
      let e = q;
      while (isDigit(code(n, e))) e++;
      if (e - q <= 5) {
        if (isAsciiLetter(code(n, e)) && !isAlnum(code(n, e + 1))) e++;
        chain.units++;
        chain.strong++;
        chain.end = e;
      }
    }
    return chain;
  }
}

/** A numbered unit at q: digits (88, 88-1, 6之1, 12B) + a unit word, a letter + 座/栋, a Chinese numeral + 单元/栋. */
function unitAt(n: string, q: number): { end: number; word: string } | null {
  const c = code(n, q);
  if (isDigit(c)) {
    let k = q;
    while (isDigit(code(n, k))) k++;
    if (k - q > MAX_NUMBER) return null;
    // 88-1号, 6之1號, 12-3-501室 (two joins at most: 1-1-1-1... must not be read again from every digit)
    for (let joins = 0; joins < 2 && (n[k] === '-' || n[k] === '之') && isDigit(code(n, k + 1)); joins++) {
      const js = ++k;
      while (isDigit(code(n, k))) k++;
      if (k - js > MAX_NUMBER) return null;
    }
    if (isAsciiLetter(code(n, k)) && !isAlnum(code(n, k + 1))) k++;
    if (n[k] === ' ') k++;
    if (!UNIT_FIRST.has(n[k])) return null;
    const word = UNITS.find((w) => n.startsWith(w, k));
    return word ? { end: k + word.length, word } : null;
  }
  if (isAsciiLetter(c)) {
    const word = LETTER_UNITS.find((w) => n.startsWith(w, q + 1));
    return word ? { end: q + 1 + word.length, word } : null;
  }
  if (CN_NUMERALS.includes(n[q])) {
    let k = q;
    while (k - q < 3 && CN_NUMERALS.includes(n[k])) k++;
    const word = LETTER_UNITS.find((w) => n.startsWith(w, k));
    return word ? { end: k + word.length, word } : null;
  }
  return null;
}

/**
 * A road at i (i on its road word): a name before it, maybe a section
 * (四段, 2段), then a numbered unit (88号, 123巷) or a bare number ending the
 * clause (中山路88，). Returns [start, end] or null.
 */
function roadAt(n: string, i: number, floor: number): [number, number] | null {
  if (!ROAD_FIRST.has(n.charCodeAt(i))) return null;
  const word = ROADS.find((w) => n.startsWith(w, i));
  if (!word) return null;
  const before = n[i - 1] ?? '';
  if (!isHan(code(n, i - 1)) || NOT_ROAD_BEFORE[word]?.includes(before)) return null;
  let k = i + word.length;
  // 四段, 2段
  let s = k;
  while (s - k < 3 && (isDigit(code(n, s)) || CN_NUMERALS.includes(n[s]))) s++;
  if (s > k && n[s] === '段') k = s + 1;
  if (n[k] === ' ') k++;
  let end: number;
  const chain = parseChain(n, k);
  if (chain.units > 0) {
    end = chain.end;
  } else {
    let e = k;
    while (isDigit(code(n, e))) e++;
    if (e === k || e - k > 5 || (e < n.length && !CLAUSE_END.test(n[e]))) return null;
    end = e;
  }
  const back = backScan(n, i, floor);
  return back.start < i ? [back.start, end] : null;
}

/**
 * Backwards from p over a street or estate name: Han characters and ASCII
 * letters, at most MAX_NAME, ending at an administrative unit (kept), a stop
 * word, anything else, or floor. admin says it ended at an administrative unit.
 */
function backScan(n: string, p: number, floor: number): { start: number; admin: boolean } {
  let k = p;
  while (k > floor && p - k < MAX_NAME) {
    const ch = n[k - 1];
    const c = n.charCodeAt(k - 1);
    if (!isHan(c) && !isAsciiLetter(c)) break;
    if (STOP.has(ch)) break;
    // 我家 / 他家: 家 here is not part of a name (王家村 is).
    if (ch === '家' && '我你他她们們'.includes(n[k - 2] ?? '')) break;
    if (ADMIN.includes(ch) && isHan(code(n, k - 2)) && !NOT_ADMIN_BEFORE[ch]?.includes(n[k - 2])) return { start: k, admin: true };
    k--;
  }
  return { start: k, admin: false };
}

// English: a house number, one to four name words, a street word; then maybe
// a unit (Apt 4B, Suite 200, #12). "2 hours on the road" is not one: words
// like hours and the cannot be part of a street name.

const STREET = new Set(['street', 'st', 'road', 'rd', 'avenue', 'ave', 'av', 'boulevard', 'blvd', 'lane', 'ln', 'drive', 'dr', 'highway', 'hwy', 'parkway', 'pkwy', 'crescent', 'cres', 'circle', 'cir', 'terrace', 'ter']);
/** Street words that are also ordinary words: only when capitalised (12 Baker Place, not "1 place"). */
const STREET_CAPITAL = new Set(['way', 'place', 'pl', 'court', 'ct', 'square', 'sq', 'close', 'row', 'walk', 'gardens', 'mews']);
const NOT_NAME = new Set(
  ('the a an and or of on in at to for from by with into onto over under down up off along across near my your our his her their its this that ' +
    'these those is was are were be been i you we they he she it me us them than then more less very so too just only also ' +
    'minute minutes min mins hour hours hr hrs day days week weeks month months year years time times second seconds ' +
    'mile miles km kms meter meters metre metres m feet ft foot yard yards block blocks star stars item items piece pieces pcs ' +
    'order orders package packages box boxes people person dollar dollars usd yuan rmb percent great good bad best worst nice long short').split(' '),
);
const SUITE = /^,?\s{0,2}(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|bldg|building)\b\.?\s{0,2}#?\s?([A-Za-z0-9-]{1,8})|^,?\s{0,2}#\s?([A-Za-z0-9-]{1,8})/i;

/** An English street address starting at the digit i, or null. */
function englishAt(n: string, i: number): [number, number] | null {
  let k = i;
  while (isDigit(code(n, k))) k++;
  if (k - i > MAX_NUMBER) return null;
  if (isAsciiLetter(code(n, k)) && n[k + 1] === ' ') k++; // 12B Baker Street
  if (n[k] !== ' ' || !isAsciiLetter(code(n, k + 1))) return null;
  let start = i;
  const no = /(?:^|[^A-Za-z])(no\.?\s?)$/i.exec(n.slice(Math.max(0, i - 5), i));
  if (no) start = i - no[1].length;
  for (let w = 0; w < 5; w++) {
    if (n[k] !== ' ') return null;
    k++;
    const ws = k;
    while (isAlnum(code(n, k)) || n[k] === "'" || n[k] === '-') k++;
    const word = n.slice(ws, k);
    if (!/[A-Za-z]/.test(word)) return null;
    const lower = word.toLowerCase();
    const capital = /^[A-Z]/.test(word);
    if (w > 0 && (STREET.has(lower) || (capital && STREET_CAPITAL.has(lower)))) {
      // The dot of "St." is taken only with a unit after it: otherwise it may be the full stop.
      const dot = n[k] === '.' ? 1 : 0;
      const suite = SUITE.exec(n.slice(k + dot, k + dot + 24));
      if (suite && /\d/.test(suite[1] ?? suite[2])) k += dot + suite[0].length;
      return [start, k];
    }
    if (NOT_NAME.has(lower)) return null;
    if (n[k] === '.') {
      if (word.length > 1) return null; // a sentence ended: "... 3 more."
      k++; // 123 N. Main St
    }
  }
  return null;
}
