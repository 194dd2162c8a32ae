/**
 * Survey features that most surveys don't use, loaded only by a survey that
 * does: the popover and the frequency rules, steps, and URL prefill (email
 * landing pages). Bundlers split these
 * into chunks of their own; the self-contained builds (script tag, koubei/nps)
 * load them from beside the script instead (features-standalone.ts).
 */
export const loadPlacement = () => import('./components/survey/placement-controller.js');
export const loadSteps = () => import('./components/survey/steps.js');
export const loadPrefill = () => import('./components/survey/landing.js');
export const loadChoice = () => import('./components/choice/choice.js');
