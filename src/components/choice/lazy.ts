/**
 * The script tag loads `<koubei-choice>` on demand (dist/features/choice.js), like steps: a page that asks no choice
 * question pays nothing for it. The element is defined once a page has one: at DOMContentLoaded, or when a survey
 * holding one sets up (which waits for it, so show-when on a choice works from the start).
 */
import { define } from '../../define.js';
import { reportError } from '../../events.js';
import { loadChoice } from '../../features.js';

let loading: Promise<void> | undefined;

/** Loads and defines koubei-choice if the page (or `root`) has one not defined yet; undefined when nothing to wait for. */
export function requireChoice(root: ParentNode = document): Promise<void> | undefined {
  if (typeof customElements === 'undefined' || customElements.get('koubei-choice') || !root.querySelector('koubei-choice')) return loading;
  return (loading ??= loadChoice().then(
    (m) => void define('koubei-choice', m.KoubeiChoice),
    (err: unknown) =>
      reportError(window, {
        reason: 'load',
        attribute: 'koubei-choice',
        value: null,
        message: `the code of <koubei-choice> could not be loaded from beside the Koubei script (${String(err)}): those questions are not shown or sent. Serve the whole dist/ folder.`,
      }),
  ));
}

/** Looks once the page is parsed. */
export function watchChoice(): void {
  if (typeof document === 'undefined') return;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => void requireChoice(), { once: true });
  else void requireChoice();
}
