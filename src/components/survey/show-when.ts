import { npsCategory } from '../../scoring/score.js';
import type { Answer, SurveyQuestion } from '../base/form-control.js';

type Category = 'detractor' | 'passive' | 'promoter';

/** A parsed `show-when`: the question it looks at and the answers that show this one. */
export interface ShowWhen {
  name: string;
  /** For a score: categories and ranges. */
  match: (Category | [number, number])[];
  /** Every item as written: a choice's values (`reason:damaged,late`). */
  values: string[];
}

/**
 * Parses `show-when`: a question name, a colon, then a comma-separated list
 * of NPS categories and answers or answer ranges, e.g. "nps:detractor",
 * "nps:passive,promoter", "delivery:1-2", "delivery:1,5", or a choice's
 * values, "reason:damaged,late". Undefined when malformed.
 */
export function parseShowWhen(text: string): ShowWhen | undefined {
  const m = /^\s*([^:\s]+)\s*:(.+)$/.exec(text);
  if (!m) return undefined;
  const match: ShowWhen['match'] = [];
  const values: string[] = [];
  for (const item of m[2].split(',')) {
    const t = item.trim();
    if (!t) return undefined;
    values.push(t);
    const r = /^(\d{1,3})(?:\s*-\s*(\d{1,3}))?$/.exec(t);
    if (t === 'detractor' || t === 'passive' || t === 'promoter') match.push(t);
    else if (r && +r[1] <= +(r[2] ?? r[1])) match.push([+r[1], +(r[2] ?? r[1])]);
  }
  return { name: m[1], match, values };
}

/** Whether the answers so far show a question with this condition. */
export function matches(cond: ShowWhen, answers: Readonly<Record<string, Answer>>): boolean {
  const v = Object.prototype.hasOwnProperty.call(answers, cond.name) ? answers[cond.name] : undefined;
  if (typeof v === 'string' || Array.isArray(v)) return cond.values.some((x) => (typeof v === 'string' ? v === x : v.includes(x)));
  if (typeof v !== 'number') return false;
  return cond.match.some((p) => (typeof p === 'string' ? v <= 10 && npsCategory(v) === p : v >= p[0] && v <= p[1]));
}

/** What is wrong with a condition on this earlier question, or ''. */
function problemWith(cond: ShowWhen, on: SurveyQuestion | undefined): string {
  if (!on) return `refers to "${cond.name}", which is not a question before this one; the question is shown.`;
  const spec = on.spec;
  if (spec.type === 'choice') {
    const unknown = spec.options && cond.values.find((v) => !spec.options!.includes(v));
    return unknown ? `lists "${unknown}", which is not an option of "${cond.name}" (${spec.options!.join(', ')}); the question is shown.` : '';
  }
  return cond.match.length === cond.values.length ? '' : SYNTAX;
}

const SYNTAX = 'must be a question name and answers, e.g. "nps:detractor", "nps:passive,promoter", "delivery:1-2" or "reason:damaged,late"; the question is shown.';

/**
 * Which questions `show-when` hides, in document order, from the visible answers before each: a hidden question is
 * then neither required nor sent, and a follow-up of a hidden question hides too. `hiddenOtherwise` says whether a
 * question without show-when is hidden (by the shop). A condition that cannot work is a problem, and its question
 * is shown. Pure: the question set (questions.ts) hides them and reports the problems.
 */
export function showWhen(
  questions: readonly SurveyQuestion[],
  hiddenOtherwise: (q: SurveyQuestion) => boolean,
): { hidden: Set<SurveyQuestion>; problems: [SurveyQuestion, string][] } {
  const hidden = new Set<SurveyQuestion>();
  const problems: [SurveyQuestion, string][] = [];
  const answers: Record<string, Answer> = {};
  const before = new Map<string, SurveyQuestion>();
  for (const q of questions) {
    const raw = q.getAttribute('show-when');
    let off = raw === null && hiddenOtherwise(q);
    if (raw !== null) {
      const cond = parseShowWhen(raw);
      const problem = cond ? problemWith(cond, before.get(cond.name)) : SYNTAX;
      if (problem) problems.push([q, problem]);
      else off = !matches(cond!, answers);
    }
    if (off) hidden.add(q);
    if (!before.has(q.spec.name)) before.set(q.spec.name, q);
    if (!off && !q.disabled && q.answer !== undefined && q.spec.name !== '__proto__') answers[q.spec.name] = q.answer;
  }
  return { hidden, problems };
}
