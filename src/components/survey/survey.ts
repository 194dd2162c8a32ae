import { adoptStyles, css, html, LitElement, nothing, type CSSResult, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { reportError } from '../../events.js';
import { loadPlacement, loadPrefill, loadShowWhen, loadSteps } from '../../features.js';
import { LocalizeController } from '../../i18n/controller.js';
import type { KoubeiResponse } from '../../schema.js';
import { ANSWER_EVENT, type SurveyQuestion } from '../base/form-control.js';
import { fitOnAccent } from '../base/on-accent.js';
import { buttonStyles } from '../base/button.styles.js';
import { tokens } from '../base/tokens.styles.js';
import { wasAnswered } from './answered.js';
import type { PlacementController, PlacementHost } from './placement-controller.js';
import { QuestionSet } from './questions.js';
import { placeholderStyles, RenderGate } from './render-gate.js';
import { Settings, type SurveySettings } from './settings.js';
import type { StepsController, StepsHost } from './steps.js';
import { SubmitController, type SubmitHost } from './submit.js';

export { QUESTION_SELECTOR } from './questions.js';

/** Properties whose code loads on demand (features.ts): the popover, timing and frequency rules; steps; prefill. */
const FEATURE_PROPERTIES = ['display', 'position', 'delay', 'trigger', 'oncePer', 'recontactDays', 'sample', 'steps'] as const;

/** The response's locale: the canonical tag, or `und` (not known) for a tag or a language no one can read (lang="zz"), which the collector refuses. */
function canonicalLocale(tag: string): string {
  try {
    const t = Intl.getCanonicalLocales(tag)[0]!;
    const names = Intl.DisplayNames && new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });
    return !names || names.of(new Intl.Locale(t).language) ? t : 'und';
  } catch {
    return 'und';
  }
}

/**
 * A survey: holds question elements as children (light DOM, any depth),
 * checks required answers, builds a scored response, stores it and sends it
 * to `endpoint`, then thanks the customer. Every `data-*` attribute becomes a
 * context field (`data-order-id` → `context.orderId`).
 *
 * @tag koubei-survey
 * @attr {'light' | 'dark' | 'auto'} theme - Light, dark or `auto` (follows `prefers-color-scheme`) for the survey and its questions; by default follows the page: dark only when the page's color-scheme (`<meta name="color-scheme">` or the root element's) is dark.
 * @attr {string} lang - Language of the survey and its questions (else the nearest ancestor's, else the page's).
 * @slot - The questions (`koubei-nps`, `koubei-likert`, `koubei-text`) and any other content.
 * @fires koubei-submit - Cancelable; detail is the response (`complete: false` for a score that arrived by link, recorded once a person is there, never on load). Cancel it to deliver the response yourself.
 * @fires koubei-error - A bad attribute or a response that could not be stored.
 * @fires koubei-skip - The survey is not shown; detail.reason is answered, dismissed, recontact or sampled-out.
 * @fires koubei-dismiss - The customer closed the popover (close button or Escape) without answering.
 * @csspart base - The root.
 * @csspart error-summary - The list of problems shown when two or more questions need an answer.
 * @csspart error-summary-title - Its title.
 * @csspart questions - The box around the slotted questions.
 * @csspart footer - The row that holds the submit button.
 * @csspart submit - The submit button.
 * @csspart save-error - Shown when the answers could not be stored.
 * @csspart thank-you - The thank-you message that replaces the survey.
 * @csspart popover - The floating card (display="popover").
 * @csspart close - Its close button.
 * @csspart progress - "2 / 4" (steps), a polite live region.
 * @csspart back - The Back button (steps).
 * @csspart next - The Next button (steps).
 * @cssproperty --koubei-accent - Selected option, submit button and focus ring colour (default #1d4ed8; #8ab4ff in dark).
 * @cssproperty --koubei-on-accent - Text on the accent colour.
 * @cssproperty --koubei-text - Text colour.
 * @cssproperty --koubei-muted - Secondary text: end labels, hint, counter.
 * @cssproperty --koubei-background - Behind the widget (transparent in light, #111418 in dark).
 * @cssproperty --koubei-surface - Options and the text box.
 * @cssproperty --koubei-border - Option and text box borders (keep 3:1 against the background).
 * @cssproperty --koubei-error - Error text and borders.
 * @cssproperty --koubei-focus-ring - Focus outline (defaults to the accent).
 * @cssproperty --koubei-radius - Corner radius (default 0.5rem).
 * @cssproperty --koubei-spacing - Base spacing (default 1rem).
 * @cssproperty --koubei-font - Font family (default: the page's, inherited).
 * @cssproperty --koubei-font-size - Base font size (default: the reader's default size, `medium`).
 * @cssproperty --koubei-scroll-margin - Room kept around a focused control for a fixed header or bottom bar (default 6rem).
 * @cssproperty --koubei-question-gap - Space between questions (default 1.5rem).
 * @cssproperty --koubei-submit-height - Submit button height (default 2.75rem, never below 24px).
 */
