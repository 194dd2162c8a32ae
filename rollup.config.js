import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { transform } from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

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

/**
 * Shrinks the static text of Lit's css`` and html`` templates (about a tenth of
 * the bundle is their indentation): CSS loses comments and every space a CSS
 * parser ignores; in HTML a whitespace run holding a line break becomes one
 * space, which HTML renders the same (no template has <pre>, and <textarea>
 * content is always bound, never literal).
 */
export const minifyTemplates = () => ({
  name: 'minify-templates',
  transform(code, id) {
    if (!id.endsWith('.ts') || !/\b(css|html)`/.test(code)) return null;
    const edits = [];
    const walk = (node) => {
      if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'css' || node.tag.name === 'html')) {
        const quasis = node.quasi.quasis;
        quasis.forEach((q, i) => {
          const raw = code.slice(q.start, q.end);
          const text = node.tag.name === 'css' ? minifyCss(raw, i === 0, i === quasis.length - 1) : minifyHtml(raw);
          if (text !== raw) edits.push([q.start, q.end, text]);
        });
      }
      for (const [key, v] of Object.entries(node)) {
        if (key === 'loc') continue;
        for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child.type === 'string') walk(child);
      }
    };
    walk(this.parse(code));
    return edits.length ? applyEdits(code, edits.sort((a, b) => a[0] - b[0])) : null;
  },
});

export const minifyHtml = (raw) => raw.replace(/\s*\n\s*/g, ' ');

export function minifyCss(raw, first = true, last = true) {
  let s = raw.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ');
  s = s.replace(/ ?([{};,>]) ?/g, '$1');
  // After a colon only: a space before one is a descendant combinator (`.a :hover`).
  s = s.replace(/: /g, ':').replace(/;}/g, '}');
  if (first) s = s.replace(/^ /, '');
  if (last) s = s.replace(/ $/, '');
  return s;
}

/** Applies [start, end, text] edits (sorted, disjoint) with a source map back to `code`. */
function applyEdits(code, edits) {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  const where = (off) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return [lo, off - starts[lo]];
  };
  const lines = [[]];
  let out = '';
  let col = 0;
  const mark = (off) => lines[lines.length - 1].push([col, ...where(off)]);
  const emit = (text, from) => {
    // `from`: the input offset of each new output line, or a fixed offset for replaced text.
    for (let i = 0; i < text.length; i++) {
      out += text[i];
      col++;
      if (text[i] === '\n') {
        lines.push([]);
        col = 0;
        mark(typeof from === 'number' ? from : from(i + 1));
      }
    }
  };
  let at = 0;
  mark(0);
  for (const [start, end, text] of edits) {
    emit(code.slice(at, start), (i) => at + i);
    emit(text, start);
    mark(end);
    at = end;
  }
  emit(code.slice(at), (i) => at + i);
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const vlq = (n) => {
    let v = n < 0 ? (-n << 1) | 1 : n << 1;
    let s = '';
    do {
      let d = v & 31;
      v >>>= 5;
      if (v) d |= 32;
      s += B64[d];
    } while (v);
    return s;
  };
  let pl = 0;
  let pc = 0;
  const mappings = lines
    .map((segs) => {
      let pcol = 0;
      return segs
        .map(([c, l, sc]) => {
          const s = vlq(c - pcol) + 'A' + vlq(l - pl) + vlq(sc - pc);
          pcol = c;
          pl = l;
          pc = sc;
          return s;
        })
        .join(',');
    })
    .join(';');
  return { code: out, map: { version: 3, sources: [null], names: [], mappings } };
}

/**
 * Private members (`_name`, the house style) are renamed in the bundles, the
 * same way in every chunk of one build (a shared name cache). A feature chunk
 * built on its own (dist/features/) talks to the survey through public members
 * only. Only Koubei's own names are renamed: not decorated ones (`@state() _done`
 * reaches Lit as the string "_done"), and none that a bundled dependency also
 * uses (zod's `_zod` marks a schema to the shop's own zod).
 */
export function mangledNames() {
  const sources = (dir) =>
    readdirSync(dir, { recursive: true })
      .filter((f) => /\.(ts|js)$/.test(String(f)))
      .map((f) => readFileSync(join(dir, String(f)), 'utf8'));
  const names = (texts) => new Set(texts.flatMap((t) => t.match(/\b_[a-zA-Z]\w*/g) ?? []));
  const deps = ['lit-html', 'lit-element', '@lit/reactive-element', ...Object.keys(JSON.parse(readFileSync('package.json', 'utf8')).dependencies)];
  const theirs = names(deps.flatMap((d) => sources(join('node_modules', d))));
  const ours = sources('src');
  const decorated = new Set(
    ours.flatMap((t) => [...t.matchAll(/@(?:state|property)\([^)]*\)\s*(?:(?:private|protected|public|readonly|override)\s+)*(_\w+)/g)].map((m) => m[1])),
  );
  return [...names(ours)].filter((n) => !theirs.has(n) && !decorated.has(n)).sort();
}
const MANGLED = new RegExp(`^(?:${mangledNames().join('|')})$`);
// One cache for every build: a question element loaded on demand (dist/features/choice.js) extends the script's
// FormControl, so its protected members must be renamed the same way in both files.
const nameCache = {};
const min = () =>
  terser({
    ecma: 2021,
    module: true,
    compress: { passes: 3 },
    mangle: { properties: { regex: MANGLED } },
    nameCache,
    format: { comments: false },
  });

/**
 * Browser bundles validate with schema-lite.ts instead of zod (about 8 KB gzip
 * less; test/node/schema-lite.test.js proves the two agree). The ES module
 * koubei.js and koubei/schema keep the zod schemas.
 */
const liteSchema = () => ({
  name: 'lite-schema',
  async resolveId(source, importer, options) {
    if (!importer || importer.endsWith('schema-lite.ts') || !/\/schema\.js$/.test(source)) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r?.id.endsWith('/src/schema.ts') ? r.id.replace(/schema\.ts$/, 'schema-lite.ts') : null;
  },
});

/**
 * The self-contained builds (script tag, koubei/nps) load rarely used survey
 * features from dist/features/ instead of through the bundler's chunks.
 */
const standaloneFeatures = () => ({
  name: 'standalone-features',
  async resolveId(source, importer, options) {
    if (!importer || !/\/features\.js$/.test(source)) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r?.id.endsWith('/src/features.ts') ? r.id.replace(/features\.ts$/, 'features-standalone.ts') : null;
  },
});

/**
 * A feature chunk is an ES module whose default export takes the loading
 * bundle's Lit (`{ css, html, nothing }`, see src/features-standalone.ts) and
 * returns the module's exports: rollup writes it as an IIFE with `lit` as its
 * global, and this wraps that in the function.
 */
const featureFactory = () => ({
  name: 'feature-factory',
  renderChunk: (code) => ({ code: `export default function(lit){${code}return __feature}`, map: null }),
});

const plugins = (minify, node = false) => [
  ...(node ? [ssrShim()] : []),
  nodeResolve({ exportConditions: node ? ['node', 'production'] : ['production'] }),
  ts(),
  minifyTemplates(),
  ...(minify ? [min()] : []),
];

/**
 * The ES modules (koubei, koubei/nps) bundle Lit's Node build, which guards every DOM global it reads, so
 * `import 'koubei'` loads in Node without a DOM (Next.js, Nuxt, Astro, SvelteKit server builds); in a browser it
 * is the same Lit. Its DOM shim is replaced by a few lines (src/ssr-shim.ts): nothing else of it is needed.
 */
const ssrShim = () => ({
  name: 'ssr-shim',
  resolveId: (source) => (source === '@lit-labs/ssr-dom-shim' ? resolve('src/ssr-shim.ts') : null),
});
const onwarn = (w, warn) => {
  if (w.code === 'THIS_IS_UNDEFINED') return;
  // zod's own annotations and internal cycles are harmless and not ours to fix.
  if ((w.code === 'INVALID_ANNOTATION' || w.code === 'CIRCULAR_DEPENDENCY') && /node_modules/.test(w.id ?? w.ids?.join() ?? w.message)) return;
  warn(w);
};

/** Node-only code (the collector): its dependencies and Node's built-ins stay imports, nothing is minified. */
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nodeExternal = (id) => id.startsWith('node:') || Object.keys(pkg.dependencies).some((d) => id === d || id.startsWith(d + '/'));

/** `import sql from './sql/001-x.sql'`: the migration's text, as a string (the collector's numbered migrations). */
const sqlText = () => ({
  name: 'sql-text',
  load: (id) => (id.endsWith('.sql') ? `export default ${JSON.stringify(readFileSync(id, 'utf8'))};` : null),
});

/**
 * The report's `import('./en.js')` (src/components/report/i18n/index.ts) stays a dynamic import of
 * dist/report-locales/<lang>.js, relative to the script: a classic script's import() resolves
 * against the script's own URL, so dist/report.js finds its languages wherever it is hosted.
 */
const REPORT_LOCALES = { 'en.js': 'en', 'zh-cn.js': 'zh-CN', 'zh-tw.js': 'zh-TW' };
const reportLocales = () => ({
  name: 'report-locales',
  resolveDynamicImport(specifier, importer) {
    const file = typeof specifier === 'string' && /components\/report\/i18n\/index\.ts$/.test(importer ?? '') && REPORT_LOCALES[specifier.replace(/^\.\//, '')];
    return file ? { id: `./report-locales/${file}.js`, external: 'relative' } : null;
  },
});
/**
 * The report shares no class with the survey's bundles, so it needs none of their shared name cache: a cache of
 * its own (one per build) keeps its renamed members as short as they can be (its 20 KB budget is tight).
 */
const reportPlugins = () => [
  reportLocales(),
  nodeResolve({ exportConditions: ['production'] }),
  ts(),
  minifyTemplates(),
  terser({ ecma: 2021, module: true, compress: { passes: 3 }, mangle: { properties: { regex: MANGLED } }, nameCache: {}, format: { comments: false } }),
];

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
    input: { nps: 'src/nps.ts' },
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'nps-[name]-[hash].js', sourcemap: true },
    plugins: [liteSchema(), ...plugins(true, true)],
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
  // The classic-script builds: one file each, features from dist/features/.
  ...[
    ['src/iife.ts', 'dist/koubei.iife.js'],
    ['src/nps-iife.ts', 'dist/nps.iife.js'],
  ].map(([input, file]) => ({
    input,
    output: { file, format: 'iife', sourcemap: true },
    plugins: [liteSchema(), standaloneFeatures(), ...plugins(true)],
    onwarn,
  })),
  // Survey features the self-contained builds load on demand (src/features.ts).
  // A question element (choice) also leaves out the form-control base and styles: the loader hands in its own.
  ...[
    ['placement', 'src/components/survey/placement-controller.ts'],
    ['steps', 'src/components/survey/steps.ts'],
    ['choice', 'src/components/choice/choice.ts'],
  ].map(([name, input]) => ({
    input,
    external: (id) => id === 'lit' || /\/base\/(form-control|tokens\.styles)\.(js|ts)$/.test(id),
    output: { file: `dist/features/${name}.js`, format: 'iife', name: '__feature', globals: () => 'lit', sourcemap: true },
    plugins: [...plugins(false), featureFactory(), min()],
    onwarn,
  })),
];
