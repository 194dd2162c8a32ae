// The build's TypeScript plugin (scripts/rollup/ts.js): './x.js' imports find './x.ts', types are stripped, and
// class fields are assigned ([[Set]]), which Lit's reactive properties need.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

test("an import of './x.js' from TypeScript resolves to './x.ts', and types leave no trace", async () => {
  const root = fixture({
    'a.ts': "import { twice } from './b.js';\nexport const four: number = twice(2);\n",
    'b.ts': 'export const twice = (n: number): number => n * 2;\n',
  });
  const [chunk] = await bundle(join(root, 'a.ts'), [ts()]);
  assert.doesNotMatch(chunk.code, /: number/);
  const mod = await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`);
  assert.equal(mod.four, 4); // twice(2) = 2 * 2
});

test('class fields are assigned in the constructor, so a setter of the base class sees them', async () => {
  const root = fixture({
    'a.ts': `class Base { seen: unknown[] = []; set value(v: unknown) { this.seen.push(v); } get value() { return 0; } }
class Sub extends Base { value: unknown = 7; }
export const seen = new Sub().seen;
`,
  });
  const [chunk] = await bundle(join(root, 'a.ts'), [ts()]);
  const mod = await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`);
  // [[Define]] would shadow the setter with an own property and `seen` would stay empty.
  assert.deepEqual(mod.seen, [7]);
});

test('a JavaScript import or a missing .ts file is left to the next resolver', () => {
  const plugin = ts();
  assert.equal(plugin.resolveId('./nowhere.js', join(fixture({ 'a.ts': '' }), 'a.ts')), null);
  assert.equal(plugin.resolveId('./b.js', '/x/a.js'), null);
  assert.equal(plugin.resolveId('lit', '/x/a.ts'), null);
});
