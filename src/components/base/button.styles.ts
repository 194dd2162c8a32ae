import { css } from 'lit';

/**
 * What every button of the survey shares (submit, next, back, close): reset against the page's own button styles,
 * the theme's radius and font, and the focus ring. Each button's own rule adds its size and colours after this one.
 */
export const buttonStyles = css`
  .button {
    all: revert;
    box-sizing: border-box;
    margin: 0;
    border-radius: var(--_radius);
    font: inherit;
    cursor: pointer;
  }
  .button:focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 3px;
  }
`;
