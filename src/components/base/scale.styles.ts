import { css } from 'lit';

// One row of equal implicit columns, so no inline `style` is needed: a strict CSP (style-src 'self') refuses those.
export const scaleStyles = css`
  .scale {
    display: grid;
    grid-auto-flow: column;
    grid-auto-columns: minmax(var(--_option), 1fr);
    gap: var(--koubei-option-gap, 0.375rem);
  }
  .base {
    --_option: max(24px, var(--koubei-option-size, 2.75rem));
    container-type: inline-size;
  }
  .option {
    display: flex;
    align-items: center;
    justify-content: center;
    min-block-size: var(--_option);
    min-inline-size: var(--_option);
    padding: 0.25rem 0.375rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
    font-variant-numeric: tabular-nums;
    text-align: center;
    cursor: pointer;
    user-select: none;
    -webkit-tap-highlight-color: transparent;
  }
  @media (prefers-reduced-motion: no-preference) {
    .option {
      transition: background-color 120ms ease, border-color 120ms ease, transform 120ms ease;
    }
  }
  .option:hover {
    border-color: var(--_accent);
  }
  /* Selected: colour, weight and an inner ring, so it never rests on colour alone. */
  .option[aria-checked='true'] {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
    font-weight: 700;
    box-shadow: inset 0 0 0 2px var(--_on-accent);
  }
  .disabled .option {
    cursor: not-allowed;
    opacity: 0.55;
  }
  .invalid .option {
    border-color: var(--_error);
  }
  .labels {
    display: flex;
    justify-content: space-between;
    gap: 1rem;
    margin-block-start: 0.375rem;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .labels > :last-child {
    text-align: end;
  }
  /* A phone: options may shrink to the 24px minimum rather than overflow. */
  @container (max-width: 36rem) {
    .scale {
      grid-auto-columns: minmax(24px, 1fr);
    }
    .option {
      min-inline-size: 24px;
    }
  }
  @media (forced-colors: active) {
    .option {
      border-color: ButtonText;
    }
    .option[aria-checked='true'] {
      forced-color-adjust: none;
      background: Highlight;
      color: HighlightText;
      border-color: Highlight;
      box-shadow: inset 0 0 0 2px Canvas;
    }
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;
