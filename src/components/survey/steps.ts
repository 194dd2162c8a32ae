import { css, html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/controller.js';
import type { Answer, SurveyQuestion } from '../base/form-control.js';
import type { QuestionSet, StepView } from './questions.js';
import { session } from '../../storage/web.js';

interface Saved {
  i: number;
  a: Record<string, Answer>;
}

/** What steps needs of its survey (`__` names: internal, and renamed by the minifier). */
export interface StepsHost extends ReactiveControllerHost {
  /** `steps` is on now (added or removed at runtime too, e.g. only on narrow screens). */
  readonly __stepping: boolean;
  /** The survey's questions (questions.ts), which hides every question but the current step's. */
  readonly __questions: Pick<QuestionSet, 'all' | 'active' | 'refresh' | 'steps'>;
  /** Where the step and the answers are kept for a reload. */
  readonly __stepsKey: string;
}

/**
 * `steps` on a survey: one question per step with Back and Next, a progress
 * indicator in a live region, the last step's button submits. The step and
 * answers are kept in sessionStorage until the survey is submitted, so a
 * reload resumes where the customer was.
 */
export class StepsController implements StepView {
  index = 0;

  constructor(private readonly host: StepsHost) {
    host.__questions.steps = this;
  }

  get on(): boolean {
    return this.host.__stepping;
  }

  private get _last(): boolean {
    return this.index >= this.host.__questions.active.length - 1;
  }

  /** StepView: the question on screen, of those that count (the index kept within them). */
  current(active: readonly SurveyQuestion[]): SurveyQuestion | undefined {
    this.index = Math.max(0, Math.min(this.index, active.length - 1));
    return active[this.index];
  }

  /** Shows only the current step's question (the question set hides the others); run after the step changes. */
  sync(): void {
    this.host.__questions.refresh();
    this.host.requestUpdate();
  }

  save(): void {
    if (!this.on) return;
    const a: Record<string, Answer> = {};
    for (const q of this.host.__questions.all) if (q.answer !== undefined) a[q.spec.name] = q.answer;
    // Where storage is refused, steps still work: they just don't survive a reload.
    session.set(this.host.__stepsKey, JSON.stringify({ i: this.index, a } satisfies Saved));
  }

  /** Puts back the step and answers kept before a reload. */
  restore(): void {
    if (!this.on) return;
    let saved: Saved | undefined;
    try {
      saved = JSON.parse(session.get(this.host.__stepsKey) ?? 'null') ?? undefined;
    } catch {
      saved = undefined;
    }
    if (!saved) return;
    for (const q of this.host.__questions.all) {
      const v = saved.a[q.spec.name];
      if (v !== undefined) (q as SurveyQuestion & { value: Answer | null }).value = v;
    }
    this.index = saved.i;
  }

  clear(): void {
    session.remove(this.host.__stepsKey);
  }

  /** Goes to the step of this question (e.g. one that needs an answer). */
  show(q: SurveyQuestion): void {
    const i = this.host.__questions.active.indexOf(q);
    if (!this.on || i < 0) return;
    this.index = i;
    this.sync();
    this.save();
  }

  /** Next (after checking the current answer) or Back; focus follows to the new question. */
  go(delta: 1 | -1): void {
    const q = this.host.__questions.active[this.index];
    if (delta > 0 && q?.check(true)) return q.focusControl();
    this.index += delta;
    this.sync();
    this.save();
    void this.host.updateComplete.then(() => this.host.__questions.active[this.index]?.focusControl());
  }

  /** The footer's buttons: the submit button as is, or Back / Next / submit with the progress. */
  nav(submit: TemplateResult, l10n: LocalizeController): TemplateResult {
    if (!this.on) return submit;
    const total = this.host.__questions.active.length;
    return html`<p class="progress" part="progress" aria-live="polite" aria-atomic="true">
        ${l10n.t('progress', { current: Math.min(this.index + 1, total), total })}
      </p>
      ${this.index > 0 ? html`<button class="button back" part="back" type="button" @click=${() => this.go(-1)}>${l10n.t('back')}</button>` : nothing}
      ${this._last ? submit : html`<button class="button submit" part="next" type="button" @click=${() => this.go(1)}>${l10n.t('next')}</button>`}`;
  }
}

export const stepsStyles = css`
  .progress {
    margin: 0;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .back {
    min-block-size: max(24px, var(--koubei-submit-height, 2.75rem));
    padding-block: 0.5rem;
    padding-inline: 1.25rem;
    border: 2px solid var(--_accent);
    background: transparent;
    color: var(--_accent);
    font-weight: 600;
  }
`;