export class KoubeiSurvey extends LitElement implements PlacementHost, StepsHost, SubmitHost {
  static override properties: PropertyDeclarations = {
    endpoint: { reflect: true },
    surveyId: { attribute: 'survey-id', reflect: true },
    submitLabel: { attribute: 'submit-label' },
    thankYou: { attribute: 'thank-you' },
    display: { reflect: true },
    position: { reflect: true },
    delay: { reflect: true },
    trigger: { reflect: true },
    oncePer: { attribute: 'once-per', reflect: true },
    recontactDays: { attribute: 'recontact-days', reflect: true },
    sample: { reflect: true },
    steps: { type: Boolean, reflect: true },
    prefill: { reflect: true },
    contextParams: { attribute: 'context-params', reflect: true },
  };

  static override styles = [
    tokens,
    placeholderStyles,
    buttonStyles,
    css`
      .base {
        display: flex;
        flex-direction: column;
        gap: var(--koubei-question-gap, 1.5rem);
      }
      .questions {
        display: flex;
        flex-direction: column;
        gap: var(--koubei-question-gap, 1.5rem);
      }
      .summary {
        padding: var(--_space);
        border: 3px solid var(--_error);
        border-radius: var(--_radius);
        color: var(--_text);
      }
      .summary:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      .summary-title {
        margin: 0 0 0.5rem;
        font-weight: 700;
        font-size: 1.0625em;
      }
      .summary ul {
        margin: 0;
        padding-inline-start: 1.25rem;
      }
      .summary-question {
        display: block;
        font-weight: 400;
      }
      .summary a {
        color: var(--_error);
        font-weight: 600;
        text-decoration: underline;
      }
      .footer {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.75rem;
      }
      .submit {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-block-size: max(24px, var(--koubei-submit-height, 2.75rem));
        min-inline-size: 6rem;
        padding-block: 0.5rem;
        padding-inline: 1.5rem;
        border: 2px solid var(--_accent);
        background: var(--_accent);
        color: var(--_on-accent);
        font-weight: 700;
      }
      .submit:hover {
        filter: brightness(1.08);
      }
      .submit[aria-disabled='true'] {
        cursor: progress;
        opacity: 0.7;
      }
      .save-error {
        margin: 0;
        color: var(--_error);
        font-weight: 600;
      }
      .thank-you {
        margin: 0;
        padding: var(--_space);
        border-radius: var(--_radius);
        background: var(--_surface);
        font-size: 1.125em;
        font-weight: 600;
        text-align: center;
      }
      @media (forced-colors: active) {
        .submit {
          border-color: ButtonText;
        }
      }
    `,
  ];

