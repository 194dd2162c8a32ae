import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { QuestionSpec } from '../../scoring/types.js';
import { ANSWER_EVENT, FormControl, type Answer } from '../base/form-control.js';
import { questionStyles, tokens } from '../base/tokens.styles.js';

/** The value of the "other, please say" option. */
export const OTHER = 'other';

interface ChoiceOption {
  value: string;
  label: string;
}

/**
 * A choice among options a shop can count ("what went wrong?"): single choice by default, a radio group; with
 * `multiple`, a group of checkboxes. Options are `<option value="late">送货慢</option>` children or
 * `options="a|b|c"` (the value is then the label). `other` adds an "Other" option with a text box; its text is
 * sent as the text answer `<name>-other`. Native radios and checkboxes in the shadow root give the keyboard
 * pattern of each (arrows move and check within the radios, wrapping; Tab and Space for checkboxes).
 * Form-associated: inside a plain `<form>` a single choice submits `name=value`, a multiple one `name=value` per
 * value chosen. With `max`, once that many are ticked the other options are `aria-disabled` (still focusable and
 * announced) and a tick on one is refused with a polite status message ("Choose no more than 2").
 *
 * @tag koubei-choice
 * @slot - `<option>` elements (not rendered: read for their value and text).
 * @fires input - The customer changed the answer.
 * @fires change - The customer changed the answer.
 * @fires koubei-error - A bad attribute (detail: reason, attribute, value, message).
 * @csspart base - The root (a fieldset).
 * @csspart question - The question (the legend).
 * @csspart required - The required marker.
 * @csspart hint - "Choose all that apply" / "Choose 1 to 3" / "Choose no more than 3" (optional, no `min`).
 * @csspart limit - The status that says why a tick past `max` was refused (empty until then).
 * @csspart options - The list of options.
 * @csspart option - Each option (a label holding its input).
 * @csspart option-selected - A chosen option.
 * @csspart other - The "other" text box.
 * @csspart error - The inline error.
 */
export class KoubeiChoice extends FormControl<string | string[]> {
  static override properties: PropertyDeclarations = {
    multiple: { type: Boolean, reflect: true },
    options: {},
    other: { type: Boolean, reflect: true },
    min: {},
    max: {},
    _otherText: { state: true },
    _children: { state: true },
    _refused: { state: true },
  };

  static override styles = [
    tokens,
    questionStyles,
    css`
      fieldset {
        min-inline-size: 0;
        margin: 0;
        padding: 0;
        border: 0;
      }
      legend {
        padding: 0;
      }
      .hint {
        display: block;
        margin-block: -0.25rem 0.375rem;
        color: var(--_muted);
        font-size: 0.875em;
      }
      .options {
        display: flex;
        flex-direction: column;
        gap: var(--koubei-option-gap, 0.375rem);
      }
      .option {
        display: flex;
        align-items: center;
        gap: 0.625rem;
        min-block-size: max(24px, var(--koubei-option-size, 2.75rem));
        padding: 0.375rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
        cursor: pointer;
      }
      .option:hover {
        border-color: var(--_accent);
      }
      .option.selected {
        border-color: var(--_accent);
        box-shadow: inset 0 0 0 1px var(--_accent);
        font-weight: 600;
      }
      input[type='radio'],
      input[type='checkbox'] {
        inline-size: 1.125rem;
        block-size: 1.125rem;
        margin: 0;
        accent-color: var(--_accent);
        flex: none;
      }
      .other {
        display: block;
        inline-size: 100%;
        margin-block-start: 0.375rem;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
        color: var(--_text);
        font: inherit;
      }
      .other-label {
        display: block;
        margin-block-start: 0.375rem;
        font-size: 0.875em;
      }
      .option.full {
        color: var(--_muted);
        cursor: not-allowed;
      }
      .limit {
        margin-block: 0.375rem 0;
      }
      .limit:empty {
        display: none;
      }
      .invalid .option {
        border-color: var(--_error);
      }
      .disabled .option {
        cursor: not-allowed;
        opacity: 0.55;
      }
      @media (forced-colors: active) {
        .option {
          border-color: ButtonText;
        }
        .option.selected {
          border-color: Highlight;
        }
      }
    `,
  ];

  override name = 'choice';
  /** Several values may be chosen (checkboxes); the answer is then an array. */
  multiple = false;
  /** `a|b|c`: options whose value is their label, when there are no `<option>` children. */
  options?: string | readonly string[];
  /** Adds "Other" with a text box for the customer's own words. */
  other = false;
  /** multiple: at least this many (when anything is chosen, or always when required). */
  min?: string | number;
  /** multiple: at most this many. */
  max?: string | number;

  private _otherText = '';
  /** Why the last tick was refused (max reached), for the status; cleared by the next change. */
  private _refused = '';
  /** Bumped when the `<option>` children change. */
  private _children = 0;
  private _observer?: MutationObserver;

