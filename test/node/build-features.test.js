// The on-demand feature plugins (scripts/rollup/features.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { featureFactory } from '../../scripts/rollup/features.js';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

test("a feature file is a function of the loader's Lit that returns the module's exports", async () => {
  const root = fixture({ 'choice.ts': "import { html } from 'lit';\nexport const view = (x: string) => html(x);\n" });
  const [chunk] = await bundle(join(root, 'choice.ts'), [ts(), featureFactory()], { format: 'iife', name: '__feature', globals: () => 'lit' }, { external: ['lit'] });
  const factory = (await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`)).default;
  const lit = { html: (s) => `<${s}>` };
  assert.equal(factory(lit).view('b'), '<b>'); // the loader's html, not a bundled copy
});
