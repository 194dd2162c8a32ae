// The report's view-model: pure functions from the collector's answers to the words and numbers the
// element shows (no DOM, no clock: `now` is passed in). Each is tested in test/node/report-model.test.js.
import { adjustedNps } from '../../analysis/intervals.js';
import { t, type ReportKey, type ReportMessages } from './i18n/index.js';
import type { Nps, Quadrant, StoredResponse } from './shapes.js';

const DATE = /^\d{4}-\d\d-\d\d$/;
const DAY = 86_400_000;

/**
 * A calendar date (YYYY-MM-DD) as a day number; a RangeError when it is not one. The element checks its from and to
 * before anything reads them, so the error is its test of a date, and nothing here checks its arguments again.
 */
export function dayNumber(date: string): number {
  const d = DATE.test(date) ? Date.parse(date) : NaN;
  // A round trip: 2026-13-01 and 2026-02-30 are no dates (NaN fails too: toISOString throws a RangeError).
  if (dateOf(d / DAY) !== date) throw new RangeError(date);
  return d / DAY;
}
export const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
export const addDays = (date: string, n: number): string => dateOf(dayNumber(date) + n);
/** Days from `from` to `to`, both included. */
export const daysIn = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** One DateTimeFormat per language and options, made once (they are slow to make, quick to use). */
const dtf = (lang: string, o: Intl.DateTimeFormatOptions) => {
  const key = lang + JSON.stringify(o);
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang, o)));
  return f;
};

/** Today's date in `timeZone` (the en-CA calendar writes YYYY-MM-DD). */
export const today = (now: Date, timeZone: string): string => dtf('en-CA', { timeZone }).format(now);

export type Preset = '7' | '30' | '90' | 'quarter';
export const PRESETS: readonly Preset[] = ['7', '30', '90', 'quarter'];

/** A preset as { from, to }, ending today: the last 7/30/90 days (today included), or this calendar quarter so far. */
export function presetRange(preset: Preset, todayDate: string): { from: string; to: string } {
  if (preset === 'quarter') {
    const [y, m] = todayDate.split('-').map(Number);
    const q = Math.floor((m - 1) / 3) * 3 + 1;
    return { from: `${y}-${String(q).padStart(2, '0')}-01`, to: todayDate };
  }
  // Typed, and only ever one of PRESETS (the element's buttons): no check of its own.
  return { from: addDays(todayDate, 1 - Number(preset)), to: todayDate };
}

/** The range of the same length just before { from, to } (from ≤ to, as the element checks): what the headline compares with. */
export function previousRange(from: string, to: string): { from: string; to: string } {
  return { from: addDays(from, -daysIn(from, to)), to: addDays(from, -1) };
}

const formatsMade = new Map<string, Formats>();
/**
 * Number formatting in the report's language: whole numbers, signed changes, percentages of 0..100.
 * Made once per language (a NumberFormat is slow to make, quick to use) and shared by every report.
 */
export const formats = (lang: string): Formats => formatsMade.get(lang) ?? formatsMade.set(lang, makeFormats(lang)).get(lang)!;

