// test/README.md, the index of what covers what, names every test file and only files that exist: a test added
// without a line in the index, or a line left after its file was moved or removed, fails here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const INDEX = 'test/README.md';

/**
 * The files the index must list: every *.test.ts / *.test.js a runner picks up, and the type-check sources
 * and their tsconfig in test/types/ and test/i18n/types/ (compiled by node tests, never run). Generated pages
 * (folders starting with a dot, e.g. test/e2e/.pages) are not tests.
 */
export function testFiles(root = ROOT) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      const rel = relative(root, path).split('\\').join('/');
      if (entry.isDirectory()) walk(path);
      else if (/\.test\.(ts|js)$/.test(entry.name) || /^test\/(i18n\/)?types\/[^/]+\.(tsx?|json)$/.test(rel)) out.push(rel);
    }
  };
  walk(join(root, 'test'));
  return out.sort();
}

/** The paths the index names: every `test/...` in backticks. A path ending in "/" is a folder; a glob or a placeholder (`*`, `<file>`) is not a path. */
export function indexedPaths(markdown) {
  const paths = [...markdown.matchAll(/`(test\/[^`\s]*)`/g)].map((m) => m[1]).filter((p) => !/[*<>]/.test(p));
  return [...new Set(paths)].sort();
}

test('indexedPaths reads backticked test/ paths, once each, and nothing else', () => {
  const md = 'See `test/a/x.test.ts` and `test/a/x.test.ts`, `test/e2e/outbox/`, `npm test`, `test/**/*.test.ts`, `test/node/<file>`, test/b/y.test.js.';
  assert.deepEqual(indexedPaths(md), ['test/a/x.test.ts', 'test/e2e/outbox/']);
});

test('every test file is in test/README.md', () => {
  const listed = new Set(indexedPaths(readFileSync(join(ROOT, INDEX), 'utf8')));
  const missing = testFiles().filter((f) => !listed.has(f));
  assert.deepEqual(missing, [], `add these to ${INDEX} under their area: ${missing.join(', ')}`);
});

test('every path in test/README.md exists', () => {
  const gone = indexedPaths(readFileSync(join(ROOT, INDEX), 'utf8')).filter((p) => !existsSync(join(ROOT, p)));
  assert.deepEqual(gone, [], `${INDEX} names paths that do not exist: ${gone.join(', ')}`);
});

test('the index finds this file and the test files of each stage (the walk is not empty)', () => {
  const files = testFiles();
  assert.ok(files.includes('test/node/test-index.test.js'));
  for (const dir of ['test/node/', 'test/collector/', 'test/e2e/', 'test/components/', 'test/types/']) {
    assert.ok(files.some((f) => f.startsWith(dir)), dir);
  }
});
