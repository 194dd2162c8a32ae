/**
 * On-demand survey features (src/features.ts). The self-contained builds (script tag, koubei/nps as a script)
 * load them from dist/features/ instead of through the bundler's chunks: their entries (src/iife.ts,
 * src/nps-iife.ts) install src/features-standalone.ts; no build step swaps a module.
 */

/**
 * The features, by the name of their file in dist/features/, and their entry modules. scripts/size.js checks by
 * these module ids that none is bundled into a main bundle (`inKoubeiModule`: `koubei`, the ES module, imports it
 * on purpose: <koubei-choice> is an ordinary import there).
 */
export const FEATURES = [
  { name: 'placement', input: 'src/components/survey/placement-controller.ts', what: 'popover and frequency rules' },
  { name: 'steps', input: 'src/components/survey/steps.ts', what: 'steps' },
  // `modules`: the modules only this feature uses, checked like its entry.
  { name: 'prefill', input: 'src/components/survey/landing.ts', modules: ['src/components/survey/prefill.ts', 'src/components/survey/presence.ts'], what: 'URL prefill' },
  { name: 'show-when', input: 'src/components/survey/show-when.ts', what: 'show-when (follow-up questions)' },
  { name: 'choice', input: 'src/components/choice/choice.ts', what: '<koubei-choice>', inKoubeiModule: true },
];

/**
 * `featureFactory()`: a feature chunk is an ES module whose default export takes the loading bundle's Lit
 * (`{ css, html, nothing }`, see src/features-standalone.ts) and returns the module's exports: rollup writes it
 * as an IIFE named `__feature` with `lit` as its global, and this wraps that in the function.
 */
export const featureFactory = () => ({
  name: 'feature-factory',
  renderChunk: (code) => ({ code: `export default function(lit){${code}return __feature}`, map: null }),
});
