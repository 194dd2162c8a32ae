import { latestResponses } from './latest.js';
import type { NpsCategory } from '../scoring/types.js';
import { checkName, type AnalysisResponse } from './input.js';
import { REDACTION_MARKERS } from '../privacy/index.js';
import { LEXICON, ONE_CHARACTER_WORDS, STOP_PHRASES, STOP_WORDS, TOUCHPOINTS, WORDS, type Concept, type Touchpoint } from './lexicon.js';

/** One open-text comment, as the collector streams them. */
export interface ThemeComment {
  /** The response's id, returned in `exampleIds`. */
  id: string;
  text: string;
  /** The NPS category of the same response, when it has one. */
  category?: NpsCategory;
  /** A touchpoint known from the question (a comment box about delivery): counted in that touchpoint's totals. */
  touchpoint?: string;
  /** ISO 8601; examples are listed newest first. */
  createdAt?: string;
}

export interface CategoryCounts {
  promoter: number;
  passive: number;
  detractor: number;
}

export interface ThemeTerm {
  /** The lexicon's word in the locale's script, or the word as customers wrote it. */
  term: string;
  touchpoint: Touchpoint | null;
  /** Comments mentioning it (each comment counts once). */
  mentions: number;
  byCategory: CategoryCounts;
  /**
   * z-score of the weighted log-odds ratio, detractors vs promoters, with an
   * informative Dirichlet prior: above 1.96, a detractor's word; below −1.96,
   * a promoter's. Null without both detractor and promoter comments.
   */
  logOdds: number | null;
  /** Up to 5 comment ids, newest first. */
  exampleIds: string[];
}

export interface ThemesResult {
  locale: string;
  /** Comments with text. */
  comments: number;
  /** The `limit` most mentioned terms, most mentioned first. */
  terms: ThemeTerm[];
  /** The terms (mentioned at least twice) that most distinguish detractors (highest z) and promoters (lowest z), 10 each. */
  distinguishing: { detractor: ThemeTerm[]; promoter: ThemeTerm[] };
  /** Per touchpoint: comments mentioning it (any of its terms, or the comment's own touchpoint). Every built-in touchpoint is present. */
  touchpoints: Record<string, { mentions: number; byCategory: CategoryCounts }>;
}

export interface ThemesOptions {
  /** Segmentation and the script of lexicon terms: 'zh-CN' (default), 'zh-TW', 'zh-HK', 'en', ... */
  locale?: string;
  /** With responses: the NPS question whose category labels each comment ('nps'). */
  question?: string;
  /** With responses: only these text questions (default: every text answer). */
  questions?: readonly string[];
  /** How many terms to return (100). */
  limit?: number;
}

const HAN = /\p{Script=Han}/u;
const LETTER = /\p{L}/u;
/** A count of days, weeks, times, pieces (五天, 两次, 第二, 一个): a filler, never a theme. */
const QUANTITY = /^第?[〇零一二两兩三四五六七八九十百千几幾半\d]+(?:个|個|天|日|周|週|星期|礼拜|禮拜|月|年|次|件|回|码|碼|号|號|块|塊|元|斤|小时|小時|分钟|分鐘)?$/u;
/** Adverbs of degree: 很好, 挺好, 太差 count as 好 and 差, 很喜欢 and 非常喜欢 as 喜欢. */
const DEGREE = ['非常', '特别', '特別', '十分', '比较', '比較', '很', '挺', '太', '超', '蛮', '蠻', '真', '最'];
const ASPECT = new Set(['了', '着', '著', '过', '過']);
/** A negation joined to the word after it (不|满意 is 不满意, never 满意). */
const NEGATORS = new Set(['不', '没', '沒', '不太', '没有', '沒有', '不够', '不夠', '不怎么', '不怎麼', '不是很']);
/** Where a clause ends: a speed word takes the touchpoint of the nearest concept in its own clause. */
const CLAUSE_END = new Set([...'，。！？；：、,.!?;:\n～~']);
const MARKERS = [...new Set(Object.values(REDACTION_MARKERS).flatMap((m) => Object.values(m).map((s) => s.normalize('NFKC').toLowerCase())))];

