import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { QuestionSpec } from '../../scoring/types.js';
import { ScaleControl, type ScaleOption } from '../base/scale.js';
import { scaleStyles } from '../base/scale.styles.js';
import { questionStyles, tokens } from '../base/tokens.styles.js';

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/**
 * Net Promoter Score: "How likely are you to recommend…", 0 to 10, as a radio
 * group. Form-associated: submits `name=value` inside a `<form>`.
 *
 * @tag koubei-nps
 * @fires input - The customer changed the answer.
 * @fires change - The customer changed the answer.
 * @fires koubei-error - A bad attribute (detail: reason, attribute, value, message).
 * @csspart base - The root.
 * @csspart question - The question text.
 * @csspart required - The required marker.
 * @csspart scale - The radio group.
 * @csspart option - Each score.
 * @csspart option-selected - The selected score.
 * @csspart labels - The row of end labels.
 * @csspart low-label - The label under 0.
 * @csspart high-label - The label under 10.
 * @csspart error - The inline error.
 */
export class KoubeiNps extends ScaleControl {
  static override properties: PropertyDeclarations = {
    brand: {},
    lowLabel: { attribute: 'low-label' },
    highLabel: { attribute: 'high-label' },
  };

  static override styles = [
    tokens,
    questionStyles,
    scaleStyles,
    css`
      /* Narrow screens: two rows (0-5, 6-10) rather than overflow. */
      @container (max-width: 36rem) {
        .scale {
          grid-auto-flow: row;
          grid-template-columns: repeat(6, minmax(0, 1fr));
        }
        .option {
          min-inline-size: 24px;
        }
      }
    `,
  ];

  override name = 'nps';
  /** Named in the default question: 您有多大可能向朋友或同事推荐{brand}？ */
  brand?: string;
  lowLabel?: string;
  highLabel?: string;

  override get spec(): QuestionSpec {
    return { name: this.name, type: 'nps' };
  }

  protected override _options(): ScaleOption[] {
    return SCORES.map((value) => ({
      value,
      label: String(value),
      describedBy: value === 0 ? 'low' : value === 10 ? 'high' : undefined,
    }));
  }

  protected override _renderLabels(): TemplateResult {
    return html`<div class="labels" part="labels">
      <span id="low" part="low-label">${this.lowLabel || this._l10n.t('npsLow')}</span>
      <span id="high" part="high-label">${this.highLabel || this._l10n.t('npsHigh')}</span>
    </div>`;
  }

  protected override _defaultQuestion(): string {
    const brand = this.brand?.trim() || this._l10n.t('npsBrandFallback');
    return this._l10n.t('npsQuestion', { brand });
  }

  protected override render(): TemplateResult {
    return this._renderScale(this.questionText);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'koubei-nps': KoubeiNps;
  }
}
