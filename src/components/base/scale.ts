import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { FormControl } from './form-control.js';

export interface ScaleOption {
  value: number;
  /** Accessible name. */
  label: string;
  /** What is shown; the label itself when absent. */
  content?: TemplateResult | string;
  /** Whether `content` already is the accessible name (no aria-label needed). */
  contentIsName?: boolean;
  /** id of an element that describes this option (the end labels). */
  describedBy?: string;
}

const NEXT = ['ArrowRight', 'ArrowDown'];
const PREV = ['ArrowLeft', 'ArrowUp'];

/**
 * A radio group scale (NPS, Likert): role radiogroup named by the question,
 * one tab stop (roving tabindex), arrows move and check with wrapping,
 * mirrored in right-to-left text, Space checks. Not a slider: a slider
 * always has a value, which biases answers.
 *
 * @cssproperty --koubei-option-size - Option size (default 2.75rem, never below 24px).
 * @cssproperty --koubei-option-gap - Space between options (default 0.375rem).
 */
export abstract class ScaleControl extends FormControl<number> {
  static override properties: PropertyDeclarations = {
    _hover: { state: true },
  };

  /** Hovered option, for star fills. */
  protected _hover: number | null = null;

  protected abstract _options(): ScaleOption[];

  protected override _parse(raw: unknown): number | null | undefined {
    if (raw === null || raw === undefined || raw === '') return null;
    const n = typeof raw === 'number' ? raw : Number(String(raw).trim());
    return this._options().some((o) => o.value === n) ? n : undefined;
  }

  protected override _validityFlags(): { flags: ValidityStateFlags; message: string } {
    return this.required && this.answer === undefined
      ? { flags: { valueMissing: true }, message: this._l10n.t('requiredChoice') }
      : { flags: {}, message: '' };
  }

  protected override _focusTarget(): HTMLElement | null | undefined {
    return this.renderRoot?.querySelector<HTMLElement>('[role=radio][tabindex="0"]');
  }

  private _onKeydown(e: KeyboardEvent): void {
    if (this._isDisabled || e.altKey || e.ctrlKey || e.metaKey) return;
    const options = this._options();
    const current = options.findIndex((o) => o.value === this.value);
    const focused = options.findIndex((o) => String(o.value) === (e.target as HTMLElement).dataset?.value);
    const from = focused >= 0 ? focused : current;
    const rtl = this._l10n.dir === 'rtl';
    let index: number | undefined;
    if (NEXT.includes(e.key)) index = (e.key === 'ArrowRight' && rtl) ? from - 1 : from + 1;
    else if (PREV.includes(e.key)) index = (e.key === 'ArrowLeft' && rtl) ? from + 1 : from - 1;
    else if (e.key === 'Home') index = 0;
    else if (e.key === 'End') index = options.length - 1;
    else if (e.key === ' ') index = from < 0 ? 0 : from;
    else if (e.key === 'Enter') {
      // Never let Enter submit a host form from inside the scale.
      e.preventDefault();
      return;
    }
    if (index === undefined) return;
    e.preventDefault();
    const n = options.length;
    this._select(options[((index % n) + n) % n].value, true);
  }

  private _select(value: number, focus: boolean): void {
    this._commit(value);
    if (focus) void this.updateComplete.then(() => this._focusTarget()?.focus());
  }

  private _onClick(e: Event): void {
    const opt = (e.target as HTMLElement).closest<HTMLElement>('[role=radio]');
    if (!opt || this._isDisabled) return;
    this._select(Number(opt.dataset.value), true);
  }

  /** Extra markup under the scale (end labels). */
  protected _renderLabels(): TemplateResult | typeof nothing {
    return nothing;
  }

  protected _optionClass(_o: ScaleOption): string {
    return 'option';
  }

  protected _renderScale(question: string, extraDescribedBy = ''): TemplateResult {
    const options = this._options();
    const checkedIndex = options.findIndex((o) => o.value === this.value);
    const tabbable = checkedIndex >= 0 ? checkedIndex : 0;
    const disabled = this._isDisabled;
    const describedBy = [extraDescribedBy, this._error ? 'error' : ''].filter(Boolean).join(' ');
    return html`<div
      class=${this._baseClass()}
      part="base"
      lang=${this._l10n.textLang}
      dir=${this._l10n.dir}
    >
      ${this._renderQuestion('question', question)}
      <div
        class="scale"
        part="scale"
        role="radiogroup"
        aria-labelledby="question"
        aria-describedby=${describedBy || nothing}
        aria-required=${this.required ? 'true' : 'false'}
        aria-invalid=${this._error ? 'true' : 'false'}
        aria-disabled=${disabled ? 'true' : 'false'}
        @keydown=${this._onKeydown}
        @click=${this._onClick}
        @pointerleave=${() => (this._hover = null)}
      >
        ${options.map((o, i) => {
          const checked = i === checkedIndex;
          return html`<div
            class=${this._optionClass(o)}
            part=${checked ? 'option option-selected' : 'option'}
            role="radio"
            data-value=${o.value}
            aria-checked=${checked ? 'true' : 'false'}
            aria-label=${o.contentIsName === false ? o.label : nothing}
            aria-describedby=${o.describedBy ?? nothing}
            aria-disabled=${disabled ? 'true' : nothing}
            tabindex=${disabled ? nothing : i === tabbable ? 0 : -1}
            @pointerenter=${() => (this._hover = o.value)}
          >${o.content ?? o.label}</div>`;
        })}
      </div>
      ${this._renderLabels()} ${this._renderError()}
    </div>`;
  }
}