/** A lexicon concept, a WORDS entry or a STOP_PHRASES entry, ranked: longer forms first. */
interface Entry {
  kind: 'concept' | 'word' | 'stop';
  /** Index into LEXICON or WORDS. */
  ref: number;
  rank: number;
}
interface Matcher {
  /** Chinese forms by their first code unit, each with its entry. */
  cjk: Map<string, { form: string; entry: Entry }[]>;
  /** English forms as word sequences, by their first word. */
  words: Map<string, { tokens: string[]; entry: Entry }[]>;
  /** How many Chinese forms there are: English ranks come after them. */
  cjkForms: number;
  /** The concept standing for a fast or slow service or returns where a delivery speed word is about them. */
  speed: Partial<Record<Touchpoint, Partial<Record<'fast' | 'slow', number>>>>;
}
let matcher: Matcher | undefined;
/** Built once: every form, indexed by where it starts, so a comment is one pass over its characters. */
function getMatcher(): Matcher {
  if (matcher) return matcher;
  const cjk: { form: string; kind: Entry['kind']; ref: number; order: number }[] = [];
  const words: { tokens: string[]; kind: Entry['kind']; ref: number; order: number }[] = [];
  const put = (f: string, kind: Entry['kind'], ref: number) => {
    const form = f.normalize('NFKC').toLowerCase();
    // Stop phrases before concepts of the same length: they are the exceptions (快乐 against 很快 in 很快乐).
    const order = (kind === 'stop' ? 0 : 1e6) + cjk.length + words.length;
    if (HAN.test(form)) cjk.push({ form, kind, ref, order });
    else words.push({ tokens: form.split(' '), kind, ref, order });
  };
  STOP_PHRASES.forEach((f) => put(f, 'stop', -1));
  LEXICON.forEach((concept, i) => concept.forms.forEach((f) => put(f, 'concept', i)));
  WORDS.forEach((w, i) => w.forms.forEach((f) => put(f, 'word', i)));
  cjk.sort((a, b) => b.form.length - a.form.length || a.order - b.order);
  words.sort((a, b) => b.tokens.length - a.tokens.length || a.order - b.order);
  const m: Matcher = { cjk: new Map(), words: new Map(), cjkForms: cjk.length, speed: {} };
  cjk.forEach(({ form, kind, ref }, rank) => {
    const list = m.cjk.get(form[0]!) ?? [];
    list.push({ form, entry: { kind, ref, rank } });
    m.cjk.set(form[0]!, list);
  });
  words.forEach(({ tokens, kind, ref }, rank) => {
    const list = m.words.get(tokens[0]!) ?? [];
    list.push({ tokens, entry: { kind, ref, rank } });
    m.words.set(tokens[0]!, list);
  });
  LEXICON.forEach((concept, i) => {
    if (concept.speed && concept.touchpoint !== 'delivery') ((m.speed[concept.touchpoint] ??= {})[concept.speed] ??= i);
  });
  return (matcher = m);
}

const script = (locale: string): 'hans' | 'hant' | 'en' => {
  const l = locale.toLowerCase();
  if (!l.startsWith('zh')) return 'en';
  return /-(tw|hk|mo|hant)\b/.test(l) ? 'hant' : 'hans';
};

/** A word as a theme, or null: stop words, quantities, lone characters that are not ONE_CHARACTER_WORDS. */
function wordOf(run: string, partial: boolean): string | null {
  if (!LETTER.test(run) || STOP_WORDS.has(run) || QUANTITY.test(run)) return null;
  const chars = [...run];
  if (chars.length === 1) return !partial && ONE_CHARACTER_WORDS.has(run) ? run : null;
  // A verb with its aspect particle (洗了, 用过, 穿着) says nothing alone; 薄了 is 薄.
  if (chars.length === 2 && ASPECT.has(chars[1]!) && HAN.test(chars[0]!)) return ONE_CHARACTER_WORDS.has(chars[0]!) ? chars[0]! : null;
  for (const d of DEGREE) {
    if (!run.startsWith(d) || run.length === d.length) continue;
    const rest = run.slice(d.length);
    if (ONE_CHARACTER_WORDS.has(rest)) return rest;
    if ([...rest].length > 1 && HAN.test(rest)) return wordOf(rest, partial);
    break;
  }
  return run;
}

