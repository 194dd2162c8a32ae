// Shared by the build plugins' tests (build-*.test.js): a throwaway folder of source files, bundled in memory.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { rollup } from 'rollup';

/** Writes `files` ({ 'src/a.ts': 'text' }) under a new temporary folder and returns the folder. */
export function fixture(files) {
  const root = mkdtempSync(join(tmpdir(), 'koubei-build-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return root;
}

/** Bundles `input` with `plugins` (ES module unless `output` says otherwise) and returns the first chunk's code. */
export async function bundle(input, plugins, output = { format: 'es' }, extra = {}) {
  const build = await rollup({ input, plugins, onwarn: () => {}, ...extra });
  try {
    const { output: chunks } = await build.generate(output);
    return chunks;
  } finally {
    await build.close();
  }
}
