import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** TypeScript → JavaScript with esbuild (types are checked by `tsc`, see `npm run typecheck`). */
const ts = () => ({
  name: 'esbuild-ts',
  // Sources import './x.js' (what tsc emits); the file on disk is './x.ts'.
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
      tsconfigRaw: { compilerOptions: { experimentalDecorators: true, useDefineForClassFields: false } },
    });
    return { code: out.code, map: out.map };
  },
});

const min = () =>
  terser({
    ecma: 2021,
    module: true,
    compress: { passes: 2 },
    format: { comments: false },
  });

const plugins = (minify) => [nodeResolve({ exportConditions: ['production'] }), ts(), ...(minify ? [min()] : [])];
const onwarn = (w, warn) => {
  if (w.code === 'THIS_IS_UNDEFINED') return;
  // zod's own annotations and internal cycles are harmless and not ours to fix.
  if ((w.code === 'INVALID_ANNOTATION' || w.code === 'CIRCULAR_DEPENDENCY') && /node_modules/.test(w.id ?? w.ids?.join() ?? w.message)) return;
  warn(w);
};

export default [
  // ES modules: the full library, per-element entries, scoring and schema for servers, lazy locales.
  {
    input: {
      koubei: 'src/index.ts',
      scoring: 'src/scoring/index.ts',
      schema: 'src/schema.ts',
      email: 'src/email/render-email.ts',
      'locales/ja': 'src/i18n/ja.ts',
      'locales/ko': 'src/i18n/ko.ts',
    },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js', sourcemap: true },
    plugins: plugins(true),
    onwarn,
  },
  // The classic-script build.
  {
    input: 'src/iife.ts',
    output: { file: 'dist/koubei.iife.js', format: 'iife', sourcemap: true },
    plugins: plugins(true),
    onwarn,
  },
];