/**
 * The terms of one comment: lexicon concepts and WORDS (matched on the whole
 * text, so across segments, the longest form first; STOP_PHRASES match the
 * same way and count as nothing) and the other words, segmented by
 * `Intl.Segmenter`, minus stop words. A segment partly inside a match keeps
 * its remainder only if that is two or more characters (a lone 员 of 快递员 is
 * a fragment). A negation is kept with its word (不满意).
 */
function termsOf(text: string, segmenter: Intl.Segmenter, m: Matcher): { concepts: Set<number>; named: Set<number>; words: Set<string> } {
  let t = text.normalize('NFKC').toLowerCase();
  // The collector's redaction markers (［手机号］, [phone]) are no customer's words: blanked, the length kept.
  for (const mark of MARKERS) if (t.includes(mark)) t = t.replaceAll(mark, ' '.repeat(mark.length));
  const covered = new Uint8Array(t.length);
  // Every occurrence of every form, then taken in rank order (Chinese forms before English ones, longer
  // first), then left to right: the same as trying each form in turn over the whole text.
  const found: { rank: number; at: number; end: number; entry: Entry }[] = [];
  for (let at = 0; at < t.length; at++) {
    const list = m.cjk.get(t[at]!);
    if (list) for (const { form, entry } of list) if (t.startsWith(form, at)) found.push({ rank: entry.rank, at, end: at + form.length, entry });
  }
  const segs: { s: string; index: number }[] = [];
  for (const s of segmenter.segment(t)) if (s.isWordLike) segs.push({ s: s.segment, index: s.index });
  for (let i = 0; i < segs.length; i++) {
    const list = m.words.get(segs[i]!.s);
    if (!list) continue;
    for (const { tokens, entry } of list) {
      if (i + tokens.length > segs.length) continue;
      let ok = true;
      for (let j = 1; j < tokens.length && ok; j++) ok = segs[i + j]!.s === tokens[j];
      const last = segs[i + tokens.length - 1]!;
      if (ok) found.push({ rank: m.cjkForms + entry.rank, at: segs[i]!.index, end: last.index + last.s.length, entry });
    }
  }
  found.sort((a, b) => a.rank - b.rank || a.at - b.at);
  const matches: typeof found = [];
  for (const f of found) {
    let free = true;
    for (let i = f.at; i < f.end && free; i++) if (covered[i]) free = false;
    if (!free) continue;
    covered.fill(1, f.at, f.end);
    matches.push(f);
  }

  const concepts = new Set<number>();
  const named = new Set<number>();
  let clauses: Uint16Array | undefined;
  for (const f of matches) {
    if (f.entry.kind === 'word') named.add(f.entry.ref);
    if (f.entry.kind !== 'concept') continue;
    let ref = f.entry.ref;
    const concept = LEXICON[ref]!;
    if (concept.speed && concept.touchpoint === 'delivery') {
      // 客服回复很慢, 退款一直拖着: the speed of what the clause is about; delivery unless that is service or returns.
      if (!clauses) {
        clauses = new Uint16Array(t.length);
        for (let i = 0, k = 0; i < t.length; i++) clauses[i] = CLAUSE_END.has(t[i]!) ? ++k : k;
      }
      let near: Touchpoint | undefined;
      let distance = Infinity;
      for (const g of matches) {
        if (g.entry.kind !== 'concept' || LEXICON[g.entry.ref]!.speed || clauses[g.at] !== clauses[f.at]) continue;
        const d = g.at >= f.end ? g.at - f.end : f.at - g.end;
        if (d < distance) [near, distance] = [LEXICON[g.entry.ref]!.touchpoint, d];
      }
      const other = near && m.speed[near]?.[concept.speed];
      if (other !== undefined) ref = other;
    }
    concepts.add(ref);
  }

  const words = new Set<string>();
  let negation = '';
  let negationEnd = -1;
  for (const { s, index } of segs) {
    if (index !== negationEnd) negation = '';
    let whole = true;
    for (let i = 0; i < s.length && whole; i++) if (covered[index + i]) whole = false;
    if (whole) {
      if (NEGATORS.has(s)) {
        negation = s;
        negationEnd = index + s.length;
        continue;
      }
      const w = wordOf(s, false);
      if (w) words.add(negation ? negation + s : w);
      negation = '';
      continue;
    }
    negation = '';
    let run = '';
    const flush = () => {
      const w = run ? wordOf(run, true) : null;
      if (w) words.add(w);
      run = '';
    };
    for (let i = 0; i < s.length; i++) {
      if (covered[index + i]) flush();
      else run += s[i];
    }
    flush();
  }
  return { concepts, named, words };
}

