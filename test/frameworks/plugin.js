/**
 * Real React 19 and Vue 3 for the framework tests (test/frameworks/), loaded as an app's bundler would give them.
 *
 * React ships CommonJS only, which the test runner's node-resolve serves unconverted (and @rollup/plugin-commonjs
 * is not installed), so React is bundled here by esbuild, in memory, once per run: one bundle for react, react-dom
 * and react-dom/client (one copy of React, as an app has), re-exported under their own names. Vue ships ES modules:
 * `vue` is its browser build with the template compiler (vue.esm-browser.js), so templates compile at run time with
 * the `isCustomElement` option a shop sets. Only imports from test/frameworks/ are redirected; nothing else changes.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const BASE = '/__frameworks/';
const REACT = ['react', 'react-dom', 'react-dom/client'];
const file = (id) => `${id.replace(/\//g, '-')}.js`;
const identifier = /^[A-Za-z_$][\w$]*$/;

let bundle;
/** One ES module exporting each React module's namespace (`m0`, `m1`, …), built on first use. */
function reactBundle() {
  bundle ??= build({
    stdin: {
      contents: REACT.map((id, i) => `export * as m${i} from ${JSON.stringify(id)};`).join('\n'),
      resolveDir: here,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2021',
    write: false,
    logLevel: 'silent',
    // React's development build, as `npm run dev` of an app loads it (its warnings reach the console).
    define: { 'process.env.NODE_ENV': '"development"' },
  }).then((r) => r.outputFiles[0].text);
  return bundle;
}

/**
 * The export names of a React module: its own keys, read from the same package in a Node process of its own
 * (React's development build wraps console methods when it loads, which the test runner's console does not take).
 */
function exportNames(id) {
  const keys = JSON.parse(execFileSync(process.execPath, ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(id)}))))`], { cwd: here, encoding: 'utf8' }));
  return keys.filter((n) => identifier.test(n) && n !== 'default');
}

/** A module re-exporting one React module from the bundle under its own named exports (none listed by hand). */
function reexport(i) {
  const names = exportNames(REACT[i]);
  return `import { m${i} as m } from './react-bundle.js';\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
}

/** The dev-server plugin: add it to web-test-runner.config.js's plugins. */
export function frameworksPlugin() {
  return {
    name: 'koubei-frameworks',
    resolveImport({ source, context }) {
      if (!context.path.startsWith('/test/frameworks/')) return undefined;
      if (REACT.includes(source)) return BASE + file(source);
      if (source === 'vue') return '/node_modules/vue/dist/vue.esm-browser.js';
      return undefined;
    },
    async serve(context) {
      if (!context.path.startsWith(BASE)) return undefined;
      const name = context.path.slice(BASE.length);
      if (name === 'react-bundle.js') return { body: await reactBundle(), type: 'js' };
      const i = REACT.findIndex((id) => file(id) === name);
      return i < 0 ? undefined : { body: reexport(i), type: 'js' };
    },
  };
}
