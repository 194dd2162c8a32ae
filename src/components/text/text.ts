import { css, html, type PropertyValues, type PropertyDeclarations, type TemplateResult } from 'lit';
import { graphemeLength } from '../../scoring/graphemes.js';
import type { QuestionSpec } from '../../scoring/types.js';
import { FormControl, type Answer } from '../base/form-control.js';
import { questionStyles, tokens } from '../base/tokens.styles.js';

/**
 * Characters as the customer sees them, without the spaces at the ends: the answer is sent trimmed. One keystroke
 * asks several times (counter, validity, form value) for the same text: the last answer is kept.
 */
let last = { text: '', n: 0 };
const counted = (text: string): number => (text === last.text ? last.n : (last = { text, n: graphemeLength(text.trim()) }).n);

const DEFAULT_MAX = 1000;
const DEFAULT_ROWS = 4;
/** The live region speaks only after typing pauses this long (GOV.UK uses 1 s). */
const ANNOUNCE_DELAY = 1000;

/**
 * Open-text feedback with a character count in user-perceived characters (one
 * Chinese character or one emoji is one). Follows the GOV.UK character-count
 * pattern: a static hint, a visible counter hidden from screen readers and a
 * polite live region that speaks when typing pauses. No native `maxlength`:
 * going over is shown and blocks submit, it never cuts the customer's text.
 * IME-aware: nothing is counted mid-composition (pinyin, zhuyin, cangjie).
 *
 * @tag koubei-text
 * @fires input - The customer typed (after IME composition ends).
 * @fires change - The customer committed a change (on blur).
 * @fires koubei-error - A bad attribute (detail: reason, attribute, value, message).
 * @csspart base - The root.
 * @csspart question - The question label.
 * @csspart required - The required marker.
 * @csspart hint - The static "up to N characters" hint.
 * @csspart textarea - The text box.
 * @csspart counter - The visible remaining-characters counter.
 * @csspart error - The inline error.
 */
export class KoubeiText extends FormControl<string> {
  static override properties: PropertyDeclarations = {
    placeholder: {},
    maxlength: { attribute: 'maxlength' },
    rows: {},
    _count: { state: true },
    _announcement: { state: true },
  };

  static override styles = [
    tokens,
    questionStyles,
    css`
      .hint {
        display: block;
        margin-block: -0.25rem 0.375rem;
        color: var(--_muted);
        font-size: 0.875em;
      }
      textarea {
        display: block;
        inline-size: 100%;
        min-block-size: 3rem;
        margin: 0;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
        font: inherit;
        line-height: 1.5;
        resize: vertical;
      }
      textarea:focus-visible {
        outline: 3px solid var(--_focus);
        outline-offset: 2px;
      }
      .invalid textarea {
        border-color: var(--_error);
        border-width: 2px;
      }
      textarea:disabled {
        opacity: 0.6;
        cursor: not-allowed;
      }
      .counter {
        display: block;
        margin-block-start: 0.25rem;
        color: var(--_muted);
        font-size: 0.875em;
      }
      .counter.over {
        color: var(--_error);
        font-weight: 700;
      }
      @media (forced-colors: active) {
        textarea {
          border-color: ButtonText;
        }
      }
    `,
  ];

  override name = 'comment';
  placeholder?: string;
  /** Limit in user-perceived characters (default 1000). */
  maxlength?: string;
  rows?: string;

  /** Count shown by the counter; frozen while an IME composes. */
  private _count = 0;
  /** What the live region says; updated only after typing pauses. */
  private _announcement = '';
  private _composing = false;
  private _announceTimer?: ReturnType<typeof setTimeout>;

  override get spec(): QuestionSpec {
    return { name: this.name, type: 'text' };
  }

  override get answer(): Answer | undefined {
    const v = this.value?.trim();
    return v ? v : undefined;
  }

  get max(): number {
    if (this.maxlength === undefined || this.maxlength === null) return DEFAULT_MAX;
    const n = Number(this.maxlength);
    if (Number.isInteger(n) && n >= 1) return n;
    this._badAttribute('maxlength', `must be a whole number of at least 1; using ${DEFAULT_MAX}.`);
    return DEFAULT_MAX;
  }

  private get _rows(): number {
    if (this.rows === undefined || this.rows === null) return DEFAULT_ROWS;
    const n = Number(this.rows);
    if (Number.isInteger(n) && n >= 1 && n <= 50) return n;
    this._badAttribute('rows', `must be a whole number from 1 to 50; using ${DEFAULT_ROWS}.`);
    return DEFAULT_ROWS;
  }

