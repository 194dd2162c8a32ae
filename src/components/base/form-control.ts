import { html, LitElement, nothing, type PropertyDeclaration, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { ConfigReporter } from '../../events.js';
import { LocalizeController } from '../../i18n/controller.js';
import { questionGate } from './near-viewport.js';
import { fitOnAccent } from './on-accent.js';
import type { QuestionSpec } from '../../scoring/types.js';

/** A question's answer: a score, a text, or a choice's value (a single choice) or values (multiple). */
export type Answer = number | string | string[];

/** Internal: a question's value changed, by the customer or by code. */
export const ANSWER_EVENT = 'koubei-answer-changed';

/**
 * What `<koubei-survey>` needs from a question: its spec for scoring, its
 * answer, a check that can show an inline error, and a way to focus it.
 */
export interface SurveyQuestion extends HTMLElement {
  readonly spec: QuestionSpec;
  readonly answer: Answer | undefined;
  /** The question as shown. */
  readonly questionText: string;
  required: boolean;
  disabled: boolean;
  /** Validates; when `show`, the inline error appears. Returns the message or ''. */
  check(show: boolean): string;
  focusControl(): void;
  /** More answers this question gives (a choice's "other" text as `<name>-other`). */
  extraAnswers?(): { spec: QuestionSpec; answer: Answer }[];
}

/**
 * Base of every question: form-associated through ElementInternals, with
 * `name`, `value`, `required` and `disabled` that behave like a native
 * control's, localized through the nearest `lang`, and native `input` and
 * `change` events on user action only.
 *
 * @attr {string} show-when - Inside a survey: shown only when an earlier answer matches, e.g. `nps:detractor`, `delivery:1-2`.
 * @attr {'light' | 'dark' | 'auto'} theme - Light, dark, or `auto` (follows `prefers-color-scheme`); by default follows the page: dark only when the page's color-scheme (a `<meta name="color-scheme">` or the root element's) is dark. Also read from an ancestor.
 * @attr {string} lang - Language of the question (else the nearest ancestor's, else the page's).
 * @fires koubei-answer-changed - Any change of the answer, by the customer or by code; does not bubble (the survey listens in the capture phase).
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
 * @cssproperty --koubei-question-size - Question font size (default 1.0625em).
 * @cssproperty --koubei-question-weight - Question font weight (default 600).
 */
export abstract class FormControl<V extends Answer> extends LitElement implements SurveyQuestion {
  static override properties: PropertyDeclarations = {
    name: { reflect: true },
    question: {},
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
    value: { attribute: 'value' },
    _formDisabled: { state: true },
    _error: { state: true },
  };

  static formAssociated = true;

  protected readonly _internals: ElementInternals;
  protected readonly _l10n = new LocalizeController(this);

  /** Name submitted with a form and used as the answer key. */
  name = '';
  /** The question text; defaults to a localized standard wording. */
  question?: string;
  required = false;
  disabled = false;
  /** Current answer. The `value` attribute is also the value a form reset restores. */
  value: V | null = null;

  /** Disabled by an ancestor `<fieldset disabled>` or form. */
  protected _formDisabled = false;
  /** The visible inline error, set by `check(true)` or an `invalid` event. */
  protected _error = '';

  private readonly _config = new ConfigReporter(this);

  constructor() {
    super();
    this._internals = this.attachInternals();
    this.addEventListener('invalid', (e) => {
      this._error = this._validationMessage();
      // On a plain form's submit the browser focuses the first invalid control and shows its
      // (localized) message, as for native ones; the others show only their inline error.
      const form = this._internals.form;
      const first = form && [...form.elements].find((c) => (c as HTMLInputElement).willValidate && !(c as HTMLInputElement).validity.valid);
      if (first !== this) e.preventDefault();
    });
  }

  /** Inside a survey, the first render waits until the survey is near the viewport. */
  protected override async scheduleUpdate(): Promise<void> {
    if (!this.hasUpdated) await questionGate(this);
    super.scheduleUpdate();
  }

  abstract get spec(): QuestionSpec;

  /** Parses a raw value; undefined means invalid (reported by the caller). */
  protected abstract _parse(raw: unknown): V | null | undefined;
  /** Which validity flags fail for the current value, and why. */
  protected abstract _validityFlags(): { flags: ValidityStateFlags; message: string };
  /** The element `setValidity` anchors to and that focus goes to. */
  protected abstract _focusTarget(): HTMLElement | null | undefined;

  get form(): HTMLFormElement | null {
    return this._internals.form;
  }
  get validity(): ValidityState {
    return this._internals.validity;
  }
  get validationMessage(): string {
    return this._internals.validationMessage;
  }
  get willValidate(): boolean {
    return this._internals.willValidate;
  }
  checkValidity(): boolean {
    return this._internals.checkValidity();
  }
  reportValidity(): boolean {
    const ok = this._internals.checkValidity();
    if (!ok) this.focusControl();
    return ok;
  }

  get answer(): Answer | undefined {
    // Parsed here too: a question not rendered yet (far below the fold) still holds the attribute's string.
    return this.value === null ? undefined : (this._parse(this.value) ?? undefined);
  }

  /** True when the customer cannot change the answer. */
  protected get _isDisabled(): boolean {
    return this.disabled || this._formDisabled;
  }

  check(show: boolean): string {
    const message = this._validationMessage();
    if (show) this._error = message;
    return message;
  }

  focusControl(): void {
    const t = this._focusTarget();
    if (t) {
      t.focus();
      t.scrollIntoView?.({ block: 'nearest' });
    } else this.focus();
  }

  override focus(options?: FocusOptions): void {
    const t = this._focusTarget();
    if (t) t.focus(options);
    else super.focus(options);
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  formResetCallback(): void {
    this.value = this._parse(this.getAttribute('value')) ?? null;
    this._error = '';
  }

  formStateRestoreCallback(state: string | null): void {
    this.value = this._parse(state) ?? null;
  }

  /** Reports a bad attribute once per distinct value. */
  protected _badAttribute(attribute: string, message: string, value?: string | null): void {
    this._config.report(attribute, message, value === undefined ? this.getAttribute(attribute) : value);
  }

  protected _validationMessage(): string {
    return this._isDisabled ? '' : this._validityFlags().message;
  }

  private _validity: { flags: ValidityStateFlags; message: string } = { flags: {}, message: '' };

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Frameworks set properties with the template's types: "false" or "true" for a boolean is what it says.
    for (const k of ['required', 'disabled'] as const) if (typeof this[k] === 'string') this[k] = (this[k] as unknown as string) !== 'false';
    // Reflect `disabled` before render: the browser answers with formDisabledCallback
    // at once, whereas Lit reflects after render and the re-enabled state was lost.
    if (changed.has('disabled')) this.toggleAttribute('disabled', this.disabled);
    // Checked on every update, not only when `value` changes: `points` can shrink under it.
    if (this.value !== null) {
      const parsed = this._parse(this.value);
      if (parsed === undefined) {
        this._badAttribute('value', `${JSON.stringify(this.value)} is not a valid answer for this question; it was ignored.`);
        this.value = null;
      } else this.value = parsed;
    }
    this._validity = this._validityFlags();
    // An error the customer fixed goes away; one still true keeps its latest wording.
    const message = this._isDisabled ? '' : this._validity.message;
    if (this._error && message !== this._error) this._error = message;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // The survey follows every answer, also one set by code (which fires no input/change): show-when, steps.
    // Not bubbling: the survey hears it in the capture phase, the page does not.
    if (changed.has('value')) this.dispatchEvent(new Event(ANSWER_EVENT));
    this._syncForm(this._validity);
    fitOnAccent(this.renderRoot.querySelector<HTMLElement>('.base'));
  }

  /** Code that sets `value` and calls form.checkValidity() at once gets the new answer, as from a native input. */
  override requestUpdate(name?: PropertyKey, oldValue?: unknown, options?: PropertyDeclaration): void {
    super.requestUpdate(name, oldValue, options);
    // Before the first update the language is not resolved yet; that update syncs.
    if (this.hasUpdated && (name === 'value' || name === 'required')) this._syncForm(this._validityFlags());
  }

  /** What a plain `<form>` submits: what the payload would send (text trimmed), null for no answer. */
  protected _formValue(): string | FormData | null {
    const a = this.answer;
    return a === undefined ? null : String(a);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Moved into (or out of) a survey after rendering: it joins or leaves an enclosing form.
    if (this.hasUpdated) this._syncForm(this._validityFlags());
  }

  private _syncForm({ flags, message }: { flags: ValidityStateFlags; message: string }): void {
    // Inside a survey the survey sends the answers: a page-wide <form> around it (a checkout, ASP.NET WebForms)
    // neither carries them (nps=9&comment=… beside the shop's own fields, a name that collides with its order note)
    // nor is blocked by an unanswered feedback question.
    const own = !this.closest('koubei-survey');
    this._internals.setFormValue(own ? this._formValue() : null);
    if (message && own) this._internals.setValidity(flags, message, this._focusTarget() ?? undefined);
    else this._internals.setValidity({});
  }

  /** Sets the value from a customer action and fires native-like events. */
  protected _commit(value: V | null, fireChange = true): void {
    if (this._isDisabled || value === this.value) return;
    this.value = value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    if (fireChange) this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  /** The localized standard wording used when `question` is not set. */
  protected abstract _defaultQuestion(): string;

  get questionText(): string {
    return this.question?.trim() || this._defaultQuestion();
  }

  protected _renderQuestion(id: string, text: string, tag: 'div' | 'label' = 'div'): TemplateResult {
    const marker = this.required ? html` <span class="required" part="required">${this._l10n.t('required')}</span>` : nothing;
    return tag === 'label'
      ? html`<label class="question" part="question" id=${id} for="control">${text}${marker}</label>`
      : html`<div class="question" part="question" id=${id}>${text}${marker}</div>`;
  }

  protected _renderError(): TemplateResult {
    return html`<div class="error" part="error" id="error" ?hidden=${!this._error}>
      <span class="visually-hidden">${this._l10n.t('errorPrefix')}</span>${this._error}
    </div>`;
  }

  /** The classes of the root: theme and state. */
  protected _baseClass(): string {
    // Inside a survey the survey's own root has the dark theme's padding: a question is not padded again.
    return `base ${this._l10n.theme}${this.closest('koubei-survey') ? ' nested' : ''}${this._isDisabled ? ' disabled' : ''}${this._error ? ' invalid' : ''}`;
  }
}