const key = (s: string) => s.normalize('NFKC').toLowerCase().trim();
const named = (e: { hans: string; hant: string; en: string }, k: string) => key(e.hans) === k || key(e.hant) === k || key(e.en) === k;
let segmenters: Map<string, Intl.Segmenter> | undefined;

/**
 * Whether {@link themes} counts `term` in `text`: `term` as a themes result lists it in any locale (a lexicon
 * concept in either script or in English, or a word as written). A filter on a term must agree with its count:
 * a text search for 快 would also find 快递, and 客服回复很慢 is 回复慢, not 慢.
 */
export function mentionsTerm(text: string, term: string, locale = 'zh-CN'): boolean {
  const k = key(term);
  if (k === '') return false;
  let segmenter = (segmenters ??= new Map()).get(locale);
  if (!segmenter) segmenters.set(locale, (segmenter = new Intl.Segmenter(locale, { granularity: 'word' })));
  const found = termsOf(text, segmenter, getMatcher());
  for (const i of found.concepts) if (named(LEXICON[i]!, k)) return true;
  for (const i of found.named) if (named(WORDS[i]!, k)) return true;
  return found.words.has(k);
}

/**
 * What a comment {@link mentionsTerm} must contain, as plain text (any case): a database's first, wider filter.
 * A concept's forms (a speed concept of service or returns also by delivery's words of its speed, as the clause
 * decides), a named word's forms, or the term itself.
 */
export function termForms(term: string): string[] {
  const k = key(term);
  const out = new Set<string>();
  for (const c of LEXICON) {
    if (!named(c, k)) continue;
    c.forms.forEach((f) => out.add(f));
    if (c.speed && c.touchpoint !== 'delivery') for (const d of LEXICON) if (d.touchpoint === 'delivery' && d.speed === c.speed) d.forms.forEach((f) => out.add(f));
  }
  for (const w of WORDS) if (named(w, k)) w.forms.forEach((f) => out.add(f));
  return out.size ? [...out] : [k];
}

const isComment = (x: unknown): x is ThemeComment => typeof x === 'object' && x !== null && typeof (x as ThemeComment).text === 'string';

/** Comments from responses: every text answer of one response (joined), labelled with its NPS category. */
function commentsOf(responses: readonly AnalysisResponse[], question: string, questions: readonly string[] | undefined): ThemeComment[] {
  const out: ThemeComment[] = [];
  latestResponses(responses).forEach((r, i) => {
    const parts: string[] = [];
    for (const name in r.scores) {
      if (r.scores[name]?.type !== 'text' || (questions && !questions.includes(name))) continue;
      const a = r.answers?.[name];
      if (typeof a === 'string' && a.trim() !== '') parts.push(a);
    }
    if (parts.length === 0) return;
    const s = r.scores[question];
    out.push({ id: r.id ?? `#${i}`, text: parts.join('\n'), ...(s?.type === 'nps' ? { category: s.category } : {}), ...(r.createdAt ? { createdAt: r.createdAt } : {}) });
  });
  return out;
}

const zeros = (): CategoryCounts => ({ promoter: 0, passive: 0, detractor: 0 });
const CATEGORIES = new Set(['promoter', 'passive', 'detractor']);

