/**
 * Survey features that most surveys don't use, loaded only by a survey that does: the popover and the frequency
 * rules, steps, URL prefill (email landing pages), <koubei-choice> and show-when. How they load is the entry's to say, before it
 * defines any element: the ES modules let bundlers split them into chunks (features-chunks.ts, imported first by
 * index.ts and nps-esm.ts); the classic scripts load dist/features/<name>.js from beside the script
 * (features-standalone.ts, imported first by iife.ts and nps-iife.ts).
 */
export interface FeatureLoaders {
  placement(): Promise<typeof import('./components/survey/placement-controller.js')>;
  steps(): Promise<typeof import('./components/survey/steps.js')>;
  prefill(): Promise<typeof import('./components/survey/landing.js')>;
  choice(): Promise<typeof import('./components/choice/choice.js')>;
  showWhen(): Promise<typeof import('./components/survey/show-when.js')>;
}

let loaders: FeatureLoaders | undefined;

/** How this bundle loads its features; its entry installs them once, before the elements are defined. */
export function installFeatures(l: FeatureLoaders): void {
  loaders = l;
}

// A survey reports a feature that cannot load and works without it (survey.ts).
const load = <K extends keyof FeatureLoaders>(name: K) =>
  (loaders?.[name]() ?? Promise.reject(new Error('no feature loaders'))) as ReturnType<FeatureLoaders[K]>;

export const loadPlacement = () => load('placement');
export const loadSteps = () => load('steps');
export const loadPrefill = () => load('prefill');
export const loadChoice = () => load('choice');
export const loadShowWhen = () => load('showWhen');
