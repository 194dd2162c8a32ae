import { transform } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * `ts()`: TypeScript → JavaScript with esbuild's `transform` (types are checked by `tsc`, `npm run typecheck`).
 * Sources import './x.js' (what tsc emits); the file on disk is './x.ts'. Class fields keep `[[Set]]` semantics
 * (`useDefineForClassFields: false`), which Lit's reactive properties need; no decorators (none are used).
 */
export const ts = () => ({
  name: 'esbuild-ts',
  resolveId(source, importer) {
    if (!importer?.endsWith('.ts') || !source.startsWith('.') || !source.endsWith('.js')) return null;
    const file = resolve(dirname(importer), source.slice(0, -3) + '.ts');
    return existsSync(file) ? file : null;
  },
  async transform(code, id) {
    if (!id.endsWith('.ts')) return null;
    const out = await transform(code, {
      loader: 'ts',
      target: 'es2021',
      sourcefile: id,
      sourcemap: true,
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    });
    return { code: out.code, map: out.map };
  },
});