  protected override _parse(raw: unknown): string | null | undefined {
    if (raw === null || raw === undefined) return null;
    return String(raw);
  }

  protected override _validityFlags(): { flags: ValidityStateFlags; message: string } {
    if (this.required && !this.answer) return { flags: { valueMissing: true }, message: this._l10n.t('requiredText') };
    if (counted(this.value ?? '') > this.max) {
      return { flags: { tooLong: true }, message: this._l10n.t('tooLong', { max: this.max }) };
    }
    return { flags: {}, message: '' };
  }

  protected override _focusTarget(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector('textarea');
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._announceTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Code that sets `value` updates the count at once; typing goes through _recount.
    if (changed.has('value') && !this._composing) this._count = counted(this.value ?? '');
  }

  private _counterText(): string {
    const left = this.max - this._count;
    if (left >= 0) return left === 1 ? this._l10n.t('textRemainingOne') : this._l10n.t('textRemaining', { n: left });
    return left === -1 ? this._l10n.t('textOverOne') : this._l10n.t('textOver', { n: -left });
  }

  private _onInput(e: InputEvent): void {
    e.stopPropagation(); // re-dispatched from the host by _commit
    const ta = e.target as HTMLTextAreaElement;
    // Mid-composition the text is not the customer's yet: count it when the composition ends.
    if (this._composing || e.isComposing) return;
    this._recount(ta.value);
  }

  private _recount(text: string): void {
    this._commit(text, false);
    this._count = counted(text);
    clearTimeout(this._announceTimer);
    this._announceTimer = setTimeout(() => (this._announcement = this._counterText()), ANNOUNCE_DELAY);
  }

  private _onCompositionStart(): void {
    this._composing = true;
  }

  private _onCompositionEnd(e: CompositionEvent): void {
    this._composing = false;
    this._recount((e.target as HTMLTextAreaElement).value);
  }

  private _onKeydown(e: KeyboardEvent): void {
    // Enter confirms an IME candidate (Safari fires it after compositionend, with keyCode 229).
    if (e.key === 'Enter' && (this._composing || e.isComposing || e.keyCode === 229)) {
      e.stopPropagation();
      return;
    }
    // Enter in a text box adds a line; it must never reach a survey or form as a submit.
    if (e.key === 'Enter') e.stopPropagation();
  }

  private _changedSinceFocus = false;
  /** As a native text box: change on blur only when the text differs from what it was at focus. */
  private _valueAtFocus: string | null = null;
  private _onFocus(): void {
    this._changedSinceFocus = false;
    this._valueAtFocus = this.value;
  }

  protected override _commit(value: string | null, fireChange = true): void {
    const before = this.value;
    super._commit(value, fireChange);
    if (this.value !== before) this._changedSinceFocus = true;
  }

  private _onBlur(): void {
    if (this._changedSinceFocus && (this.value ?? '') !== (this._valueAtFocus ?? '')) {
      this._changedSinceFocus = false;
      this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    }
  }

  protected override _defaultQuestion(): string {
    return this._l10n.t('textQuestion');
  }

  protected override render(): TemplateResult {
    const over = this._count > this.max;
    const describedBy = ['hint', this._error ? 'error' : ''].filter(Boolean).join(' ');
    return html`<div class=${this._baseClass()} part="base" lang=${this._l10n.textLang} dir=${this._l10n.dir}>
      ${this._renderQuestion('question', this.questionText, 'label')}
      <span class="hint" part="hint" id="hint">${this._l10n.t('textHint', { max: this.max })}</span>
      <textarea
        id="control"
        part="textarea"
        rows=${this._rows}
        placeholder=${this.placeholder ?? ''}
        .value=${this.value ?? ''}
        ?disabled=${this._isDisabled}
        ?required=${this.required}
        aria-describedby=${describedBy}
        aria-invalid=${this._error ? 'true' : 'false'}
        @input=${this._onInput}
        @change=${(e: Event) => e.stopPropagation()}
        @compositionstart=${this._onCompositionStart}
        @compositionend=${this._onCompositionEnd}
        @keydown=${this._onKeydown}
        @focus=${this._onFocus}
        @blur=${this._onBlur}
      ></textarea>
      <span class="counter ${over ? 'over' : ''}" part="counter" aria-hidden="true">${this._counterText()}</span>
      <span class="visually-hidden" aria-live="polite">${this._announcement}</span>
      ${this._renderError()}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'koubei-text': KoubeiText;
  }
}
