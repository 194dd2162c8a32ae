// The builds of Koubei: which entries, which plugins, which output. The plugins live in scripts/rollup/, each with
// a test in test/node/build-*.test.js.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { readFileSync } from 'node:fs';
import { FEATURES, featureFactory } from './scripts/rollup/features.js';
import { dependencyFolders, mangledNames, mangleRegex } from './scripts/rollup/mangle.js';
import { minifyTemplates } from './scripts/rollup/minify-templates.js';
import { reportLocales } from './scripts/rollup/report-locales.js';
import { noZod } from './scripts/rollup/schema-guard.js';
import { sqlText } from './scripts/rollup/sql-text.js';
import { ssrShim } from './scripts/rollup/ssr-shim.js';
import { ts } from './scripts/rollup/ts.js';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

// Only names written to be renamed (`private` members, `__` names; see scripts/rollup/mangle.js) are renamed, so the
// exported FormControl keeps its protected hooks. One name cache for every build: a question element loaded on demand
// (dist/features/choice.js) extends the script's FormControl, so both files must agree.
const MANGLED = mangleRegex(mangledNames({ src: 'src', deps: dependencyFolders(pkg) }));
const nameCache = {};
const min = (cache = nameCache) =>
  terser({
    ecma: 2021,
    module: true,
    compress: { passes: 3 },
    mangle: { properties: { regex: MANGLED } },
    nameCache: cache,
    format: { comments: false },
  });

// The browser builds (koubei/nps, the script tags) validate with src/schema-lite.ts, imported by name; noZod() fails
// such a build if zod gets in.
const plugins = (minify, node = false) => [
  ...(node ? [ssrShim()] : []),
  nodeResolve({ exportConditions: node ? ['node', 'production'] : ['production'] }),
  ts(),
  minifyTemplates(),
  ...(minify ? [min()] : []),
];

const onwarn = (w, warn) => {
  if (w.code === 'THIS_IS_UNDEFINED') return;
  // zod's own annotations and internal cycles are harmless and not ours to fix.
  if ((w.code === 'INVALID_ANNOTATION' || w.code === 'CIRCULAR_DEPENDENCY') && /node_modules/.test(w.id ?? w.ids?.join() ?? w.message)) return;
  warn(w);
};

/** Node-only code (the collector): its dependencies and Node's built-ins stay imports, nothing is minified. */
const nodeExternal = (id) => id.startsWith('node:') || Object.keys(pkg.dependencies).some((d) => id === d || id.startsWith(d + '/'));

// The report shares no class with the survey's bundles, so it needs none of their shared name cache: a cache of
// its own (one per build) keeps its renamed members as short as they can be (its 20 KB budget is tight).
const reportPlugins = () => [reportLocales(), nodeResolve({ exportConditions: ['production'] }), ts(), minifyTemplates(), min({})];

export default [
  // The collector, for Node: never part of a browser bundle.
  {
    input: { collector: 'src/collector/index.ts' },
    external: nodeExternal,
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'server-[name]-[hash].js', sourcemap: true },
    plugins: [sqlText(), ts()],
    onwarn,
  },
  // ES modules: the full library, per-element entries, scoring and schema for servers, lazy locales.
  // Chunks sit beside the entries: the code that finds locales/ from import.meta.url may land in one.
  {
    input: {
      koubei: 'src/index.ts',
      scoring: 'src/scoring/index.ts',
      schema: 'src/schema.ts',
      'schema-lite': 'src/schema-lite.ts',
      email: 'src/email/render-email.ts',
      privacy: 'src/privacy/index.ts',
      analysis: 'src/analysis/index.ts',
      'locales/ja': 'src/i18n/ja.ts',
      'locales/ko': 'src/i18n/ko.ts',
    },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunk-[name]-[hash].js', sourcemap: true },
    plugins: plugins(true, true),
    onwarn,
  },
  // koubei/nps as an ES module (zod-free like the script tags); its on-demand features are chunks beside it, which
  // bundlers and <script type="module"> both follow.
  {
    input: { nps: 'src/nps-esm.ts' },
    // The entry is a facade (nps-esm.ts re-exports nps.ts): let its chunk carry the exports the feature chunks import,
    // so dist/nps.js stays the one file a page loads, not a stub and a chunk.
    preserveEntrySignatures: 'allow-extension',
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'nps-[name]-[hash].js', sourcemap: true },
    plugins: [noZod(), ...plugins(true, true)],
    onwarn,
  },
  // koubei/report, the shop owner's page: the ES module (dist/report.esm.js, package.json "./report") and one classic
  // script for an admin page (dist/report.js). Neither is part of the survey's script tag.
  // Its catalogues are files of their own (dist/report-locales/), loaded on demand by both.
  {
    input: {
      'report.esm': 'src/report.ts',
      'report-locales/en': 'src/components/report/i18n/en.ts',
      'report-locales/zh-CN': 'src/components/report/i18n/zh-cn.ts',
      'report-locales/zh-TW': 'src/components/report/i18n/zh-tw.ts',
    },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'report-[name]-[hash].js', sourcemap: true },
    plugins: reportPlugins(),
    onwarn,
  },
  {
    input: 'src/report-iife.ts',
    output: { file: 'dist/report.js', format: 'iife', sourcemap: true },
    plugins: reportPlugins(),
    onwarn,
  },
  // The classic-script builds: one file each, features from dist/features/ (their entries install features-standalone.ts).
  ...[
    ['src/iife.ts', 'dist/koubei.iife.js'],
    ['src/nps-iife.ts', 'dist/nps.iife.js'],
  ].map(([input, file]) => ({
    input,
    output: { file, format: 'iife', sourcemap: true },
    plugins: [noZod(), ...plugins(true)],
    onwarn,
  })),
  // Survey features the self-contained builds load on demand (src/features.ts).
  // A question element (choice) also leaves out the form-control base and styles: the loader hands in its own.
  // Every feature leaves out the clock and the storage layer (src/clock.ts, src/storage/index.ts): the loader hands in
  // its own, one of each per page.
  ...FEATURES.map(({ name, input }) => ({
    input,
    external: (id) => id === 'lit' || /\/base\/(form-control|tokens\.styles)\.(js|ts)$|\/(clock|storage\/index)\.(js|ts)$/.test(id),
    output: { file: `dist/features/${name}.js`, format: 'iife', name: '__feature', globals: () => 'lit', sourcemap: true },
    plugins: [...plugins(false), featureFactory(), min()],
    onwarn,
  })),
];
