// The size check finds on-demand features in a bundle by module id, from the source maps (scripts/size.js), not by
// any text the code holds: a feature whose module is in a bundle's map, or in a chunk it imports statically, is
// bundled; one behind a dynamic import is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bundledModules, misplacedFeatures } from '../../scripts/size.js';
import { fixture } from './build-support.js';

const map = (...sources) => JSON.stringify({ version: 3, sources, names: [], mappings: '' });
const root = fixture({
  'dist/nps.js': 'import{a}from"./nps-shared.js";import("./nps-steps.js");',
  'dist/nps.js.map': map('../src/nps.ts'),
  'dist/nps-shared.js': 'export const a=1;',
  'dist/nps-shared.js.map': map('../src/components/survey/placement-controller.ts', '../node_modules/lit/index.js'),
  'dist/nps-steps.js': 'export{};',
  'dist/nps-steps.js.map': map('../src/components/survey/steps.ts'),
  'dist/koubei.js': 'export{};',
  'dist/koubei.js.map': map('../src/index.ts', '../src/components/choice/choice.ts'),
  'dist/koubei.iife.js': '(()=>{})();',
  'dist/koubei.iife.js.map': map('../src/iife.ts', '../src/components/choice/choice.ts'),
});
const FEATURES = [
  { name: 'placement', input: 'src/components/survey/placement-controller.ts', what: 'popover' },
  { name: 'steps', input: 'src/components/survey/steps.ts', what: 'steps' },
  { name: 'choice', input: 'src/components/choice/choice.ts', what: 'choice', inKoubeiModule: true },
];

test('the modules of an ES module include its static imports, not its dynamic ones', () => {
  process.chdir(root);
  assert.deepEqual([...bundledModules('dist/nps.js')].sort(), ['node_modules/lit/index.js', 'src/components/survey/placement-controller.ts', 'src/nps.ts']);
});

test('a feature in a static import is reported; one loaded on demand is not', () => {
  process.chdir(root);
  assert.deepEqual(misplacedFeatures('dist/nps.js', FEATURES).map((f) => f.name), ['placement']);
});

test('choice is expected in dist/koubei.js and refused in the script tag', () => {
  process.chdir(root);
  assert.deepEqual(misplacedFeatures('dist/koubei.js', FEATURES), []);
  assert.deepEqual(misplacedFeatures('dist/koubei.iife.js', FEATURES).map((f) => f.name), ['choice']);
});

test("a feature's other modules count as the feature: prefill.ts bundled without its entry is reported", () => {
  process.chdir(root);
  const prefill = { name: 'prefill', input: 'src/components/survey/landing.ts', modules: ['src/components/survey/prefill.ts'], what: 'prefill' };
  assert.deepEqual(misplacedFeatures('dist/koubei.js', [prefill]), []);
  const withPrefill = fixture({ 'dist/x.iife.js': '(()=>{})();', 'dist/x.iife.js.map': map('../src/iife.ts', '../src/components/survey/prefill.ts') });
  process.chdir(withPrefill);
  assert.deepEqual(misplacedFeatures('dist/x.iife.js', [prefill]).map((f) => f.name), ['prefill']);
});
