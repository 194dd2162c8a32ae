import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { emit, reportError } from '../../events.js';
import { submit } from '../../outbox/index.js';
import type { KoubeiResponse } from '../../schema.js';
import type { SurveyQuestion } from '../base/form-control.js';
import { markAnswered } from './answered.js';
import type { PartialResponse } from './prefill.js';
import type { Presence } from './presence.js';
import type { QuestionSet } from './questions.js';
import { buildResponse, type BuildInput } from './response.js';
import type { SurveySettings } from './settings.js';

export interface QuestionError {
  question: SurveyQuestion;
  message: string;
}

/**
 * Text as the collector can store it: PostgreSQL's json holds no NUL and no lone surrogate, and a pasted answer or a
 * context value may carry either. Lone surrogates become U+FFFD (as toWellFormed does; one regex for every browser,
 * smaller than both), NULs go; cleaned where the response is built, so the stored response is clean.
 */
export const storable = (s: string): string =>
  s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]|\0/g, (c) => (c[1] ? c : c > '\0' ? '\uFFFD' : ''));

/** What the submit controller needs of its survey (`__` names: internal, and renamed by the minifier). */
export interface SubmitHost extends ReactiveControllerHost, HTMLElement {
  /** The survey's settings, parsed and checked once per update (settings.ts). */
  readonly __settings: SurveySettings;
  /** The response's context (reports names that cannot be fields). */
  __context(): Record<string, string>;
  /** Reports a submit that the settings keep from being sent (settings.ts). */
  __notSent(id?: string): void;
  __report(attribute: string, message: string, value?: string | null): void;
  readonly __questions: QuestionSet;
  /** The response's locale: the survey's language, canonical. */
  readonly __locale: string;
  /** Steps, when loaded: goes to a question that needs an answer; forgets the kept answers once sent. */
  readonly __steps?: { show(q: SurveyQuestion): void; clear(): void };
  /** Placement, when loaded: remembers an answer for the frequency rules. */
  readonly __placement?: { answered(): void };
  /** Focuses the error summary (two or more problems). */
  __focusSummary(): void;
  /** Focuses the thank-you once it is shown. */
  __focusThankYou(): void;
}

/**
 * Submitting a survey: checks the answers, builds the scored response, fires the cancelable `koubei-submit`, hands
 * the response to the outbox and thanks the customer; and the partial response of an email link's score.
 */
export class SubmitController implements ReactiveController {
  errors: QuestionError[] = [];
  submitting = false;
  saveFailed = false;
  /** The survey's own setup keeps the response from being sent (reported as config): trying again cannot help. */
  misconfigured = false;
  done = false;
  response?: KoubeiResponse;
  /** A link's record (prefill="url"): the complete response re-uses its id with the next revision. */
  partial?: PartialResponse;

  constructor(private readonly _host: SubmitHost) {
    _host.addController(this);
  }

  hostConnected(): void {
    addEventListener('storage', this._onStorage);
  }

  hostDisconnected(): void {
    removeEventListener('storage', this._onStorage);
  }

  /** Another tab answered this survey for this order while it is open here. */
  private readonly _onStorage = (e: StorageEvent): void => {
    if (e.key !== null && e.newValue !== null && e.key === this._host.__settings.answeredKey) this.answeredBefore();
  };

  /** Answered before (a reload, another tab): the thank-you instead of the questions. */
  answeredBefore(): void {
    if (this.done || this.submitting) return;
    this._set({ done: true });
    emit(this._host, 'koubei-skip', { surveyId: this._host.__settings.id, reason: 'answered' });
  }

  private _set(state: Partial<Pick<SubmitController, 'errors' | 'submitting' | 'saveFailed' | 'misconfigured' | 'done'>>): void {
    Object.assign(this, state);
    this._host.requestUpdate();
  }

  /** An answer changed: errors go once answered, and with a question that no longer counts. */
  answersChanged(checkAgain: boolean): void {
    if (!this.errors.length) return;
    const active = new Set(this._host.__questions.active);
    // An update each time, as for any answer while the summary shows: the summary follows the questions' messages.
    this._set({ errors: this.errors.filter((e) => active.has(e.question) && (!checkAgain || e.question.check(false) !== '')) });
  }

