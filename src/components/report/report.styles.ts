import { unsafeCSS } from 'lit';

// Not lit's css``, which checks its values (no value here) and brings its error text: the build still minifies a css``.
const css = (s: TemplateStringsArray) => unsafeCSS(s[0]);

/**
 * The report's rules. Its tokens follow the survey's (same --koubei-* names and defaults) but each
 * is written once with light-dark(): the colour scheme is `light dark` by default (the page's
 * prefers-color-scheme), or what `theme` says. Sizes of charts and skeletons are fixed by aspect
 * ratio, so nothing moves when the numbers arrive.
 */
export const reportStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  /* No ::before or ::after: nothing here draws one. */
  * {
    box-sizing: inherit;
  }
  .base {
    color-scheme: light dark;
    --_accent: var(--koubei-accent, light-dark(#1d4ed8, #8ab4ff));
    --_on-accent: var(--koubei-on-accent, light-dark(#fff, #0b1020));
    --_text: var(--koubei-text, light-dark(#1f2328, #e6e8eb));
    --_muted: var(--koubei-muted, light-dark(#4b5563, #b4bac3));
    --_bg: var(--koubei-background, light-dark(#fff, #111418));
    --_surface: var(--koubei-surface, light-dark(#fff, #1c1f24));
    --_border: var(--koubei-border, light-dark(#6b7280, #9aa3ad));
    --_error: var(--koubei-error, light-dark(#b42318, #ff9b8f));
    --_focus: var(--koubei-focus-ring, var(--_accent));
    --_radius: var(--koubei-radius, 0.5rem);
    --_space: var(--koubei-spacing, 1rem);
    --_good: var(--koubei-report-good, light-dark(#1a7f37, #6fdd8b));
    --_bad: var(--koubei-report-bad, light-dark(#b42318, #ff9b8f));
    --_warn: var(--koubei-report-warn, light-dark(#9a6700, #e3b341));
    --_band: var(--koubei-report-band, color-mix(in srgb, var(--_accent) 18%, transparent));
    --_grid: var(--koubei-report-grid, color-mix(in srgb, var(--_border) 45%, transparent));
    --_skeleton: color-mix(in srgb, var(--_border) 22%, transparent);
    color: var(--_text);
    font-family: var(--koubei-font, inherit);
    /* medium: the reader's own default size, immune to a page's html { font-size: 62.5% } trick. */
    font-size: var(--koubei-font-size, medium);
    line-height: 1.5;
    text-align: start;
    display: grid;
    gap: var(--_space);
    /* Inherited from a host page that may set anything on <koubei-report>. */
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    font-style: normal;
    font-weight: 400;
    white-space: normal;
    visibility: visible;
  }
  .light {
    color-scheme: light;
  }
  .dark {
    color-scheme: dark;
  }
  .visually-hidden {
    position: absolute !important;
    inline-size: 1px !important;
    block-size: 1px !important;
    margin: -1px !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  h2,
  h3,
  p,
  ul {
    margin: 0;
  }
  h2,
  h3 {
    font-size: 1.125em;
    line-height: 1.3;
  }
  section,
  .controls {
    background: var(--_surface);
    border: 1px solid var(--_grid);
    border-radius: var(--_radius);
    padding: var(--_space);
    min-inline-size: 0;
  }
  /* The parts and their lists are block flow spaced by margins, not grids with gaps: they hold most of the
     report's boxes, and as grids nested four deep they took a quarter more layout (test/report/bench.js). */
  section > * + * {
    margin-block-start: 0.75rem;
  }
  .grid {
    display: grid;
    gap: var(--_space);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr));
  }
  .wide,
  .row {
    grid-column: 1 / -1;
  }
  .muted {
    color: var(--_muted);
  }
  .big {
    font-size: 1.375em;
    font-weight: 600;
  }
  .controls,
  .filters {
    display: grid;
    gap: 0.5rem;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
    align-items: end;
  }
  .row,
  .terms,
  .pager,
  .done-form,
  .legend {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  /* Every list here is a plain one (ul.plain) or the legend. */
  ul {
    list-style: none;
    padding: 0;
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.9375em;
  }
  input,
  select,
  button {
    font: inherit;
    color: inherit;
    min-block-size: 2.5rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.6);
    background: var(--_bg);
    padding: 0.25rem 0.625rem;
    min-inline-size: 0;
  }
  button {
    cursor: pointer;
    background: var(--_surface);
  }
  button[aria-pressed='true'],
  button.primary {
    background: var(--_accent);
    color: var(--_on-accent);
    border-color: var(--_accent);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  .bar {
    display: block;
    inline-size: 100%;
    block-size: 0.75rem;
    border-radius: 999px;
  }
  .promoter,
  .mark.up {
    fill: var(--_good);
  }
  .passive {
    fill: var(--_border);
  }
  .detractor,
  .mark.down {
    fill: var(--_bad);
  }
  .chart svg {
    display: block;
    inline-size: 100%;
    block-size: auto;
    overflow: visible;
  }
  .trend svg,
  .trend .skeleton {
    aspect-ratio: 640 / 240;
  }
  .map svg,
  .map .skeleton {
    aspect-ratio: 480 / 300;
  }
  svg text {
    fill: var(--_muted);
    font-size: 11px;
  }
  .axis {
    fill: none;
    stroke: var(--_grid);
  }
  .band {
    fill: var(--_band);
  }
  .line {
    fill: none;
    stroke: var(--_accent);
    stroke-width: 2;
  }
  .line.dashed {
    stroke-dasharray: 4 4;
    stroke: var(--_muted);
  }
  .mark {
    fill: var(--_accent);
    stroke: var(--_surface);
    stroke-width: 1.5;
  }
  .mark.few {
    fill: var(--_surface);
    stroke: var(--_muted);
    stroke-dasharray: 2 2;
  }
  .active-ring {
    fill: none;
    stroke: var(--_focus);
    stroke-width: 2.5;
  }
  .tip rect {
    fill: var(--_surface);
    stroke: var(--_border);
  }
  .tip text {
    fill: var(--_text);
    font-size: 12px;
  }
  .legend {
    font-size: 0.875em;
    color: var(--_muted);
  }
  .legend svg {
    inline-size: 1em;
    block-size: 1em;
    vertical-align: -0.125em;
  }
  ul.plain > * + * {
    margin-block-start: 0.5rem;
  }
  .meter {
    display: grid;
    grid-template-columns: minmax(6rem, 1fr) 2fr auto;
    gap: 0.5rem;
    align-items: center;
  }
  .meter svg {
    inline-size: 100%;
    block-size: 1rem;
  }
  .terms button {
    min-block-size: 2rem;
    border-radius: 999px;
    font-size: 0.9375em;
  }
  .terms .neg {
    border-color: var(--_bad);
  }
  .comment,
  .follow-up {
    border-block-start: 1px solid var(--_grid);
    padding-block-start: 0.5rem;
  }
  /* Their lines: a list item's spans (the comment's date, the call-back's order and SLA) each on a line. */
  li > span {
    display: block;
  }
  .comment > * + *,
  .follow-up > * + * {
    margin-block-start: 0.25rem;
  }
  .comment p,
  .follow-up p,
  code {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .sla {
    font-weight: 600;
    border-inline-start: 0.375rem solid;
    padding-inline-start: 0.375rem;
  }
  .overdue {
    color: var(--_bad);
  }
  .due-soon {
    color: var(--_warn);
  }
  .on-time {
    color: var(--_good);
  }
  .done-form {
    align-items: end;
  }
  .done-form label {
    flex: 1 1 12rem;
  }
  .message {
    padding: 0.5rem 0.75rem;
    border-inline-start: 0.25rem solid var(--_accent);
  }
  .message.error,
  .problem {
    border-inline-start: 0.25rem solid var(--_error);
  }
  .problem {
    background: var(--_surface);
    padding: var(--_space);
    border-radius: var(--_radius);
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  code {
    display: block;
    font-size: 0.875em;
    background: var(--_bg);
    padding: 0.5rem;
    border: 1px solid var(--_grid);
  }
  .skeleton {
    display: block;
    background: var(--_skeleton);
    border-radius: 0.25rem;
  }
  .skeleton.lines {
    block-size: 5.5rem;
  }
  .skeleton.list {
    block-size: 16rem;
  }
  table {
    border-collapse: collapse;
    font-size: 0.875em;
  }
  th,
  td {
    border: 1px solid var(--_grid);
    padding: 0.125rem 0.375rem;
    text-align: start;
  }
  .numbers-toggle {
    display: block;
    min-block-size: 2rem;
    font-size: 0.875em;
  }
  /* No content-visibility: auto on the hidden tables, though it would skip half the report's layout: skipped,
     they leave the accessibility tree (Chromium 156 exposed none of their cells; test/report/a11y.test.ts). */
  .table-wrap table {
    inline-size: 100%;
    overflow-wrap: anywhere;
  }
  /* SVG keeps its own colours in forced-colours mode: give it the system's. */
  @media (forced-colors: active) {
    .band {
      fill: none;
      stroke: CanvasText;
      stroke-dasharray: 1 3;
    }
    .line,
    .active-ring {
      stroke: Highlight;
    }
    .mark,
    .promoter,
    .detractor {
      fill: CanvasText;
      stroke: Canvas;
    }
    svg text {
      fill: CanvasText;
    }
    .mark.few,
    .tip rect {
      fill: Canvas;
      stroke: CanvasText;
    }
    .passive {
      fill: GrayText;
    }
  }
  @media print {
    .controls,
    .numbers-toggle,
    .done-form,
    .pager,
    .filters,
    .terms,
    .retry {
      display: none !important;
    }
    .base {
      --_surface: #fff;
      --_bg: #fff;
      --_text: #000;
      --_muted: #333;
      color-scheme: light;
      font-size: 10pt;
      gap: 6pt;
    }
    section {
      break-inside: avoid;
      padding: 6pt;
      border-color: #999;
    }
    .grid {
      grid-template-columns: 1fr 1fr;
      gap: 6pt;
    }
    .comments-part li:nth-child(n + 6),
    .follow-ups-part li:nth-child(n + 9) {
      display: none;
    }
  }
`;