/**
 * Themes of open-text comments: terms segmented per comment with
 * `Intl.Segmenter` (word granularity), mapped to touchpoints (delivery, item,
 * service, packaging, returns, price) through a built-in zh-CN / zh-TW / en
 * lexicon that also matches across segments, without stop words; mention
 * counts by NPS category; and how strongly each term marks detractors against
 * promoters: the weighted log-odds ratio with an informative Dirichlet prior
 * (B. L. Monroe, M. P. Colaresi & K. M. Quinn, "Fightin' words: lexical
 * feature selection and evaluation for identifying the content of political
 * conflict", Political Analysis 16 (2008) 372–403, §3.5), the prior being each
 * term's count over all comments:
 *   δ = ln((y_D + α)/(n_D + α₀ − y_D − α)) − ln((y_P + α)/(n_P + α₀ − y_P − α)),
 *   z = δ / √(1/(y_D + α) + 1/(y_P + α)),
 * with y a group's mentions of the term, n the group's mentions of all terms,
 * α the term's mentions in all comments and α₀ the sum of α.
 *
 * Takes comments `{ id, text, category?, touchpoint?, createdAt? }` or
 * responses (their text answers; counted once each, see latestResponses).
 * Terms outside the lexicon are counted as written (no simplified ↔
 * traditional conversion, no stemming), except that a negation stays with
 * its word (不满意 is not 满意) and an adverb of degree is dropped (很好 is 好);
 * fillers (STOP_WORDS, STOP_PHRASES: 总的来说, 宝贝, 五星好评 ...) and lone
 * Han characters other than ONE_CHARACTER_WORDS and lexicon forms (the 损 of
 * 完好无损) are no term. A word of speed (快, 慢, 好几天) is delivery's unless
 * its clause is about service or returns (客服回复很慢: 回复慢, service).
 *
 * @example
 * themes([{ id: 'a', text: '客服态度很差', category: 'detractor' }], { locale: 'zh-CN' }).terms.map((t) => t.term)
 * // ['客服', '差', '态度']: by mentions, then by code point
 */