function makeFormats(lang: string) {
  const nf = (o: Intl.NumberFormatOptions) => new Intl.NumberFormat(lang, { maximumFractionDigits: 0, ...o }).format;
  const df = (o: Intl.DateTimeFormatOptions) => dtf(lang, { timeZone: 'UTC', year: 'numeric', ...o }).format;
  const whole = nf({});
  const signed = nf({ signDisplay: 'exceptZero' });
  const pct = nf({ style: 'percent' });
  const dec = nf({ maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const day = df({ month: 'short', day: 'numeric' });
  const month = df({ month: 'long' });
  const at = (key: string) => new Date(dayNumber(key) * DAY);
  // -0 would print as "-0": a rounded score of zero is zero.
  const z = (v: number) => (Math.round(v) === 0 ? 0 : v);
  return {
    whole: (v: number) => whole(z(v)),
    signed: (v: number) => signed(z(v)),
    /** v on 0..100. */
    pct: (v: number) => pct(v / 100),
    dec,
    /** A period key (its first day) as a date, or a month for monthly periods. */
    period: (key: string, interval: 'day' | 'week' | 'month') => (interval === 'month' ? month : day)(at(key)),
    date: (key: string) => day(at(key)),
    /** An instant in the shop's time zone, to the minute. */
    when: (iso: string, timeZone: string) => dtf(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso)),
  };
}
export type Formats = ReturnType<typeof makeFormats>;

export type Verdict = 'real' | 'noise' | 'few';

/** z of a two-sided test at the 95% level, Φ⁻¹(0.975): |z| above it is exactly p < 0.05. */
const Z95 = 1.959963984540054;

/**
 * The change between two periods' NPS and whether it is real, decided as koubei/analysis trend()
 * decides it at its default level (0.95): a two-sample z-test on the adjusted-Wald estimates,
 * z = (NPSadj₂ − NPSadj₁)/√(V₁ + V₂) (J. Rocks, MeasuringU 2016), significant when p < 0.05, i.e.
 * |z| > Φ⁻¹(0.975), and both periods have at least `minN` answers (else "few").
 */
export function npsChange(current: Nps, previous: Nps, minN: number): { change: number; verdict: Verdict; z: number } {
  const a = adjustedNps(previous.promoters, previous.detractors, previous.n);
  const b = adjustedNps(current.promoters, current.detractors, current.n);
  const z = (b.estimate - a.estimate) / Math.sqrt(a.variance + b.variance);
  const few = current.n < Math.max(minN, 1) || previous.n < Math.max(minN, 1);
  return { change: current.nps - previous.nps, verdict: few ? 'few' : Math.abs(z) > Z95 ? 'real' : 'noise', z };
}

/**
 * The headline sentence, e.g. "NPS 31 (±6, n = 412), 8 points up from the previous 30 days: a real
 * change." `previous` is the NPS of the range just before (null: nothing to compare with).
 */
export function headline(m: ReportMessages, f: Formats, current: Nps, previous: Nps | null, days: number, minN: number): string {
  const head = t(m, 'headlineText', { nps: f.whole(current.nps), margin: f.whole(current.margin), n: f.whole(current.n) });
  if (!previous || previous.n === 0) return t(m, 'sentenceNoVerdict', { headline: head, change: t(m, 'noPrevious', { days }) });
  const { change, verdict } = npsChange(current, previous, minN);
  const points = Math.round(Math.abs(change));
  const words = points === 0 ? t(m, 'changeNone', { days }) : t(m, change > 0 ? 'changeUp' : 'changeDown', { points: f.whole(points), days });
  const v = verdict === 'real' ? 'changeReal' : verdict === 'few' ? 'changeFew' : 'changeNoise';
  return t(m, 'sentence', { headline: head, change: words, verdict: t(m, v) });
}

/** A question's label: the shop's (question-labels), else a built-in touchpoint's (the analysis lexicon's), else its name. */
export const questionLabel = (m: ReportMessages, labels: Record<string, string>, name: string): string =>
  // Own keys only: a question named "constructor" is not Object.prototype's.
  (Object.hasOwn(labels, name) && labels[name]) || (Object.hasOwn(m, `tp${name}`) && m[`tp${name}` as ReportKey]) || name;
/** A theme's touchpoint, or "other". */
export const touchpointLabel = (m: ReportMessages, tp: string | null): string => questionLabel(m, {}, tp ?? 'none');

/** One plain sentence per driver, by quadrant; the first (largest share) "moves NPS most". */
export function driverSentence(m: ReportMessages, label: string, quadrant: Quadrant, rank: number): string {
  const important = quadrant === 'keep' || quadrant === 'fix first';
  const moves = t(m, important ? (rank === 0 ? 'movesMost' : 'movesMuch') : 'movesLittle');
  // A quadrant's sentence is s-<quadrant> (its name, q-<quadrant>): no table from one to the other.
  return t(m, `s-${quadrant}`, { question: label, moves });
}

export type SlaState = 'overdue' | 'due-soon' | 'on-time';

/**
 * How long a customer has waited, in whole hours, and the SLA colour: overdue past `slaHours` (positive: the element
 * reads 24 for anything else), due soon past three quarters of it.
 */
export function waiting(createdAt: string, now: Date, slaHours: number): { hours: number; state: SlaState } {
  const ms = now.getTime() - Date.parse(createdAt);
  const hours = Math.max(0, Math.floor(ms / 3_600_000));
  const exact = ms / 3_600_000;
  return { hours, state: exact >= slaHours ? 'overdue' : exact >= slaHours * 0.75 ? 'due-soon' : 'on-time' };
}
export const ageText = (m: ReportMessages, f: Formats, hours: number): string =>
  hours < 48 ? t(m, 'hours', { n: f.whole(hours) }) : t(m, 'daysHours', { d: f.whole(Math.floor(hours / 24)), h: f.whole(hours % 24) });

/** The text answers of a response, in answer order. */
export function commentsOf(r: StoredResponse): string[] {
  return Object.entries(r.answers)
    .filter(([k, v]) => typeof v === 'string' && v.trim() !== '' && (r.scores[k]?.type ?? 'text') === 'text')
    .map(([, v]) => v as string);
}

/** What a follow-up row shows as its score: the NPS, and each unhappy touchpoint (bottom two boxes) with its label. */
export function followUpScores(r: StoredResponse, label: (q: string) => string): string[] {
  const out: string[] = [];
  for (const [q, s] of Object.entries(r.scores)) {
    if (s.type === 'nps' && 'value' in s) out.push(`NPS ${s.value}`);
    if (s.type === 'likert' && 'points' in s && s.value <= (s.points === 3 ? 1 : 2)) out.push(`${label(q)} ${s.value}/${s.points}`);
  }
  return out;
}

/** Hidden personal details of a response (the collector's redaction counts). */
export const redactedCount = (r: StoredResponse): number =>
  Object.values(r.redactions ?? {}).reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0);
