import { css } from 'lit';

/** The dark palette, for the `dark` theme and for `auto` in a dark system setting. */
const dark = css`
  --_accent: var(--koubei-accent, #8ab4ff);
  --_on-accent: var(--koubei-on-accent, #0b1020);
  --_text: var(--koubei-text, #e6e8eb);
  --_muted: var(--koubei-muted, #b4bac3);
  --_bg: var(--koubei-background, #111418);
  --_surface: var(--koubei-surface, #1c1f24);
  --_border: var(--koubei-border, #9aa3ad);
  --_error: var(--koubei-error, #ff9b8f);
  color-scheme: dark;
`;

/**
 * Design tokens: every public `--koubei-*` property has a fallback, and
 * internal `--_*` copies are what the rules read. The theme class is the
 * element's `theme` (light, dark, or auto: `prefers-color-scheme`), else the
 * page's own color-scheme (i18n/controller.ts).
 */
export const tokens = css`
  :host {
    display: block;
    box-sizing: border-box;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .base {
    --_accent: var(--koubei-accent, #1d4ed8);
    --_on-accent: var(--koubei-on-accent, #ffffff);
    --_text: var(--koubei-text, #1f2328);
    --_muted: var(--koubei-muted, #4b5563);
    --_bg: var(--koubei-background, transparent);
    --_surface: var(--koubei-surface, #ffffff);
    --_border: var(--koubei-border, #6b7280);
    --_error: var(--koubei-error, #b42318);
    --_focus: var(--koubei-focus-ring, var(--_accent));
    --_radius: var(--koubei-radius, 0.5rem);
    --_space: var(--koubei-spacing, 1rem);
    box-sizing: border-box;
    color: var(--_text);
    background: var(--_bg);
    font-family: var(--koubei-font, inherit);
    /* medium: the reader's own default size, immune to a page's html { font-size: 62.5% } trick. */
    font-size: var(--koubei-font-size, medium);
    line-height: 1.5;
    text-align: start;
    color-scheme: light;
  }
  /* Dark text needs a dark ground: the page behind may well be white. */
  .base.dark {
    ${dark}
  }
  /* Dark on a white page must look designed: its own ground, padding and corners (once, not again per question). */
  .base.dark:not(.nested) {
    padding: var(--_space);
    border-radius: var(--_radius);
  }
  @media (prefers-color-scheme: dark) {
    .base.auto:not(.nested) {
      padding: var(--_space);
      border-radius: var(--_radius);
    }
    .base.auto {
      ${dark}
    }
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
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;

/** Question, inline error and required marker, shared by every question. */
export const questionStyles = css`
  .question {
    display: block;
    margin-block: 0 calc(var(--_space) * 0.5);
    font-weight: var(--koubei-question-weight, 600);
    font-size: var(--koubei-question-size, 1.0625em);
  }
  .required {
    font-weight: 400;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .error {
    display: block;
    margin-block: calc(var(--_space) * 0.5) 0;
    color: var(--_error);
    font-weight: 600;
  }
  /* Keep a focused control clear of a host page's fixed header or bottom bar. */
  [role='radio'],
  textarea,
  button,
  a {
    scroll-margin-block: var(--koubei-scroll-margin, 6rem);
  }
`;
