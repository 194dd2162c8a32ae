// Catalogues and Koubei.addMessages are type-checked.
// test/i18n/types/messages.check.ts marks each bad use with @ts-expect-error, so
// tsc passes only while every one of them really is a type error.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const checkFile = join(root, 'test/i18n/types/messages.check.ts');

/** tsc's errors that concern the given file (the rest of src is the typecheck stage's job). */
function errorsIn(project, file) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--pretty', 'false'], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes(file) && /error TS/.test(l));
}

test('every @ts-expect-error in messages.check.ts is a type error (and nothing else is)', () => {
  assert.deepEqual(errorsIn(join(root, 'test/i18n/types'), 'messages.check.ts'), []);
});

test('without the directives, each marked line fails to compile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'koubei-types-'));
  try {
    const source = readFileSync(checkFile, 'utf8');
    const expected = source.match(/^\s*\/\/ @ts-expect-error/gm).length;
    const stripped = source
      .replace(/^\s*\/\/ @ts-expect-error.*$/gm, '')
      .replaceAll("'../../../src/", `'${root}/src/`)
      .replaceAll('"../../../src/', `"${root}/src/`);
    writeFileSync(join(dir, 'stripped.ts'), stripped);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(root, 'tsconfig.json'), compilerOptions: { noEmit: true, rootDir: '/', noUnusedLocals: false }, include: ['./*.ts'] }),
    );
    const errors = errorsIn(dir, 'stripped.ts');
    assert.equal(errors.length, expected, errors.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
