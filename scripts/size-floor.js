#!/usr/bin/env node
// What the script tag would weigh without some of its parts: builds dist/koubei.iife.js
// in memory with modules replaced by stubs and prints the gzip size of each
// combination. An estimate for deciding what to split off (issues 2 and 6), not a
// test; nothing is written. `node scripts/size-floor.js`
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import config from '../rollup.config.js';

const outbox = readFileSync('src/outbox/index.ts', 'utf8');
const cut = (from, to) => {
  const a = outbox.indexOf(from);
  const b = outbox.indexOf(to);
  if (a < 0 || b < a) throw new Error(`src/outbox/index.ts changed: "${from}" / "${to}" not found in order; update size-floor.js`);
  return [a, b];
};
const [flushAt, pendingAt] = cut('let running: Promise<void> | undefined;', '/** Responses waiting for delivery. */');
const [, winAt] = cut('/** Responses waiting for delivery. */', 'if (win) {');

/** Module (path suffix) → stub source. */
const STUBS = {
  // The outbox keeps storing (submit, the queue, quarantine, limits); sending, retries and tabs load on demand.
  'delivery on demand': [
    'src/outbox/index.ts',
    outbox.slice(0, flushAt) +
      "export const flush = (): Promise<void> => import(/* @vite-ignore */ document.baseURI + 'features/delivery.js').then((m) => m.f(cache, readAll, sent, write));\n" +
      outbox.slice(pendingAt, winAt) +
      "if (win) addEventListener('load', () => void readAll().then((r) => r.length && flush()));\n",
  ],
  'prefill on demand': [
    'src/components/survey/prefill.ts',
    `export const camel = (n) => n.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
export function contextFromUrl(s, l) { const o = {}; if (!l) return o; const p = new URLSearchParams(s);
  for (const n of l.split(',')) { const v = p.get(n.trim()); if (n.trim() && v) o[camel(n.trim())] = v; } return o; }
export const validAnswer = () => undefined; export const prefillFromUrl = () => [];
export class PartialResponse { partial(r) { return r; } complete(r) { return r; } }`,
  ],
  'show-when on demand': ['src/components/survey/show-when.ts', 'export const parseShowWhen = () => undefined; export const matches = () => false; export function applyShowWhen() {}'],
  'no renderEmailNps': ['src/email/render-email.ts', 'export const renderEmailNps = () => ({ html: "", text: "" }); export const escapeHtml = (s) => s; export const surveyLink = (s) => s;'],
  'no summarize': ['src/scoring/summarize.ts', 'export function summarize() { return {}; }'],
};

async function gzipKB(names) {
  const base = config.find((c) => c.output.file === 'dist/koubei.iife.js');
  const stub = {
    name: 'stub',
    load(id) {
      for (const n of names) if (id.endsWith(STUBS[n][0])) return STUBS[n][1];
      return null;
    },
  };
  const bundle = await rollup({ ...base, plugins: [stub, ...base.plugins], onwarn() {} });
  const { output } = await bundle.generate({ format: 'iife' });
  return gzipSync(output[0].code, { level: 9 }).length / 1024;
}

const rows = [
  [],
  ['prefill on demand', 'show-when on demand'],
  ['delivery on demand'],
  ['delivery on demand', 'prefill on demand', 'show-when on demand'],
  ['prefill on demand', 'show-when on demand', 'no renderEmailNps', 'no summarize'],
  ['delivery on demand', 'prefill on demand', 'show-when on demand', 'no renderEmailNps', 'no summarize'],
];
for (const r of rows) console.log(`${(await gzipKB(r)).toFixed(2).padStart(6)} KB  ${r.join(' + ') || 'as built'}`);
