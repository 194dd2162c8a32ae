// The browser builds' schema checks (scripts/rollup/schema-guard.js): zod in a browser build fails it, naming the
// importer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { noZod } from '../../scripts/rollup/schema-guard.js';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

const root = fixture({
  'src/outbox/send.ts': "import { which } from '../schema.js';\nexport { which };\n",
  'src/page.ts': "import { which } from './schema.js';\nexport { which };\n",
  'src/lite-page.ts': "import { which } from './schema-lite.js';\nexport { which };\n",
  'src/schema.ts': "import { z } from 'zod';\nexport const which = z + 'zod';\n",
  'src/schema-lite.ts': "export const which = 'lite';\n",
  'node_modules/zod/package.json': '{"name":"zod","type":"module","main":"index.js"}',
  'node_modules/zod/index.js': "export const z = '';\n",
});
const zodResolver = { name: 'zod', resolveId: (s) => (s === 'zod' ? join(root, 'node_modules/zod/index.js') : null) };
const run = async (entry, plugins) => {
  const [chunk] = await bundle(join(root, entry), [...plugins, ts(), zodResolver]);
  return (await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`)).which;
};

test('a browser build that imports schema-lite by name passes', async () => {
  assert.equal(await run('src/lite-page.ts', [noZod()]), 'lite');
});

test('zod in a browser build fails it and names the module that imported it', async () => {
  await assert.rejects(run('src/page.ts', [noZod()]), /zod is bundled into a browser build \(imported by src\/schema\.ts ← src\/page\.ts\)/);
});
