// The lite-schema plugin (scripts/rollup/lite-schema.js): './schema.js' runs src/schema-lite.ts in a browser build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { liteSchema } from '../../scripts/rollup/lite-schema.js';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

test("'./schema.js' resolves to schema-lite.ts with the plugin, to schema.ts without it", async () => {
  const root = fixture({
    'src/outbox/a.ts': "import { which } from '../schema.js';\nexport { which };\n",
    'src/schema.ts': "export const which = 'zod';\n",
    'src/schema-lite.ts': "export const which = 'lite';\n",
  });
  const load = async (plugins) => {
    const [chunk] = await bundle(join(root, 'src/outbox/a.ts'), plugins);
    return (await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`)).which;
  };
  assert.equal(await load([ts()]), 'zod');
  assert.equal(await load([liteSchema(), ts()]), 'lite');
});
