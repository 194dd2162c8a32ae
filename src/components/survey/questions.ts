import type { SurveyQuestion } from '../base/form-control.js';
import { badKey } from './response.js';
import type { showWhen } from './show-when.js';

export const QUESTION_SELECTOR = 'koubei-nps, koubei-likert, koubei-text, koubei-choice';

/** What a question adds to the response: its own answer and any more it gives (a choice's "other" text). */
export const answersOf = (qs: readonly SurveyQuestion[]) => qs.flatMap((q) => [{ spec: q.spec, answer: q.answer }, ...(q.extraAnswers?.() ?? [])]);

/** Steps, when on: which of the questions that count is on screen (steps.ts). */
export interface StepView {
  readonly on: boolean;
  current(active: readonly SurveyQuestion[]): SurveyQuestion | undefined;
}

/** What the question set needs of its survey. */
export interface QuestionsHost {
  querySelectorAll<E extends Element = Element>(selectors: string): NodeListOf<E>;
  /** Reports a question's bad attribute (the survey's settings report every configuration error, once each). */
  __reportOn(el: Element, attribute: string, message: string, value?: string | null): void;
  /** A question has show-when and its code is not here yet: load it (the survey refreshes the set once it is). */
  __needShowWhen(): void;
}

/**
 * The questions of a survey: found (light DOM, any depth), shown or hidden, checked for names, answered.
 *
 * One mechanism hides a question: its `hidden` attribute, which the question's own styles make `display: none
 * !important` (no page rule undoes it). show-when sets it, and so does steps for every question but the current
 * one. A question the shop hid itself (no show-when) stays hidden and does not count; one this set hid is
 * shown again when show-when or steps no longer hides it.
 */
export class QuestionSet {
  /** Hidden by this set (show-when, steps), not by the shop. */
  private readonly _hiddenHere = new WeakSet<SurveyQuestion>();
  /** Hidden by show-when at the last refresh. */
  private _off = new Set<SurveyQuestion>();
  steps?: StepView;
  /**
   * show-when's code (show-when.ts), loaded on demand by a survey whose questions use it; `false` when it could not
   * load. Until it is there a question with show-when stays hidden; without it, such a question is shown.
   */
  showWhen?: typeof showWhen | false;

  constructor(private readonly _host: QuestionsHost) {}

  /** The question elements inside, in document order. */
  get all(): SurveyQuestion[] {
    return [...this._host.querySelectorAll<SurveyQuestion & Element>(QUESTION_SELECTOR)].filter(
      (q): q is SurveyQuestion & Element => typeof (q as Partial<SurveyQuestion>).check === 'function',
    );
  }

  private _hiddenByShop(q: SurveyQuestion): boolean {
    // show-when owns its question's `hidden`.
    return (q.hidden && !this._hiddenHere.has(q) && !q.hasAttribute('show-when')) || !!q.parentElement?.closest('[hidden]');
  }

  /** The questions that count: not disabled, not hidden by show-when or by the shop (a step not on screen counts). */
  get active(): SurveyQuestion[] {
    return this.all.filter((q) => !q.disabled && !this._off.has(q) && !this._hiddenByShop(q));
  }

  /**
   * The active questions, one per name: answers are keyed by name, so a second
   * question with the same name (two Likerts left at the default `csat`) would
   * overwrite the first or fail scoring. The first wins; the others are reported.
   * Two with one name behind different show-when conditions are fine.
   */
  get answerable(): SurveyQuestion[] {
    const seen = new Set<string>();
    return this.active.filter((q) => {
      const name = q.spec.name;
      const problem = badKey(name) || (seen.has(name) ? 'another question in this survey already has this name; give each question its own name' : '');
      if (!problem) return seen.add(name);
      this._host.__reportOn(q, 'name', `${problem}. This answer is not sent.`, name);
      return false;
    });
  }

  /** What the answerable questions give the response. */
  answers(): ReturnType<typeof answersOf> {
    return answersOf(this.answerable);
  }

  /** Follows the answers: show-when, then the step on screen; reports bad conditions and names. */
  refresh(): void {
    const all = this.all;
    const byShop = (q: SurveyQuestion) => this._hiddenByShop(q);
    const pending = this.showWhen === undefined && all.some((q) => q.hasAttribute('show-when'));
    if (pending) this._host.__needShowWhen();
    const { hidden, problems } = this.showWhen
      ? this.showWhen(all, byShop)
      : { hidden: new Set(all.filter((q) => (pending && q.hasAttribute('show-when')) || byShop(q))), problems: [] };
    for (const [q, problem] of problems) this._host.__reportOn(q, 'show-when', problem);
    this._off = hidden;
    void this.answerable; // reports names that cannot be sent, as soon as they are there
    const stepping = !!this.steps?.on;
    const current = stepping ? this.steps!.current(this.active) : undefined;
    for (const q of all) {
      const hide = hidden.has(q) || (stepping && q !== current);
      if (hide && !q.hidden) {
        this._hiddenHere.add(q);
        q.hidden = true;
      } else if (!hide && q.hidden && (this._hiddenHere.has(q) || q.hasAttribute('show-when'))) {
        this._hiddenHere.delete(q);
        q.hidden = false;
      }
    }
  }
}