  override connectedCallback(): void {
    super.connectedCallback();
    this._observer ??= new MutationObserver(() => this._children++);
    this._observer.observe(this, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['value', 'label'] });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this._observer?.disconnect();
  }

  /** The options as the customer sees them, "Other" last. */
  private _options(): ChoiceOption[] {
    const children = [...this.querySelectorAll('option')].map((o) => ({ value: o.value, label: o.label || o.textContent!.trim() || o.value }));
    let list = children;
    if (!list.length && this.options !== undefined && this.options !== null) {
      // A framework may pass an array; an attribute is "a|b|c".
      const raw = typeof this.options === 'string' ? this.options.split('|') : Array.isArray(this.options) ? this.options.map(String) : [];
      list = raw.map((v) => v.trim()).filter(Boolean).map((v) => ({ value: v, label: v }));
      if (!list.length) this._badAttribute('options', 'needs values separated by "|", e.g. options="late|damaged|wrong"; no options to show.');
    }
    const seen = new Set<string>();
    list = list.filter((o) => {
      if (!o.value || seen.has(o.value)) {
        this._badAttribute('options', `lists ${o.value ? `"${o.value}" twice` : 'an option without a value'}; it is left out.`);
        return false;
      }
      return seen.add(o.value);
    });
    if (this.other && !seen.has(OTHER)) list.push({ value: OTHER, label: this._l10n.t('choiceOther') });
    return list;
  }

  private _limit(attribute: 'min' | 'max'): number | undefined {
    const raw = this[attribute];
    if (raw === undefined || raw === null || raw === '') return undefined;
    const n = Number(raw);
    if (this.multiple && Number.isInteger(n) && n >= 1) return n;
    this._badAttribute(attribute, this.multiple ? 'must be a whole number of at least 1; ignored.' : 'applies to a multiple choice only (add multiple); ignored.', String(raw));
    return undefined;
  }

  override get spec(): QuestionSpec {
    return { name: this.name, type: 'choice', options: this._options().map((o) => o.value), multiple: this.multiple };
  }

  /** The "other" text box's answer, sent as the text question `<name>-other`. */
  get otherText(): string {
    return this._otherText.trim();
  }

  protected override _parse(raw: unknown): string | string[] | null | undefined {
    if (raw === null || raw === undefined || raw === '') return null;
    const values = Array.isArray(raw) ? raw.map(String) : String(raw).split(this.multiple ? ',' : '\u0000').map((v) => v.trim());
    const known = this._options().map((o) => o.value);
    // Before the options are read (no children yet, far below the fold) any value is kept as given.
    if (known.length && !values.every((v) => known.includes(v))) return undefined;
    if (!this.multiple) return values.length === 1 ? values[0] : undefined;
    const set = [...new Set(values.filter(Boolean))];
    return set.length ? known.filter((k) => set.includes(k)).concat(known.length ? [] : set) : null;
  }

  private get _selected(): string[] {
    const v = this.value;
    return v === null ? [] : Array.isArray(v) ? v : [v];
  }

  protected override _validityFlags(): { flags: ValidityStateFlags; message: string } {
    const n = this._selected.length;
    const min = this._limit('min');
    const max = this._limit('max');
    if (this.required && !n) return { flags: { valueMissing: true }, message: this._l10n.t('requiredChoice') };
    if (min !== undefined && n && n < min) return { flags: { rangeUnderflow: true }, message: this._l10n.t('choiceMin', { min }) };
    if (max !== undefined && n > max) return { flags: { rangeOverflow: true }, message: this._l10n.t('choiceMax', { max }) };
    if (this._selected.includes(OTHER) && this.other && !this.otherText) return { flags: { valueMissing: true }, message: this._l10n.t('choiceOtherMissing') };
    return { flags: {}, message: '' };
  }

  protected override _formValue(): string | FormData | null {
    const chosen = this._selected;
    if (!chosen.length) return null;
    if (!this.multiple) return chosen[0];
    const data = new FormData();
    for (const v of chosen) data.append(this.name, v);
    return data;
  }

  protected override _focusTarget(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('input:checked') ?? this.renderRoot?.querySelector<HTMLElement>('input');
  }

  override formResetCallback(): void {
    super.formResetCallback();
    this._otherText = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // "false" from a framework template is false (see FormControl).
    for (const k of ['multiple', 'other'] as const) if (typeof this[k] === 'string') this[k] = (this[k] as unknown as string) !== 'false';
    super.willUpdate(changed);
  }

  /**
   * A tick past max is refused as it happens (mouse, Space, a label's click all arrive here), not left to an error
   * at submit; cancelling the click leaves the box unticked and fires no change.
   */
  private async _onClick(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const max = this._limit('max');
    if (input.type !== 'checkbox' || !input.checked || max === undefined || this._selected.length < max) return;
    e.preventDefault();
    // Emptied first: the same words again are a new status, announced again.
    this._refused = '';
    await this.updateComplete;
    this._refused = this._l10n.t('choiceMax', { max });
  }

  private _onChange(e: Event): void {
    e.stopPropagation(); // re-dispatched from the host by _commit
    const input = e.target as HTMLInputElement;
    if (input.classList.contains('other')) return;
    this._refused = '';
    if (!this.multiple) return this._commit(input.value);
    const chosen = new Set(this._selected);
    if (input.checked) chosen.add(input.value);
    else chosen.delete(input.value);
    const order = this._options().map((o) => o.value);
    const next = order.filter((v) => chosen.has(v));
    this._commit(next.length ? next : null);
  }

  private _onOtherInput(e: Event): void {
    e.stopPropagation();
    this._otherText = (e.target as HTMLInputElement).value;
    this.dispatchEvent(new Event(ANSWER_EVENT));
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  }

  /** The "other" text, as the text answer `<name>-other`, when "Other" is chosen and something was written. */
  extraAnswers(): { spec: QuestionSpec; answer: Answer }[] {
    return this.other && this._selected.includes(OTHER) && this.otherText ? [{ spec: { name: `${this.name}-other`, type: 'text' }, answer: this.otherText }] : [];
  }

  protected override _defaultQuestion(): string {
    return this._l10n.t(this.multiple ? 'choiceQuestionMultiple' : 'choiceQuestion');
  }

  private _hint(): string {
    if (!this.multiple) return '';
    const min = this._limit('min');
    const max = this._limit('max');
    if (max === undefined) return this._l10n.t('choiceHintMultiple');
    // Optional and no min: none is an answer too, so "1 to 3" would be wrong.
    return min === undefined && !this.required ? this._l10n.t('choiceMax', { max }) : this._l10n.t('choiceHintRange', { min: min ?? 1, max });
  }

  protected override render(): TemplateResult {
    void this._children;
    const options = this._options();
    const chosen = this._selected;
    const disabled = this._isDisabled;
    const hint = this._hint();
    const describedBy = [hint ? 'hint' : '', this._error ? 'error' : ''].filter(Boolean).join(' ');
    const type = this.multiple ? 'checkbox' : 'radio';
    const otherOn = this.other && chosen.includes(OTHER);
    const max = this.multiple ? this._limit('max') : undefined;
    const full = max !== undefined && chosen.length >= max;
    // A fieldset with its legend: assistive technology announces a group named by the question; inputs of one
    // name in this shadow root are one radio group (arrow keys) or a set of checkboxes.
    return html`<fieldset
      class=${this._baseClass()}
      part="base"
      lang=${this._l10n.textLang}
      dir=${this._l10n.dir}
      role=${this.multiple ? 'group' : 'radiogroup'}
      aria-labelledby="question"
      aria-describedby=${describedBy || nothing}
      aria-required=${this.multiple ? nothing : this.required ? 'true' : 'false'}
      aria-invalid=${this.multiple ? nothing : this._error ? 'true' : 'false'}
      ?disabled=${disabled}
      @change=${this._onChange}
      @click=${this._onClick}
      @input=${(e: Event) => e.stopPropagation() /* a native input event is composed: the host fires its own */}
    >
      <legend class="question" part="question" id="question">${this.questionText}${this.required ? html` <span class="required" part="required">${this._l10n.t('required')}</span>` : nothing}</legend>
      ${hint ? html`<span class="hint" part="hint" id="hint">${hint}</span>` : nothing}
      <div class="options" part="options">
        ${options.map((o) => {
          const on = chosen.includes(o.value);
          const off = full && !on;
          return html`<label class="option ${on ? 'selected' : off ? 'full' : ''}" part=${on ? 'option option-selected' : 'option'}>
            <input
              type=${type}
              name="choice"
              .value=${o.value}
              .checked=${on}
              ?disabled=${disabled}
              aria-disabled=${off ? 'true' : nothing}
              aria-invalid=${this.multiple && this._error ? 'true' : nothing}
            />
            <span>${o.label}</span>
          </label>`;
        })}
      </div>
      ${otherOn
        ? html`<label class="other-label" for="other">${this._l10n.t('choiceOtherLabel')}</label>
            <input id="other" class="other" part="other" type="text" maxlength="500" .value=${this._otherText} ?disabled=${disabled} @input=${this._onOtherInput} @change=${(e: Event) => e.stopPropagation()} />`
        : nothing}
      ${max !== undefined ? html`<div class="hint limit" part="limit" role="status">${full && this._refused ? this._refused : nothing}</div>` : nothing}
      ${this._renderError()}
    </fieldset>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'koubei-choice': KoubeiChoice;
  }
}
