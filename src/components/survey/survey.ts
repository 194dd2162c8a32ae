import { adoptStyles, css, html, LitElement, nothing, type CSSResult, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { defaultEndpoint } from '../../config.js';
import { ConfigReporter, emit, reportError } from '../../events.js';
import { loadPlacement, loadPrefill, loadSteps } from '../../features.js';
import { LocalizeController } from '../../i18n/controller.js';
import { submit } from '../../outbox/index.js';
import type { KoubeiResponse } from '../../schema.js';
import { ANSWER_EVENT, type SurveyQuestion } from '../base/form-control.js';
import { holdQuestions, settle } from '../base/near-viewport.js';
import { fitOnAccent } from '../base/on-accent.js';
import { tokens } from '../base/tokens.styles.js';
import type { PlacementController } from './placement-controller.js';
import type { PartialResponse } from './prefill.js';
import type { Presence } from './presence.js';
import { badKey, buildResponse, contextFromDataset, contextFromUrl, isEndpoint, pageContext, type BuildInput } from './response.js';
import { answeredKey, markAnswered, wasAnswered } from './answered.js';
import { applyShowWhen } from './show-when.js';
import type { StepsController } from './steps.js';

export const QUESTION_SELECTOR = 'koubei-nps, koubei-likert, koubei-text, koubei-choice';

/** What a question adds to the response: its own answer and any more it gives (a choice's "other" text). */
const answersOf = (qs: readonly SurveyQuestion[]) => qs.flatMap((q) => [{ spec: q.spec, answer: q.answer }, ...(q.extraAnswers?.() ?? [])]);

/** Properties whose code loads on demand (features.ts): the popover, timing and frequency rules; steps. */
const PLACEMENT_PROPERTIES = ['display', 'position', 'delay', 'trigger', 'oncePer', 'recontactDays', 'sample'] as const;
const FEATURE_PROPERTIES = [...PLACEMENT_PROPERTIES, 'steps'] as const;

interface QuestionError {
  question: SurveyQuestion;
  message: string;
}

function canonicalLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
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
export class KoubeiSurvey extends LitElement {
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
    _errors: { state: true },
    _submitting: { state: true },
    _saveFailed: { state: true },
    _misconfigured: { state: true },
    _done: { state: true },
    _near: { state: true },
  };

  static override styles = [
    tokens,
    css`
      .reserve {
        display: flex;
        flex-direction: column;
        gap: var(--koubei-question-gap, 1.5rem);
      }
      .reserve > div {
        block-size: 5rem;
      }
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
        all: revert;
        box-sizing: border-box;
        display: inline-flex;
        align-items: center;
        justify-content: center;
        min-block-size: max(24px, var(--koubei-submit-height, 2.75rem));
        min-inline-size: 6rem;
        margin: 0;
        padding-block: 0.5rem;
        padding-inline: 1.5rem;
        border: 2px solid var(--_accent);
        border-radius: var(--_radius);
        background: var(--_accent);
        color: var(--_on-accent);
        font: inherit;
        font-weight: 700;
        cursor: pointer;
      }
      .submit:hover {
        filter: brightness(1.08);
      }
      .submit:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 3px;
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

  private _errors: QuestionError[] = [];
  private _submitting = false;
  private _saveFailed = false;
  /** The survey's own setup keeps the response from being sent (reported as config): trying again cannot help. */
  private _misconfigured = false;
  private _done = false;
  /** Near the viewport: the questions render; until then a placeholder of about their height. */
  private _near = false;

  /**
   * Set by the script tag: loads question elements that come on demand (koubei-choice) when this survey holds one
   * not defined yet; the survey sets up once they are there (show-when may depend on them).
   */
  static loadQuestions?: (survey: HTMLElement) => Promise<void> | undefined;

  /** The response sent, once submitted. */
  response?: KoubeiResponse;

  protected readonly _l10n = new LocalizeController(this);
  private readonly _config = new ConfigReporter(this);
  /** Loaded only when an attribute asks for it (see features.ts); until then there is none. */
  private _placement?: PlacementController;
  private _steps?: StepsController;
  private _placementLoad?: Promise<void>;
  private _stepsLoad?: Promise<void>;
  private _prefillLoad?: Promise<void>;
  /** prefill="url" (landing.ts), loaded on demand. */
  private _landing?: typeof import('./landing.js');
  private readonly _featureStyles: CSSResult[] = [];
  private _partial?: PartialResponse;
  private _setUpDone = false;
  private readonly _duplicates = new WeakSet<SurveyQuestion>();

  constructor() {
    super();
    holdQuestions(this);
    // A customer's answer is also kept for a reload (steps).
    for (const t of ['input', 'change']) this.addEventListener(t, () => this._answersChanged());
    // Every value change, by the customer or by code: clears its error-summary entry, show-when, steps.
    this.addEventListener(
      ANSWER_EVENT,
      () => {
        if (!this._setUpDone) return;
        this._refreshErrors();
        this._answersChanged(false);
      },
      { capture: true },
    );
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('storage', this._onStorage);
    // The questions are children: wait until the parser has added them.
    const setUp = () => void this._loadFeatures().then(() => this._setUp());
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp, { once: true });
    else setUp();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('storage', this._onStorage);
  }

  /** survey-id as text: a framework may set the property to a number. */
  private _sid(): string | undefined {
    return this.surveyId === undefined || this.surveyId === null ? undefined : String(this.surveyId).trim();
  }

  /** The key that remembers an answer for this survey and order (see answered.ts); none with once-per="none". */
  private _answeredKey(): string | undefined {
    const id = this._sid();
    const order = this.dataset.orderId;
    return id && order && this.oncePer?.trim() !== 'none' ? answeredKey(id, order) : undefined;
  }

  /** Answered before (a reload, another tab): the thank-you instead of the questions. */
  private _answeredBefore(): void {
    if (this._done || this._submitting) return;
    this._done = true;
    emit(this, 'koubei-skip', { surveyId: this._sid()!, reason: 'answered' });
  }

  /** Another tab answered this survey for this order while it is open here. */
  private readonly _onStorage = (e: StorageEvent): void => {
    if (e.key !== null && e.newValue !== null && e.key === this._answeredKey()) this._answeredBefore();
  };

  /** The code for the popover and frequency rules, and for steps, when this survey's attributes use them. */
  private _loadFeatures(): Promise<unknown> {
    return Promise.all([
      // Properties, not attributes: set by code before connecting, they are reflected only at the first update.
      PLACEMENT_PROPERTIES.some((p) => this[p] != null && !(p === 'oncePer' && this.oncePer === 'none')) &&
        (this._placementLoad ??= this._feature('display', loadPlacement, (m) => {
          this._placement = new m.PlacementController(this, {
            orderId: () => this._context().orderId,
            answered: () => this._done,
          });
          return m.placementStyles;
        })),
      this.steps && this._loadSteps(),
      // Email landing pages only; loaded with the first update, so the link's score is there when the survey shows.
      this.prefill === 'url' &&
        (this._prefillLoad ??= this._feature('prefill', loadPrefill, (m) => void (this._landing = m), 'nothing is prefilled from the link')),
    ]);
  }

  private _loadSteps(): Promise<void> {
    return (this._stepsLoad ??= this._feature('steps', loadSteps, (m) => {
      this._steps = new m.StepsController(this, {
        all: () => this.questions,
        active: () => this._activeQuestions(),
        key: () => `koubei-steps:${this.surveyId ?? ''}`,
      });
      return m.stepsStyles;
    }));
  }

  /**
   * Loads a feature and adds its styles. Where it cannot be loaded (offline,
   * a file missing from the shop's copy of dist/), the survey still works
   * without it, inline and all questions at once, and says so.
   */
  private async _feature<M>(
    attribute: string,
    load: () => Promise<M>,
    install: (m: M) => CSSResult | void,
    without = 'the survey is shown inline, all questions at once',
  ): Promise<void> {
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
  }

  /** The first render waits until the parser has added every question, so the survey appears whole (no layout shift). */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) {
      [this._near] = await Promise.all([settle(this, () => (this._near = true)), this._loadFeatures()]);
      this._setUp();
    }
    super.scheduleUpdate();
  }

  /** URL prefill (and its partial response), steps kept from before a reload, show-when. */
  private _setUp(): void {
    if (this._setUpDone || !this.isConnected) return;
    const waiting = KoubeiSurvey.loadQuestions?.(this);
    if (waiting && this.querySelector(':not(:defined)')) return void waiting.then(() => this._setUp());
    this._setUpDone = true;
    // once-per="order" (the placement feature) decides for itself, dismissals included, and says so.
    const key = this._answeredKey();
    if (key && this.oncePer !== 'order' && wasAnswered(key)) return this._answeredBefore();
    let record = false;
    const land = this._landing;
    if (this.prefill === 'url') {
      if (land) {
        // One record per link (its rid), else per survey and order: two orders' links in one tab stay apart.
        const { page, referrer, ...which } = this._context();
        ({ partial: this._partial, record } = land.landing(location.search, this._sid() ?? '', which, this.questions));
      }
    } else if (this.prefill) this._config.report('prefill', 'must be "url"; nothing is prefilled.');
    this._steps?.restore();
    this._answersChanged(false);
    // Never on load: mail scanners open every link of an email. Once a person is there (presence.ts), what the
    // link put on screen: its score and the answers kept from before, not what was typed meanwhile.
    if (record) {
      const shown = answersOf(this._answerable());
      void land!.whenPresent().then((how) => this._recordPartial(how, shown));
    }
  }

  /** Follows the answers: show-when, the current step, and the steps kept for a reload. */
  private _answersChanged(save = true): void {
    // Not before setting up (which runs this): a question element still loading (koubei-choice) is not there yet.
    if (!this._setUpDone) return;
    applyShowWhen(this.questions);
    this._answerable();
    if (this._errors.length) this._errors = this._errors.filter((e) => !e.question.hidden);
    this._steps?.sync();
    if (save) this._steps?.save();
  }

  private _context(): Record<string, string> {
    const fromUrl = contextFromUrl(location.search, this.contextParams ?? null, (name) =>
      this._config.report('context-params', `lists "${name}", which cannot be a context field name; that parameter is not sent.`, this.contextParams ?? null),
    );
    const fromData = contextFromDataset(this.dataset, (key, problem) => {
      const attribute = `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      this._config.report(attribute, `${problem}; this field is not sent: name it differently.`);
    });
    return { ...fromUrl, ...fromData, ...pageContext() };
  }

  /** Records a score that arrived by link, with the answers kept from before, as complete: false (see PartialResponse). */
  private async _recordPartial(how: Presence, questions: BuildInput['questions']): Promise<void> {
    const surveyId = this._surveyId();
    if (!surveyId || !this._partial || !this.isConnected || this._done || this._submitting) return;
    this._partial.confirmed = how;
    const response = this._partial.partial(
      buildResponse({
        surveyId,
        locale: canonicalLocale(this._l10n.lang),
        questions,
        context: this._context(),
      }),
    );
    if (!response) return;
    const endpoint = emit(this, 'koubei-submit', response, true) && this._endpoint();
    // The page took it over; else remembered only once stored (a failed write leaves the score to record again).
    if (endpoint === false) return this._partial.stored(response);
    if (!endpoint) return;
    try {
      await submit(response, { endpoint });
      this._partial.stored(response);
    } catch (err) {
      this._storeFailed(err, response.id);
    }
  }

  /** The outbox reports its own refusals (quota); anything else is reported here, once. */
  private _storeFailed(err: unknown, id: string): void {
    if ((err as { reason?: string } | null)?.reason) return;
    reportError(this, { reason: 'storage', message: `the response could not be stored: ${String(err)}`, ids: [id] });
  }

  /** The question elements inside, in document order. */
  get questions(): SurveyQuestion[] {
    return [...this.querySelectorAll<SurveyQuestion & Element>(QUESTION_SELECTOR)].filter(
      (q): q is SurveyQuestion & Element => typeof (q as Partial<SurveyQuestion>).check === 'function',
    );
  }

  /** The questions that count: not disabled, not hidden. */
  protected _activeQuestions(): SurveyQuestion[] {
    return this.questions.filter((q) => !q.disabled && !q.hidden && !q.closest('[hidden]'));
  }

  /**
   * The active questions, one per name: answers are keyed by name, so a second
   * question with the same name (two Likerts left at the default `csat`) would
   * overwrite the first or fail scoring. The first wins; the others are reported.
   * Two with one name behind different show-when conditions are fine.
   */
  private _answerable(): SurveyQuestion[] {
    const seen = new Set<string>();
    return this._activeQuestions().filter((q) => {
      const name = q.spec.name;
      const problem = badKey(name) || (seen.has(name) ? 'another question in this survey already has this name; give each question its own name' : '');
      if (!problem) return seen.add(name);
      if (!this._duplicates.has(q)) {
        this._duplicates.add(q);
        reportError(q, { reason: 'config', attribute: 'name', value: name, message: `${problem}. This answer is not sent.` });
      }
      return false;
    });
  }

  private _endpoint(): string | undefined {
    // The property: set by code (Vue, React 19) it has no attribute until the first update reflects it.
    const own = this.endpoint ?? null;
    const value = own ?? defaultEndpoint();
    if (value === undefined || value === null) {
      this._config.report('endpoint', 'is missing: set endpoint="…" here or data-endpoint="…" on the Koubei script tag. Responses are not sent anywhere.');
      return undefined;
    }
    if (!isEndpoint(value)) {
      // A page opened from a file (file:///…) resolves /api/feedback to a file too: say so rather than "not a URL".
      const base = document.baseURI.split(/[?#]/)[0];
      const fromFile = !/^[a-z][a-z\d+.-]*:/i.test(value) && !/^https?:/.test(base)
        ? `is relative, and this page's address (${base}) is not http(s): open the page from a web server, or use an absolute https:// URL.`
        : undefined;
      if (own !== null) this._config.report('endpoint', fromFile ?? 'is not a URL: use an https:// URL or a page-relative path such as /api/feedback.', own);
      else reportError(this, { reason: 'config', attribute: 'data-endpoint', value, message: `on the Koubei script tag ${fromFile ?? 'is not a URL.'}` });
      return undefined;
    }
    return value;
  }

  private _surveyId(): string | undefined {
    const id = this._sid();
    if (!id) {
      this._config.report('survey-id', 'is required: give each survey a stable id, e.g. survey-id="post-purchase".');
      return undefined;
    }
    if (id.length > 200) {
      this._config.report('survey-id', 'must be at most 200 characters.');
      return undefined;
    }
    return id;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // On the first update too: a survey-id never set is not in `changed`, but it is missing.
    if (changed.has('surveyId') || !this.hasUpdated) this._surveyId();
    if (changed.has('endpoint')) this._endpoint();
    // Added at runtime (steps only on narrow screens, a popover after all): their code loads then.
    if (this.hasUpdated && FEATURE_PROPERTIES.some((p) => changed.has(p))) void this._loadFeatures();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    fitOnAccent(this.renderRoot.querySelector<HTMLElement>('.base'));
    // A question that rendered before this slotted it inherited no accent then: look again.
    for (const q of this.questions) fitOnAccent(q.shadowRoot?.querySelector<HTMLElement>('.base'));
  }

  private _refreshErrors(): void {
    if (!this._errors.length) return;
    this._errors = this._errors.filter((e) => e.question.check(false) !== '');
  }

  /** Submits as if the customer pressed the button. */
  async requestSubmit(): Promise<KoubeiResponse | undefined> {
    if (this._done || this._submitting) return undefined;
    const surveyId = this._surveyId();
    const questions = this._activeQuestions();
    const errors: QuestionError[] = [];
    for (const q of questions) {
      const message = q.check(true);
      if (message) errors.push({ question: q, message });
    }
    this._errors = errors;
    if (errors.length) {
      this._steps?.show(errors[0].question);
      await this.updateComplete;
      if (errors.length >= 2) this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
      else errors[0].question.focusControl();
      return undefined;
    }
    if (!surveyId) return this._notSent('survey-id');

    let built: KoubeiResponse;
    try {
      built = buildResponse({
        surveyId,
        locale: canonicalLocale(this._l10n.lang),
        questions: answersOf(this._answerable()),
        context: this._context(),
      });
    } catch (err) {
      // Never into the page: every question's answer is parsed already, so this is a setup Koubei did not foresee.
      reportError(this, { reason: 'config', message: `the answers could not be scored (${String(err)}); nothing was sent.` });
      this._saveFailed = this._misconfigured = true;
      return undefined;
    }
    // After a partial response (a score by link), the same id with the next revision.
    const response = this._partial?.complete(built) ?? built;
    if (!emit(this, 'koubei-submit', response, true)) {
      this._partial?.stored(response);
      this.response = response;
      this._finish();
      return response;
    }
    const endpoint = this._endpoint();
    // Nowhere to send it: thanking the customer would lose the answers unseen.
    if (!endpoint) return this._notSent(this.endpoint != null || defaultEndpoint() === undefined ? 'endpoint' : 'data-endpoint', response.id);
    this._submitting = true;
    this._saveFailed = this._misconfigured = false;
    try {
      await submit(response, { endpoint });
      this._partial?.stored(response);
    } catch (err) {
      this._submitting = false;
      this._saveFailed = true;
      // Keep the answers on screen: the customer can try again.
      this._storeFailed(err, response.id);
      return undefined;
    }
    this.response = response;
    this._finish();
    return response;
  }

  /**
   * A submit the survey's attributes keep from being sent: reported each time (the load-time report may have gone
   * unseen), and the customer is not asked to try again.
   */
  private _notSent(attribute: string, id?: string): undefined {
    this._saveFailed = this._misconfigured = true;
    reportError(this, {
      reason: 'config',
      attribute,
      value: attribute === 'data-endpoint' ? (defaultEndpoint() ?? null) : attribute === 'endpoint' ? (this.endpoint ?? null) : this.getAttribute(attribute),
      message: 'the customer submitted, but because of this attribute the response was not stored or sent: their answers are lost until it is fixed.',
      ...(id && { ids: [id] }),
    });
    return undefined;
  }

  private _finish(): void {
    this._submitting = false;
    this._done = true;
    const key = this._answeredKey();
    if (key) markAnswered(key);
    this._placement?.answered();
    this._steps?.clear();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.thank-you')?.focus());
  }

  private _renderSummary(): TemplateResult | typeof nothing {
    if (this._errors.length < 2) return nothing;
    return html`<div class="summary" part="error-summary" role="alert" tabindex="-1" aria-labelledby="summary-title">
      <p class="summary-title" part="error-summary-title" id="summary-title">${this._l10n.t('errorSummary')}</p>
      <ul>
        ${this._errors.map(
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
    if (!this._near && (this._placement?.visible ?? true)) return html`<div class="reserve" part="base">${this.questions.map(() => html`<div></div>`)}<div></div></div>`;
    return this._placement ? this._placement.wrap(this._renderSurvey(), this._l10n) : this._renderSurvey();
  }

  private _nav(submit: TemplateResult): TemplateResult {
    return this._steps ? this._steps.nav(submit, this._l10n) : submit;
  }

  private _renderSurvey(): TemplateResult {
    const cls = `base ${this._l10n.theme}`;
    if (this._done) {
      return html`<div class=${cls} part="base" lang=${this._l10n.textLang} dir=${this._l10n.dir}>
        <p class="thank-you" part="thank-you" role="status" tabindex="-1">
          ${this.thankYou?.trim() || this._l10n.t('thankYou')}
        </p>
      </div>`;
    }
    return html`<div class=${cls} part="base" lang=${this._l10n.textLang} dir=${this._l10n.dir}>
      ${this._renderSummary()}
      <div class="questions" part="questions"><slot @slotchange=${() => this._answersChanged(false)}></slot></div>
      <div class="footer" part="footer">
        ${this._nav(
          html`<button
            class="submit"
            part="submit"
            type="button"
            aria-disabled=${this._submitting ? 'true' : 'false'}
            @click=${() => void this.requestSubmit()}
          >
            ${this._submitting ? this._l10n.t('submitting') : this.submitLabel?.trim() || this._l10n.t('submit')}
          </button>`,
        )}
        <p class="save-error" part="save-error" role="alert" ?hidden=${!this._saveFailed}>
          ${this._saveFailed ? this._l10n.t(this._misconfigured ? 'notSent' : 'saveFailed') : ''}
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
