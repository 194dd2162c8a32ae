#!/usr/bin/env node
// What a script tag would weigh without some of its parts: builds dist/koubei.iife.js (or the file given, e.g.
// dist/nps.iife.js) in memory from the working tree with modules rewritten or replaced by stubs, and prints the gzip
// size of each combination. An estimate for deciding what to move out next (issue 15), not a test: a stub does not
// work, and the loader a real split needs is not counted. Nothing is written. `node scripts/size-floor.js [file]`
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import config from '../rollup.config.js';

/** Text of three words or more (a string or a template's text): the wording of a message. */
const isWording = (t) => t.length > 24 && /\S+\s+\S+\s+\S+/.test(t) && !/[{};<>]/.test(t);
/** Runs after TypeScript is stripped (`this`: rollup's plugin context): every worded string and template text emptied. */
function noWording(code) {
  const edits = [];
  const walk = (node) => {
    if (node.type === 'Literal' && typeof node.value === 'string' && isWording(node.value)) edits.push([node.start, node.end, "''"]);
    if (node.type === 'TemplateElement' && isWording(node.value.raw)) edits.push([node.start, node.end, '']);
    if (node.type === 'TaggedTemplateExpression') return; // css`` and html``: markup, not wording
    for (const [k, v] of Object.entries(node)) if (k !== 'loc') for (const c of Array.isArray(v) ? v : [v]) if (c && typeof c.type === 'string') walk(c);
  };
  walk(this.parse(code));
  for (const [a, b, by] of edits.sort((x, y) => y[0] - x[0])) code = code.slice(0, a) + by + code.slice(b);
  return code;
}
const WORDED = [
  'survey/settings.ts',
  'survey/questions.ts',
  'survey/response.ts',
  'survey/submit.ts',
  'survey/survey.ts',
  'base/form-control.ts',
  'likert/likert.ts',
  'text/text.ts',
  'nps/nps.ts',
  'i18n/controller.ts',
  'choice/lazy.ts',
];

/** Name → { module path suffix → (source) => source }. */
const STUBS = {
  'zh-CN and zh-TW on demand (like ja, ko)': {
    'src/i18n/catalogue.ts': (c) => c.replace("import zhCN from './zh-cn.js';", 'const zhCN = {} as any;').replace("import zhTW from './zh-tw.js';", 'const zhTW = {} as any;'),
  },
  'zh-TW on demand': { 'src/i18n/catalogue.ts': (c) => c.replace("import zhTW from './zh-tw.js';", 'const zhTW = {} as any;') },
  // An upper bound: the catalogue of wording a real split loads, and each message's key, are not counted.
  'configuration messages: wording on demand (survey, questions)': Object.fromEntries(WORDED.map((m) => [m, noWording])),
  // responseSchema and friends are synchronous public APIs (parse, safeParse): this is what they cost, not a design.
  'schema-lite validation (cost only)': {
    'src/schema-lite.ts': () =>
      "export const SCHEMA_VERSION = 'koubei/1'; export const formatSchemaError = () => []; export const textProblem = () => undefined; export const localeProblem = () => undefined; export const mismatches = () => []; export class SchemaError extends Error {} const s = { parse: (x) => x, safeParse: (x) => ({ success: true, data: x }) }; export const responseSchema = s, batchSchema = s, scoreSchema = s;",
  },
};

const file = process.argv[2] ?? 'dist/koubei.iife.js';
async function gzipKB(names) {
  const base = config.find((c) => c.output.file === file);
  if (!base) throw new Error(`${file} is not a classic-script build of rollup.config.js`);
  const edits = names.flatMap((n) => Object.entries(STUBS[n]));
  // Source rewrites see TypeScript; noWording sees JavaScript (after the ts plugin).
  const stub = (js) => ({
    name: `stub-${js ? 'js' : 'ts'}`,
    transform(code, id) {
      let out = null;
      for (const [suffix, f] of edits) if ((f === noWording) === js && id.split('\\').join('/').endsWith(suffix)) out = f.call(this, out ?? code);
      return out;
    },
  });
  const at = base.plugins.findIndex((p) => p.name === 'esbuild-ts') + 1;
  if (!at) throw new Error('no esbuild-ts plugin in the build: update scripts/size-floor.js');
  const plugins = [stub(false), ...base.plugins.slice(0, at), stub(true), ...base.plugins.slice(at)];
  const bundle = await rollup({ ...base, plugins, onwarn() {} });
  const { output } = await bundle.generate({ format: 'iife' });
  return gzipSync(output[0].code, { level: 9 }).length / 1024;
}

const rows = [[], ...Object.keys(STUBS).map((n) => [n]), Object.keys(STUBS).filter((n) => n !== 'zh-TW on demand')];
const all = await gzipKB([]);
console.log(`${file}, gzip, from the working tree`);
for (const r of rows) {
  try {
    const kb = await gzipKB(r);
    console.log(`${kb.toFixed(2).padStart(6)} KB  ${r.length ? `-${(all - kb).toFixed(2)}` : '     '}  ${r.join(' + ') || 'as built'}`);
  } catch (e) {
    console.log(`   n/a          ${r.join(' + ')}: ${e.message.split('\n')[0]}`);
  }
}
