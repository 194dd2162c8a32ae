// The classic scripts' features (features.ts), imported first by iife.ts and nps-iife.ts: each feature is a file
// beside the script, dist/features/<name>.js, built with Lit left out. Its default export takes this bundle's Lit, so
// a page never runs two copies of Lit.
import { css, html, nothing } from 'lit';
import { ANSWER_EVENT, FormControl } from './components/base/form-control.js';
import { questionStyles, tokens } from './components/base/tokens.styles.js';
import { clock } from './clock.js';
import { installFeatures } from './features.js';
import { assetUrl } from './i18n/catalogue.js';
import { createStorage } from './storage/index.js';

export type Lit = { css: typeof css; html: typeof html; nothing: typeof nothing };

// Every feature also takes this bundle's clock and storage layer (src/clock.ts, src/storage/index.ts), which its file
// leaves out (rollup.config.js): one clock and one copy per page.
const shared = { clock, createStorage };
const load = <T>(name: string, more?: object): Promise<T> =>
  import(/* @vite-ignore */ assetUrl(`./features/${name}.js`)).then((m: { default: (lit: Lit) => T }) =>
    m.default({ css, html, nothing, ...shared, ...more }),
  );

installFeatures({
  placement: () => load('placement'),
  steps: () => load('steps'),
  prefill: () => load('prefill'),
  showWhen: () => load('show-when'),
  // A question element: it also takes this bundle's form-control base and styles (one LocalizeController, one set of
  // catalogues for the page), which its file leaves out (rollup.config.js).
  choice: () => load('choice', { ANSWER_EVENT, FormControl, questionStyles, tokens }),
});
