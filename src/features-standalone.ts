// The self-contained builds swap this in for features.ts (rollup.config.js):
// each feature is a file beside the script, dist/features/<name>.js, built
// with Lit left out. Its default export takes this bundle's Lit, so a page
// never runs two copies of Lit.
import { css, html, nothing } from 'lit';
import { assetUrl } from './i18n/catalogue.js';

export type Lit = { css: typeof css; html: typeof html; nothing: typeof nothing };

const load = <T>(name: string): Promise<T> =>
  import(/* @vite-ignore */ assetUrl(`./features/${name}.js`)).then((m: { default: (lit: Lit) => T }) => m.default({ css, html, nothing }));

export const loadPlacement = () => load<typeof import('./components/survey/placement-controller.js')>('placement');
export const loadSteps = () => load<typeof import('./components/survey/steps.js')>('steps');