export function themes(input: readonly ThemeComment[] | readonly AnalysisResponse[], options: ThemesOptions = {}): ThemesResult {
  if (!Array.isArray(input)) throw new TypeError('themes: input must be an array of comments { id, text } or of responses');
  if (typeof options !== 'object' || options === null) throw new TypeError('themes: options must be an object');
  const { locale = 'zh-CN', question = 'nps', limit = 100 } = options;
  checkName(question, 'themes: question');
  if (!Number.isInteger(limit) || limit < 0) throw new RangeError(`themes: limit must be a non-negative integer; got ${String(limit)}`);
  if (options.questions !== undefined && !Array.isArray(options.questions)) throw new TypeError('themes: questions must be an array of text question names');
  if (typeof Intl === 'undefined' || typeof Intl.Segmenter !== 'function') {
    throw new TypeError('themes needs Intl.Segmenter (Node 16+, Chrome 87+, Safari 14.1+, Firefox 125+)');
  }
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(locale, { granularity: 'word' });
  } catch {
    throw new RangeError(`themes: locale must be a language tag such as 'zh-CN', 'zh-TW' or 'en'; got ${String(locale)}`);
  }
  let comments: ThemeComment[];
  if (input.every(isComment)) {
    comments = input.slice();
    comments.forEach((c, i) => {
      if (typeof c.id !== 'string' || c.id === '') throw new TypeError(`themes: input[${i}].id must be a non-empty string`);
      if (c.category !== undefined && !CATEGORIES.has(c.category)) throw new TypeError(`themes: input[${i}].category must be 'promoter', 'passive' or 'detractor'`);
    });
  } else {
    input.forEach((r, i) => {
      if (isComment(r)) throw new TypeError(`themes: input mixes comments and responses (input[${i}] is a comment)`);
      if (typeof r !== 'object' || r === null || typeof (r as AnalysisResponse).scores !== 'object' || (r as AnalysisResponse).scores === null) {
        throw new TypeError(`themes: input[${i}] must be a comment { id, text } or a response with scores`);
      }
    });
    comments = commentsOf(input as readonly AnalysisResponse[], question, options.questions);
  }
  // Newest first (undated after dated, input order kept among equals), so examples come out newest first.
  const when = (c: ThemeComment) => {
    const t = c.createdAt === undefined ? NaN : Date.parse(c.createdAt);
    return Number.isNaN(t) ? -Infinity : t;
  };
  const order = comments.map((c, i) => ({ c, i, t: when(c) })).sort((a, b) => b.t - a.t || a.i - b.i);

  const m = getMatcher();
  const form = script(locale);
  const stats = new Map<string, { touchpoint: Touchpoint | null; mentions: number; byCategory: CategoryCounts; exampleIds: string[] }>();
  const touchpoints: ThemesResult['touchpoints'] = {};
  for (const tp of TOUCHPOINTS) touchpoints[tp] = { mentions: 0, byCategory: zeros() };
  let counted = 0;
  for (const { c } of order) {
    if (c.text.trim() === '') continue;
    counted++;
    const { concepts, named, words } = termsOf(c.text, segmenter, m);
    for (const i of named) words.add(WORDS[i]![form]);
    const tps = new Set<string>();
    if (typeof c.touchpoint === 'string' && c.touchpoint !== '') tps.add(c.touchpoint);
    const add = (term: string, touchpoint: Touchpoint | null) => {
      let s = stats.get(term);
      if (!s) stats.set(term, (s = { touchpoint, mentions: 0, byCategory: zeros(), exampleIds: [] }));
      s.mentions++;
      if (c.category) s.byCategory[c.category]++;
      if (s.exampleIds.length < 5 && !s.exampleIds.includes(c.id)) s.exampleIds.push(c.id);
    };
    for (const i of concepts) {
      const concept: Concept = LEXICON[i]!;
      add(concept[form], concept.touchpoint);
      tps.add(concept.touchpoint);
    }
    for (const w of words) if (!stats.has(w) || stats.get(w)!.touchpoint === null) add(w, null);
    for (const tp of tps) {
      const t = (touchpoints[tp] ??= { mentions: 0, byCategory: zeros() });
      t.mentions++;
      if (c.category) t.byCategory[c.category]++;
    }
  }

  // Log-odds, detractors vs promoters, with the pooled counts as the prior.
  let nD = 0;
  let nP = 0;
  let a0 = 0;
  for (const s of stats.values()) {
    nD += s.byCategory.detractor;
    nP += s.byCategory.promoter;
    a0 += s.mentions;
  }
  const terms: ThemeTerm[] = [...stats].map(([term, s]) => {
    let logOdds: number | null = null;
    if (nD > 0 && nP > 0) {
      const a = s.mentions;
      const yD = s.byCategory.detractor;
      const yP = s.byCategory.promoter;
      const delta = Math.log((yD + a) / (nD + a0 - yD - a)) - Math.log((yP + a) / (nP + a0 - yP - a));
      logOdds = delta / Math.sqrt(1 / (yD + a) + 1 / (yP + a));
    }
    return { term, touchpoint: s.touchpoint, mentions: s.mentions, byCategory: s.byCategory, logOdds, exampleIds: s.exampleIds };
  });
  const byTerm = (a: ThemeTerm, b: ThemeTerm) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  const sorted = terms.slice().sort((a, b) => b.mentions - a.mentions || byTerm(a, b));
  const rated = terms.filter((t) => t.logOdds !== null && t.mentions >= 2);
  return {
    locale,
    comments: counted,
    terms: sorted.slice(0, limit),
    distinguishing: {
      detractor: rated.filter((t) => t.logOdds! > 0).sort((a, b) => b.logOdds! - a.logOdds! || byTerm(a, b)).slice(0, 10),
      promoter: rated.filter((t) => t.logOdds! < 0).sort((a, b) => a.logOdds! - b.logOdds! || byTerm(a, b)).slice(0, 10),
    },
    touchpoints,
  };
}