  /** Where responses are POSTed. Defaults to `data-endpoint` on the Koubei script tag. */
  endpoint?: string;
  /** Identifies the survey in every response. Required. */
  surveyId?: string;
  submitLabel?: string;
  thankYou?: string;
  /** `inline` (default) or `popover`: a card in a corner of the viewport, in the top layer, with a close button. */
  display?: string;
  /** Corner of the popover: `bottom-right` (default), `bottom-left` or `bottom`. */
  position?: string;
  /** Popover: seconds after load before the trigger is watched. */
  delay?: string;
  /** Popover: `load` (default), `idle`, `exit` or `scroll:<percent>`. */
  trigger?: string;
  /** `order`: never shown again for an order (`data-order-id`) answered or dismissed. */
  oncePer?: string;
  /** After an answer or a dismissal of this survey-id, wait this many days. */
  recontactDays?: string;
  /** Share of visitors asked (0–1), drawn once per visitor and kept. */
  sample?: string;
  /** One question per step with Back / Next and progress; kept across a reload until submitted. */
  steps = false;
  /** `url`: answers from the page's URL (`?nps=7`), validated; a score that arrives this way is recorded once a person is there (see presence.ts). */
  prefill?: string;
  /** URL parameters that become context fields, camelCased: `order-id,sig`. */
  contextParams?: string;

  /**
   * Set by the script tag: loads question elements that come on demand (koubei-choice) when this survey holds one
   * not defined yet; the survey sets up once they are there (show-when may depend on them).
   */
  static loadQuestions?: (survey: HTMLElement) => Promise<void> | undefined;

  /** The response sent, once submitted. */
  get response(): KoubeiResponse | undefined {
    return this._submit.response;
  }

  protected readonly _l10n = new LocalizeController(this);
  /** Every setting, parsed once per update; the one place that reports the survey's configuration errors. */
  private readonly _settings = new Settings(this);
  private readonly _questions = new QuestionSet(this);
  private readonly _gate = new RenderGate(this);
  private readonly _submit = new SubmitController(this);
  /** Loaded only when a setting asks for it (see features.ts); until then there is none. */
  private _placement?: PlacementController;
  private _steps?: StepsController;
  private _landing?: typeof import('./landing.js');
  private readonly _loads = new Map<string, Promise<void>>();
  private readonly _featureStyles: CSSResult[] = [];
  private _setUpDone = false;

