import { KoubeiLikert } from './components/likert/likert.js';
import { KoubeiNps } from './components/nps/nps.js';
import { KoubeiSurvey } from './components/survey/survey.js';
import { KoubeiText } from './components/text/text.js';

export const elements = {
  'koubei-survey': KoubeiSurvey,
  'koubei-nps': KoubeiNps,
  'koubei-likert': KoubeiLikert,
  'koubei-text': KoubeiText,
} as const;

let warned = false;

/**
 * Defines a tag unless it already is: a second copy of the script on a page
 * is a no-op with one console warning, never an exception.
 */
export function define(tag: string, ctor: CustomElementConstructor): boolean {
  if (typeof customElements === 'undefined') return false;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor && !warned) {
      warned = true;
      console.warn(`[koubei] <${tag}> is already defined: Koubei is loaded twice on this page. The first copy stays in use; this one does nothing.`);
    }
    return false;
  }
  customElements.define(tag, ctor);
  return true;
}

export function defineAll(): void {
  for (const [tag, ctor] of Object.entries(elements)) define(tag, ctor);
}
