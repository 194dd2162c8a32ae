import { css, html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { holdQuestions, settle } from '../base/near-viewport.js';

/**
 * When a survey first renders (near-viewport.ts): once the parser has added its questions, at once when it is near
 * the viewport, else a placeholder of about its height until it comes near. Its questions wait as long.
 */
export class RenderGate {
  /** Near the viewport: the questions render; until then the placeholder. */
  near = false;

  constructor(private readonly _host: ReactiveControllerHost & Element) {
    // Before any question checks its gate (a question's first update waits for the survey's).
    holdQuestions(_host);
  }

  /** Resolves once the survey may render for the first time. */
  async ready(): Promise<void> {
    this.near = await settle(this._host, () => {
      this.near = true;
      this._host.requestUpdate();
    });
  }

  /** Stands for `count` questions while the survey is far from the viewport: no layout shift when they render. */
  placeholder(count: number): TemplateResult {
    return html`<div class="reserve" part="base">${Array.from({ length: count }, () => html`<div></div>`)}<div></div></div>`;
  }
}

export const placeholderStyles = css`
  .reserve {
    display: flex;
    flex-direction: column;
    gap: var(--koubei-question-gap, 1.5rem);
  }
  .reserve > div {
    block-size: 5rem;
  }
`;