  private _build(surveyId: string, questions: BuildInput['questions']): KoubeiResponse {
    const context = Object.fromEntries(Object.entries(this._host.__context()).map(([k, v]) => [k, storable(v)]));
    // A text that was only NULs and spaces is no answer (the text element trims its own; a shop's question keeps its spaces).
    const clean = questions.map(({ spec, answer: a }) => {
      const t = typeof a === 'string' ? storable(a) : a;
      return { spec, answer: typeof t === 'string' ? (t.trim() ? t : undefined) : Array.isArray(t) ? t.map(storable) : t };
    });
    return buildResponse({ surveyId, locale: this._host.__locale, questions: clean, context });
  }

  /** Submits as if the customer pressed the button. */
  async requestSubmit(): Promise<KoubeiResponse | undefined> {
    if (this.done || this.submitting) return undefined;
    const host = this._host;
    const { surveyId } = host.__settings;
    const errors: QuestionError[] = [];
    for (const q of host.__questions.active) {
      const message = q.check(true);
      if (message) errors.push({ question: q, message });
    }
    this._set({ errors });
    if (errors.length) {
      host.__steps?.show(errors[0].question);
      await host.updateComplete;
      if (errors.length >= 2) host.__focusSummary();
      else errors[0].question.focusControl();
      return undefined;
    }
    if (!surveyId) return this._notSent();

    let built: KoubeiResponse;
    try {
      built = this._build(surveyId, host.__questions.answers());
    } catch (err) {
      // Never into the page: every question's answer is parsed already, so this is a setup Koubei did not foresee.
      reportError(host, { reason: 'config', message: `the answers could not be scored (${String(err)}); nothing was sent.` });
      this._set({ saveFailed: true, misconfigured: true });
      return undefined;
    }
    // After a partial response (a score by link), the same id with the next revision.
    const response = this.partial?.complete(built) ?? built;
    if (!emit(host, 'koubei-submit', response, true)) {
      this.partial?.stored(response);
      return this._finish(response);
    }
    const { endpoint } = host.__settings;
    // Nowhere to send it: thanking the customer would lose the answers unseen.
    if (!endpoint) return this._notSent(response.id);
    this._set({ submitting: true, saveFailed: false, misconfigured: false });
    try {
      await submit(response, { endpoint });
      this.partial?.stored(response);
    } catch (err) {
      // Keep the answers on screen: the customer can try again.
      this._set({ submitting: false, saveFailed: true });
      this._storeFailed(err, response.id);
      return undefined;
    }
    return this._finish(response);
  }

  /** Records a score that arrived by link, with the answers kept from before, as complete: false (see PartialResponse). */
  async recordPartial(how: Presence, questions: BuildInput['questions']): Promise<void> {
    const host = this._host;
    const { surveyId, endpoint } = host.__settings;
    if (!surveyId || !this.partial || !host.isConnected || this.done || this.submitting) return;
    this.partial.confirmed = how;
    const response = this.partial.partial(this._build(surveyId, questions));
    if (!response) return;
    // The page took it over; else remembered only once stored (a failed write leaves the score to record again).
    if (!emit(host, 'koubei-submit', response, true)) return this.partial.stored(response);
    if (!endpoint) {
      const p = host.__settings.endpointProblem;
      return p && host.__report(p.attribute, p.message, p.value);
    }
    try {
      await submit(response, { endpoint });
      this.partial.stored(response);
    } catch (err) {
      this._storeFailed(err, response.id);
    }
  }

  /** A submit the survey's settings keep from being sent: reported each time, and the customer is not asked to try again. */
  private _notSent(id?: string): undefined {
    this._set({ saveFailed: true, misconfigured: true });
    this._host.__notSent(id);
    return undefined;
  }

  /** The outbox reports its own refusals (quota); anything else is reported here, once. */
  private _storeFailed(err: unknown, id: string): void {
    if ((err as { reason?: string } | null)?.reason) return;
    reportError(this._host, { reason: 'storage', message: `the response could not be stored: ${String(err)}`, ids: [id] });
  }

  private _finish(response: KoubeiResponse): KoubeiResponse {
    this.response = response;
    this._set({ submitting: false, done: true });
    const key = this._host.__settings.answeredKey;
    if (key) markAnswered(key);
    this._host.__placement?.answered();
    this._host.__steps?.clear();
    void this._host.updateComplete.then(() => this._host.__focusThankYou());
    return response;
  }
}
