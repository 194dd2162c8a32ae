// The ES modules' features (features.ts): dynamic imports, which bundlers (and rollup for dist/) split into chunks
// that load only when a survey asks for them. Imported first by the ES entries, index.ts and nps-esm.ts.
import { installFeatures } from './features.js';

installFeatures({
  placement: () => import('./components/survey/placement-controller.js'),
  steps: () => import('./components/survey/steps.js'),
  prefill: () => import('./components/survey/landing.js'),
  choice: () => import('./components/choice/choice.js'),
  showWhen: () => import('./components/survey/show-when.js'),
});
