// <koubei-nps brand="…"> and the other elements type-check in React 19 TSX (test/types/react.tsx,
// including @ts-expect-error lines that fail when a wrong type is accepted).
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

it('test/types type-checks with the element types of src/jsx.ts', () => {
  const r = spawnSync('npx', ['tsc', '-p', 'test/types'], { cwd: new URL('../..', import.meta.url), encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
