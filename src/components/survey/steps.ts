import { css, html, nothing, type ReactiveController, type ReactiveElement, type TemplateResult } from 'lit';
import type { LocalizeController } from '../../i18n/controller.js';
import type { Answer, SurveyQuestion } from '../base/form-control.js';
import { session } from '../../storage/web.js';

interface Saved {
  i: number;
  a: Record<string, Answer>;
}

/**
 * `steps` on a survey: one question per step with Back and Next, a progress
 * indicator in a live region, the last step's button submits. The step and
 * answers are kept in sessionStorage until the survey is submitted, so a
 * reload resumes where the customer was.
 */
export class StepsController implements ReactiveController {
  index = 0;

  constructor(
    private readonly host: ReactiveElement,
    private readonly opts: { all: () => SurveyQuestion[]; active: () => SurveyQuestion[]; key: () => string },
  ) {
    host.addController(this);
  }

  /** Whether sync() has hidden questions that a survey without `steps` must show again. */
  private _applied = false;

  /** `steps` added or removed at runtime (e.g. only on narrow screens); after the update, which reflects it. */
  hostUpdated(): void {
    if (this.on !== this._applied) this.sync();
  }

  get on(): boolean {
    return this.host.hasAttribute('steps');
  }

  private get _last(): boolean {
    return this.index >= this.opts.active().length - 1;
  }

  /** Shows only the current step's question; run after answers or questions change. */
  sync(): void {
    if (!this.on) {
      if (this._applied) {
        for (const q of this.opts.all()) q.style.display = '';
        this.host.requestUpdate();
      }
      this._applied = false;
      return;
    }
    this._applied = true;
    const list = this.opts.active();
    this.index = Math.max(0, Math.min(this.index, list.length - 1));
    for (const q of this.opts.all()) q.style.display = q === list[this.index] ? '' : 'none';
    this.host.requestUpdate();
  }

  save(): void {
    if (!this.on) return;
    const a: Record<string, Answer> = {};
    for (const q of this.opts.all()) if (q.answer !== undefined) a[q.spec.name] = q.answer;
    // Where storage is refused, steps still work: they just don't survive a reload.
    session.set(this.opts.key(), JSON.stringify({ i: this.index, a } satisfies Saved));
  }

  /** Puts back the step and answers kept before a reload. */
  restore(): void {
    if (!this.on) return;
    let saved: Saved | undefined;
    try {
      saved = JSON.parse(session.get(this.opts.key()) ?? 'null') ?? undefined;
    } catch {
      saved = undefined;
    }
    if (!saved) return;
    for (const q of this.opts.all()) {
      const v = saved.a[q.spec.name];
      if (v !== undefined) (q as SurveyQuestion & { value: Answer | null }).value = v;
    }
    this.index = saved.i;
  }

  clear(): void {
    session.remove(this.opts.key());
  }

  /** Goes to the step of this question (e.g. one that needs an answer). */
  show(q: SurveyQuestion): void {
    const i = this.opts.active().indexOf(q);
    if (!this.on || i < 0) return;
    this.index = i;
    this.sync();
    this.save();
  }

  /** Next (after checking the current answer) or Back; focus follows to the new question. */
  go(delta: 1 | -1): void {
    const q = this.opts.active()[this.index];
    if (delta > 0 && q?.check(true)) return q.focusControl();
    this.index += delta;
    this.sync();
    this.save();
    void this.host.updateComplete.then(() => this.opts.active()[this.index]?.focusControl());
  }

  /** The footer's buttons: the submit button as is, or Back / Next / submit with the progress. */
  nav(submit: TemplateResult, l10n: LocalizeController): TemplateResult {
    if (!this.on) return submit;
    const total = this.opts.active().length;
    return html`<p class="progress" part="progress" aria-live="polite" aria-atomic="true">
        ${l10n.t('progress', { current: Math.min(this.index + 1, total), total })}
      </p>
      ${this.index > 0 ? html`<button class="back" part="back" type="button" @click=${() => this.go(-1)}>${l10n.t('back')}</button>` : nothing}
      ${this._last ? submit : html`<button class="submit" part="next" type="button" @click=${() => this.go(1)}>${l10n.t('next')}</button>`}`;
  }
}

export const stepsStyles = css`
  .progress {
    margin: 0;
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  .back {
    all: revert;
    min-block-size: max(24px, var(--koubei-submit-height, 2.75rem));
    margin: 0;
    padding-block: 0.5rem;
    padding-inline: 1.25rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: transparent;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .back:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
  }
`;
