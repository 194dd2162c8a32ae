// The self-contained builds swap this in for features.ts (rollup.config.js):
// each feature is a file beside the script, dist/features/<name>.js, built
// with Lit left out. Its default export takes this bundle's Lit, so a page
// never runs two copies of Lit.
import { css, html, nothing } from 'lit';
import { ANSWER_EVENT, FormControl } from './components/base/form-control.js';
import { questionStyles, tokens } from './components/base/tokens.styles.js';
import { assetUrl } from './i18n/catalogue.js';
import { clock } from './clock.js';
import { createStorage } from './storage/index.js';

export type Lit = { css: typeof css; html: typeof html; nothing: typeof nothing };

// Every feature also takes this bundle's clock and storage layer (src/clock.ts, src/storage/index.ts), which its file
// leaves out (rollup.config.js): one clock and one copy per page.
const shared = { clock, createStorage };
const load = <T>(name: string, more?: object): Promise<T> =>
  import(/* @vite-ignore */ assetUrl(`./features/${name}.js`)).then((m: { default: (lit: Lit) => T }) =>
    m.default({ css, html, nothing, ...shared, ...more }),
  );

export const loadPlacement = () => load<typeof import('./components/survey/placement-controller.js')>('placement');
export const loadSteps = () => load<typeof import('./components/survey/steps.js')>('steps');
export const loadPrefill = () => load<typeof import('./components/survey/landing.js')>('prefill');
// A question element: it also takes this bundle's form-control base and styles (one LocalizeController, one set of
// catalogues for the page), which its chunk leaves out (rollup.config.js).
export const loadChoice = () => load<typeof import('./components/choice/choice.js')>('choice', { ANSWER_EVENT, FormControl, questionStyles, tokens });
