import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { LIKERT_POINTS, type LikertPoints, type QuestionSpec } from '../../scoring/types.js';
import { ScaleControl, type ScaleOption } from '../base/scale.js';
import { scaleStyles } from '../base/scale.styles.js';
import { questionStyles, tokens } from '../base/tokens.styles.js';

export type LikertVariant = 'labels' | 'numbers' | 'stars' | 'emoji';
const VARIANTS: readonly LikertVariant[] = ['labels', 'numbers', 'stars', 'emoji'];

const EMOJI: Record<LikertPoints, string[]> = {
  3: ['🙁', '😐', '🙂'],
  4: ['😞', '🙁', '🙂', '😄'],
  5: ['😞', '🙁', '😐', '🙂', '😄'],
  7: ['😡', '😞', '🙁', '😐', '🙂', '😊', '😄'],
};

/**
 * A satisfaction (Likert) scale of 3, 4, 5 or 7 points as a radio group. Each
 * option's accessible name is its label. Form-associated.
 *
 * @tag koubei-likert
 * @fires input - The customer changed the answer.
 * @fires change - The customer changed the answer.
 * @fires koubei-error - A bad attribute (detail: reason, attribute, value, message).
 * @csspart base - The root.
 * @csspart question - The question text.
 * @csspart required - The required marker.
 * @csspart scale - The radio group.
 * @csspart option - Each point.
 * @csspart option-selected - The selected point.
 * @csspart labels - The end labels (numbers variant).
 * @csspart low-label - The lowest label (numbers variant).
 * @csspart high-label - The highest label (numbers variant).
 * @csspart error - The inline error.
 * @cssproperty --koubei-star-color - Filled star colour.
 */
export class KoubeiLikert extends ScaleControl {
  static override properties: PropertyDeclarations = {
    points: { type: Number },
    labels: {},
    variant: { reflect: true },
  };

  static override styles = [
    tokens,
    questionStyles,
    scaleStyles,
    css`
      .variant-labels .option {
        padding-inline: 0.5rem;
        line-height: 1.25;
        font-size: 0.9375em;
      }
      /* Words don't fit side by side on a phone: stack them. */
      @container (max-width: 36rem) {
        .variant-labels .scale {
          grid-auto-flow: row;
          grid-template-columns: minmax(0, 1fr);
        }
        .variant-labels .option {
          justify-content: flex-start;
        }
      }
      .variant-stars .option {
        border-color: transparent;
        background: transparent;
        color: var(--_border);
        font-size: 1.75em;
        line-height: 1;
        box-shadow: none;
      }
      .variant-stars .option.filled {
        color: var(--koubei-star-color, #b45309);
      }
      .variant-stars .option[aria-checked='true'] {
        text-decoration: underline;
        text-underline-offset: 0.2em;
        text-decoration-thickness: 2px;
      }
      .variant-stars .scale,
      .variant-emoji .scale {
        grid-auto-columns: minmax(24px, var(--_option));
      }
      .variant-emoji .option {
        font-size: 1.5em;
        line-height: 1;
      }
      @media (forced-colors: active) {
        .variant-stars .option.filled {
          color: Highlight;
        }
      }
    `,
  ];

  override name = 'csat';
  /** 3, 4, 5 or 7 (a property may also be "7"). */
  points: number | string = 5;
  /** "a|b|c|d|e" (or, as a property, an array), one label per point, lowest first. */
  labels?: string | readonly string[];
  /** `labels` (default), `numbers`, `stars` or `emoji`. */
  variant: string = 'labels';

  private get _points(): LikertPoints {
    // React and Vue set the property with whatever the template gives: "7" as well as 7.
    const n = typeof this.points === 'string' && (this.points as string).trim() ? Number(this.points) : this.points;
    if (LIKERT_POINTS.includes(n as LikertPoints)) return n as LikertPoints;
    this._badAttribute('points', `must be 3, 4, 5 or 7; using 5.`, this.hasAttribute('points') ? this.getAttribute('points') : String(this.points));
    return 5;
  }

  private get _variant(): LikertVariant {
    if (VARIANTS.includes(this.variant as LikertVariant)) return this.variant as LikertVariant;
    this._badAttribute('variant', `must be one of ${VARIANTS.join(', ')}; using labels.`);
    return 'labels';
  }

  override get spec(): QuestionSpec {
    return { name: this.name, type: 'likert', points: this._points };
  }

  private _labels(points: LikertPoints): string[] {
    const raw: unknown = this.labels;
    // An attribute is "a|b|c"; a framework may pass an array (labels={['差', …]}).
    const custom = raw === undefined || raw === null ? undefined : Array.isArray(raw) ? raw.map((s) => String(s).trim()) : String(raw).split('|').map((s) => s.trim());
    if (custom) {
      if (custom.length === points && custom.every(Boolean)) return custom;
      const shown = Array.isArray(raw) ? JSON.stringify(raw) : String(raw);
      this._badAttribute('labels', `needs ${points} non-empty labels (separated by "|", or an array); using the defaults.`, shown);
    }
    return this._l10n.t(`likert${points}`).split('|');
  }

  protected override _options(): ScaleOption[] {
    const points = this._points;
    const labels = this._labels(points);
    const variant = this._variant;
    return labels.map((label, i) => {
      const value = i + 1;
      if (variant === 'labels') return { value, label };
      const content =
        variant === 'numbers'
          ? String(value)
          : variant === 'stars'
            ? html`<span aria-hidden="true">★</span>`
            : html`<span aria-hidden="true">${EMOJI[points][i]}</span>`;
      // The visible number starts the name, so "click 3" works by voice (WCAG 2.5.3).
      return { value, label: variant === 'numbers' ? `${value} ${label}` : label, content, contentIsName: false };
    });
  }

  protected override _optionClass(o: ScaleOption): string {
    if (this._variant !== 'stars') return 'option';
    const upTo = this._hover ?? this.value ?? 0;
    return o.value <= upTo ? 'option filled' : 'option';
  }

  protected override _renderLabels(): TemplateResult | typeof nothing {
    if (this._variant !== 'numbers') return nothing;
    const labels = this._labels(this._points);
    return html`<div class="labels" part="labels" aria-hidden="true">
      <span part="low-label">${labels[0]}</span><span part="high-label">${labels[labels.length - 1]}</span>
    </div>`;
  }

  protected override _defaultQuestion(): string {
    return this._l10n.t('likertQuestion');
  }

  protected override render(): TemplateResult {
    const variant = this._variant;
    return html`<div class="variant-${variant}">
      ${this._renderScale(this.questionText)}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'koubei-likert': KoubeiLikert;
  }
}
