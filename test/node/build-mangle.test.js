// Which property names the bundles rename (scripts/rollup/mangle.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mangledNames, mangleRegex, dependencyFolders } from '../../scripts/rollup/mangle.js';
import { fixture } from './build-support.js';

const root = fixture({
  'src/a.ts': 'class A { private _own = 1; protected _hook(): void {} private _shared = 2; __lit = 3; }\n',
  'src/b.ts': 'class B { protected _shared = 0; }\nconst o = { _zod: 1 };\n',
  'deps/zod/index.js': 'export const mark = (s) => s._zod;\n',
});

test('the list is sorted, each name once, and a dependency\'s names are kept', () => {
  const names = mangledNames({ src: join(root, 'src'), deps: [join(root, 'deps/zod')] });
  assert.deepEqual(names, [...new Set(names)].sort());
  assert.ok(!names.includes('_zod'), 'zod reads _zod: renaming it would break the shop\'s own zod');
});

test('the regex matches whole names only, and an empty list renames nothing', () => {
  const re = mangleRegex(['_a', '_b']);
  assert.ok(re.test('_a'));
  assert.ok(!re.test('_ab'));
  assert.ok(!re.test('x_a'));
  assert.ok(!mangleRegex([]).test('_a'));
  assert.ok(!mangleRegex([]).test(''));
});

test("dependency folders: Lit and the dependencies a browser module imports, not the collector's", () => {
  const src = fixture({
    'a.ts': "import { z } from 'zod';\nimport { html } from 'lit';\n",
    'b.ts': "const m = import('idb-keyval');\n",
    'collector/db.ts': "import pg from 'pg';\nimport { PGlite } from '@electric-sql/pglite';\n",
  });
  const pkg = { dependencies: { zod: '^4', lit: '^3', 'idb-keyval': '^6', pg: '^8', '@electric-sql/pglite': '^0.3' } };
  assert.deepEqual(dependencyFolders(pkg, { src, root: 'nm' }), ['nm/lit-html', 'nm/lit-element', 'nm/@lit/reactive-element', 'nm/zod', 'nm/lit', 'nm/idb-keyval']);
});

test('renamed: `private` members and `__` names; kept: any name a class declares protected or public', () => {
  const names = mangledNames({ src: join(root, 'src'), deps: [join(root, 'deps/zod')] });
  // _own: private in A. __lit: Lit's rule. _hook: protected (a subclass overrides it). _shared: private in A but
  // protected in B, so part of B's API. _zod: not declared private (and a dependency's name).
  assert.deepEqual(names, ['__lit', '_own']);
});

test("Koubei's FormControl keeps its protected hooks, and a private member of it is renamed", () => {
  const names = new Set(mangledNames({ src: 'src', deps: dependencyFolders(JSON.parse(readFileSync('package.json', 'utf8'))) }));
  for (const hook of ['_parse', '_validityFlags', '_focusTarget', '_defaultQuestion', '_commit', '_renderQuestion', '_renderError', '_formValue', '_internals', '_l10n', '_error']) {
    assert.ok(!names.has(hook), `${hook} is protected in FormControl: it must keep its name`);
  }
  assert.ok(names.has('_syncForm'), 'FormControl#_syncForm is private: renamed');
});
