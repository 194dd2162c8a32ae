import { latestResponses } from './latest.js';
import type { NpsCategory } from '../scoring/types.js';
import { checkName, type AnalysisResponse } from './input.js';
import { LEXICON, STOP_WORDS, TOUCHPOINTS, type Concept, type Touchpoint } from './lexicon.js';

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

interface Matcher {
  /** Chinese forms, longest first, with their concept. */
  cjk: { form: string; concept: number }[];
  /** English forms as word sequences, longest first. */
  words: { tokens: string[]; concept: number }[];
}
let matcher: Matcher | undefined;
function getMatcher(): Matcher {
  if (matcher) return matcher;
  const cjk: Matcher['cjk'] = [];
  const words: Matcher['words'] = [];
  LEXICON.forEach((concept, i) => {
    for (const f of concept.forms) {
      const form = f.normalize('NFKC').toLowerCase();
      if (HAN.test(form)) cjk.push({ form, concept: i });
      else words.push({ tokens: form.split(' '), concept: i });
    }
  });
  cjk.sort((a, b) => b.form.length - a.form.length);
  words.sort((a, b) => b.tokens.length - a.tokens.length);
  return (matcher = { cjk, words });
}

const script = (locale: string): 'hans' | 'hant' | 'en' => {
  const l = locale.toLowerCase();
  if (!l.startsWith('zh')) return 'en';
  return /-(tw|hk|mo|hant)\b/.test(l) ? 'hant' : 'hans';
};

/**
 * The terms of one comment: lexicon concepts (matched on the whole text, so
 * across segments) and the other words, segmented by `Intl.Segmenter`, minus
 * stop words. A segment partly inside a lexicon match keeps its remainder
 * only if that is two or more characters (a lone 员 of 快递员 is a fragment).
 */
function termsOf(text: string, segmenter: Intl.Segmenter, m: Matcher): { concepts: Set<number>; words: Set<string> } {
  const t = text.normalize('NFKC').toLowerCase();
  const covered = new Uint8Array(t.length);
  const concepts = new Set<number>();
  for (const { form, concept } of m.cjk) {
    for (let at = t.indexOf(form); at !== -1; at = t.indexOf(form, at + form.length)) {
      let free = true;
      for (let i = at; i < at + form.length && free; i++) if (covered[i]) free = false;
      if (!free) continue;
      covered.fill(1, at, at + form.length);
      concepts.add(concept);
    }
  }
  const segs: { s: string; index: number }[] = [];
  for (const s of segmenter.segment(t)) if (s.isWordLike) segs.push({ s: s.segment, index: s.index });
  for (const { tokens, concept } of m.words) {
    for (let i = 0; i + tokens.length <= segs.length; i++) {
      let ok = true;
      for (let j = 0; j < tokens.length && ok; j++) ok = segs[i + j]!.s === tokens[j] && !covered[segs[i + j]!.index];
      if (!ok) continue;
      const last = segs[i + tokens.length - 1]!;
      covered.fill(1, segs[i]!.index, last.index + last.s.length);
      concepts.add(concept);
    }
  }
  const words = new Set<string>();
  for (const { s, index } of segs) {
    let run = '';
    let partial = false;
    const flush = () => {
      if (run && (!partial || [...run].length > 1) && LETTER.test(run) && !STOP_WORDS.has(run) && !(run.length === 1 && !HAN.test(run))) words.add(run);
      run = '';
    };
    for (let i = 0; i < s.length; i++) {
      if (covered[index + i]) {
        partial = true;
        flush();
      } else run += s[i];
    }
    flush();
  }
  return { concepts, words };
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
 * traditional conversion, no stemming).
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
    const { concepts, words } = termsOf(c.text, segmenter, m);
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
