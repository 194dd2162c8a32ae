// The on-demand feature plugins (scripts/rollup/features.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { featureFactory, standaloneFeatures } from '../../scripts/rollup/features.js';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

test('a self-contained build runs features-standalone.ts where the source imports ./features.js', async () => {
  const root = fixture({
    'src/entry.ts': "import { where } from './features.js';\nexport { where };\n",
    'src/features.ts': "export const where = 'chunks';\n",
    'src/features-standalone.ts': "export const where = 'dist/features';\n",
  });
  const load = async (plugins) => {
    const [chunk] = await bundle(join(root, 'src/entry.ts'), plugins);
    return (await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`)).where;
  };
  assert.equal(await load([ts()]), 'chunks');
  assert.equal(await load([standaloneFeatures(), ts()]), 'dist/features');
});

test("a feature file is a function of the loader's Lit that returns the module's exports", async () => {
  const root = fixture({ 'choice.ts': "import { html } from 'lit';\nexport const view = (x: string) => html(x);\n" });
  const [chunk] = await bundle(join(root, 'choice.ts'), [ts(), featureFactory()], { format: 'iife', name: '__feature', globals: () => 'lit' }, { external: ['lit'] });
  const factory = (await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`)).default;
  const lit = { html: (s) => `<${s}>` };
  assert.equal(factory(lit).view('b'), '<b>'); // the loader's html, not a bundled copy
});