  constructor() {
    super();
    // A customer's answer is also kept for a reload (steps).
    for (const t of ['input', 'change']) this.addEventListener(t, () => this._answersChanged(true, false));
    // Every value change, by the customer or by code: clears its error-summary entry, show-when, steps.
    this.addEventListener(ANSWER_EVENT, () => this._answersChanged(false, true), { capture: true });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // The questions are children: wait until the parser has added them.
    const setUp = () => void this._loadFeatures().then(() => this._setUp());
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp, { once: true });
    else setUp();
  }

  /** The question elements inside, in document order. */
  get questions(): SurveyQuestion[] {
    return this._questions.all;
  }

  /** The questions that count: not disabled, not hidden (a step not on screen counts). */
  protected _activeQuestions(): SurveyQuestion[] {
    return this._questions.active;
  }

  /** Submits as if the customer pressed the button. */
  requestSubmit(): Promise<KoubeiResponse | undefined> {
    return this._submit.requestSubmit();
  }

  // The typed host the controllers take (placement-controller.ts, steps.ts, questions.ts, submit.ts): internal.
  get __settings(): SurveySettings {
    return this._settings.current;
  }
  get __questions(): QuestionSet {
    return this._questions;
  }
  get __stepping(): boolean {
    return this.__settings.steps;
  }
  get __stepsKey(): string {
    return `koubei-steps:${this.__settings.id}`;
  }
  get __orderId(): string | undefined {
    return this._settings.context().orderId;
  }
  get __answered(): boolean {
    return this._submit.done;
  }
  get __locale(): string {
    return canonicalLocale(this._l10n.lang);
  }
  get __steps(): StepsController | undefined {
    return this._steps;
  }
  get __placement(): PlacementController | undefined {
    return this._placement;
  }
  __context(): Record<string, string> {
    return this._settings.context();
  }
  __notSent(id?: string): void {
    this._settings.notSent(id);
  }
  __report(attribute: string, message: string, value?: string | null): void {
    this._settings.report(attribute, message, value);
  }
  __reportOn(el: Element, attribute: string, message: string, value?: string | null): void {
    this._settings.reportOn(el, attribute, message, value);
  }
  __needShowWhen(): void {
    void this._loadFeatures();
  }
  __focusSummary(): void {
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }
  __focusThankYou(): void {
    this.renderRoot.querySelector<HTMLElement>('.thank-you')?.focus();
  }

  /** The code for the popover and frequency rules, for steps and for URL prefill, when this survey's settings use them. */
  private _loadFeatures(): Promise<unknown> {
    const s = this.__settings;
    return Promise.all([
      s.placement &&
        this._feature('display', loadPlacement, (m) => {
          this._placement = new m.PlacementController(this as PlacementHost);
          return m.placementStyles;
        }),
      s.steps &&
        this._feature('steps', loadSteps, (m) => {
          this._steps = new m.StepsController(this as StepsHost);
          this._answersChanged(false, false);
          return m.stepsStyles;
        }),
      // Email landing pages only; loaded with the first update, so the link's score is there when the survey shows.
      s.prefill && this._feature('prefill', loadPrefill, (m) => void (this._landing = m), 'nothing is prefilled from the link'),
      // Follow-up questions; until the code is here they stay hidden, without it they are shown.
      this.querySelector('[show-when]') &&
        this._feature(
          'show-when',
          () =>
            loadShowWhen().catch((err: unknown) => {
              this._questions.showWhen = false;
              this._answersChanged(false, false);
              throw err;
            }),
          (m) => {
            this._questions.showWhen = m.showWhen;
            this._answersChanged(false, false);
          },
          'the questions with show-when are shown',
        ),
    ]);
  }

  /**
   * Loads a feature (once) and adds its styles. Where it cannot be loaded (offline,
   * a file missing from the shop's copy of dist/), the survey still works
   * without it, inline and all questions at once, and says so.
   */
  private _feature<M>(
    attribute: string,
    load: () => Promise<M>,
    install: (m: M) => CSSResult | void,
    without = 'the survey is shown inline, all questions at once',
  ): Promise<void> {
    let loading = this._loads.get(attribute);
    if (!loading) {
      loading = (async () => {
        try {
          const styles = install(await load());
          if (styles) this._featureStyles.push(styles);
          adoptStyles(this.renderRoot as ShadowRoot, [...KoubeiSurvey.elementStyles, ...this._featureStyles]);
        } catch (err) {
          reportError(this, {
            reason: 'load',
            attribute,
            value: this.getAttribute(attribute),
            message: `its code could not be loaded from beside the Koubei script (${String(err)}); ${without}.`,
          });
        }
        this.requestUpdate();
      })();
      this._loads.set(attribute, loading);
    }
    return loading;
  }

  /** The first render waits until the parser has added every question, so the survey appears whole (no layout shift). */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) {
      // Features again once the questions are there: show-when is asked for by a question.
      await Promise.all([this._gate.ready().then(() => this._loadFeatures()), this._loadFeatures()]);
      this._setUp();
    }
    super.scheduleUpdate();
  }

  /** Answered before, URL prefill (and its partial response), steps kept from before a reload, show-when. */
  private _setUp(): void {
    if (this._setUpDone || !this.isConnected) return;
    const waiting = KoubeiSurvey.loadQuestions?.(this);
    if (waiting && this.querySelector(':not(:defined)')) return void waiting.then(() => this._setUp());
    this._setUpDone = true;
    const s = this.__settings;
    // once-per="order" (the placement feature) decides for itself, dismissals included, and says so.
    if (s.answeredKey && s.oncePer !== 'order' && wasAnswered(s.answeredKey)) return this._submit.answeredBefore();
    const land = s.prefill ? this._landing : undefined;
    let record = false;
    if (land) {
      // One record per link (its rid), else per survey and order: two orders' links in one tab stay apart.
      const { page, referrer, ...which } = this._settings.context();
      ({ partial: this._submit.partial, record } = land.landing(location.search, s.id, which, this.questions));
    }
    this._steps?.restore();
    this._answersChanged(false, false);
    // Never on load: mail scanners open every link of an email. Once a person is there (presence.ts), what the
    // link put on screen: its score and the answers kept from before, not what was typed meanwhile.
    if (land && record) {
      const shown = this._questions.answers();
      void land.whenPresent().then((how) => this._submit.recordPartial(how, shown));
    }
  }

  /** Follows the answers: show-when and the current step, the error summary, the steps kept for a reload. */
  private _answersChanged(save: boolean, checkAgain: boolean): void {
    // Not before setting up (which runs this): a question element still loading (koubei-choice) is not there yet.
    if (!this._setUpDone) return;
    this._questions.refresh();
    this._submit.answersChanged(checkAgain);
    if (this._steps) this.requestUpdate();
    if (save) this._steps?.save();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this._settings.update(changed.has('endpoint'));
    if (!this.hasUpdated) return;
    // Added at runtime (steps only on narrow screens, a popover after all): their code loads then.
    if (FEATURE_PROPERTIES.some((p) => changed.has(p))) void this._loadFeatures();
    if (changed.has('steps')) this._answersChanged(false, false);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    fitOnAccent(this.renderRoot.querySelector<HTMLElement>('.base'));
    // A question that rendered before this slotted it inherited no accent then: look again.
    for (const q of this.questions) fitOnAccent(q.shadowRoot?.querySelector<HTMLElement>('.base'));
  }

  private _renderSummary(): TemplateResult | typeof nothing {
    const { errors } = this._submit;
    if (errors.length < 2) return nothing;
    return html`<div class="summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <p class="summary-title" part="error-summary-title" id="summary-title">${this._l10n.t('errorSummary')}</p>
      <ul>
        ${errors.map(
          // The question's current message, so it follows a change of lang like the question's own.
          (e) =>
            html`<li>
              <a
                href="#"
                @click=${(ev: Event) => {
                  ev.preventDefault();
                  e.question.focusControl();
                }}
                ><span class="summary-question">${e.question.questionText}</span>
                <span class="summary-message">${e.question.check(false) || e.message}</span></a
              >
            </li>`,
        )}
      </ul>
    </div>`;
  }

  protected override render(): TemplateResult | typeof nothing {
    // A survey that placement keeps hidden (skipped, not yet decided, a closed popover) reserves no space.
    if (!this._gate.near && (this._placement?.visible ?? true)) return this._gate.placeholder(this.questions.length);
    return this._placement ? this._placement.wrap(this._renderSurvey(), this._l10n) : this._renderSurvey();
  }

  private _renderSurvey(): TemplateResult {
    const cls = `base ${this._l10n.theme}`;
    const { done, submitting, saveFailed, misconfigured } = this._submit;
    if (done) {
      return html`<div class=${cls} part="base" lang=${this._l10n.textLang} dir=${this._l10n.dir}>
        <p class="thank-you" part="thank-you" role="status" tabindex="-1">
          ${this.thankYou?.trim() || this._l10n.t('thankYou')}
        </p>
      </div>`;
    }
    const button = html`<button
      class="button submit"
      part="submit"
      type="button"
      aria-disabled=${submitting ? 'true' : 'false'}
      @click=${() => void this.requestSubmit()}
    >
      ${submitting ? this._l10n.t('submitting') : this.submitLabel?.trim() || this._l10n.t('submit')}
    </button>`;
    return html`<div class=${cls} part="base" lang=${this._l10n.textLang} dir=${this._l10n.dir}>
      ${this._renderSummary()}
      <div class="questions" part="questions"><slot @slotchange=${() => this._answersChanged(false, false)}></slot></div>
      <div class="footer" part="footer">
        ${this._steps ? this._steps.nav(button, this._l10n) : button}
        <p class="save-error" part="save-error" role="alert" ?hidden=${!saveFailed}>
          ${saveFailed ? this._l10n.t(misconfigured ? 'notSent' : 'saveFailed') : ''}
        </p>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'koubei-survey': KoubeiSurvey;
  }
}
