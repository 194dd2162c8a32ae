#!/usr/bin/env node
// Size budgets of the built files: prints raw, gzip and brotli sizes of each and
// every budget, checks that on-demand languages stay out of the main bundles, and
// fails when anything is over. `--deps` adds what each dependency costs in a
// bundle (from its source map), the table in the README; `--files` the same by source file.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { FEATURES } from './rollup/features.js';

const KB = 1024;
/**
 * `gzip` is the target the issues set; `budget` what issue 15 decided the check enforces (24 / 20 KB); `ceiling`,
 * where given, what it enforces until the budget is met: just above the size reached, so any growth still fails the
 * test command. Lowered on 2026-12-02 from 32 / 29.5 KB to 31.5 / 29 KB: show-when and the popover's timing checks
 * load on demand (dist/features/); the README's Size says what the rest would take (`node scripts/size-floor.js`).
 * Raised the same afternoon to 31.75 / 29.25 KB for what the day's fixes cost: the schemas' NUL, lone-surrogate and
 * score-against-answer checks (+0.11 KB), storable text answers (+0.12), the outbox's deletes behind its requests
 * (+0.22), the response locale `und` for an unreadable lang (+0.05).
 */
export const budgets = [
  { file: 'dist/koubei.iife.js', gzip: 20 * KB, budget: 24 * KB, ceiling: 31.75 * KB, what: 'script tag, everything' },
  { file: 'dist/nps.js', gzip: 15 * KB, budget: 20 * KB, ceiling: 29.25 * KB, what: 'koubei/nps: survey + NPS + outbox' },
  { file: 'dist/nps.iife.js', gzip: 15 * KB, budget: 20 * KB, ceiling: 29.25 * KB, what: 'koubei/nps as a script tag' },
  { file: 'dist/features/placement.js', gzip: 4 * KB, what: 'popover and frequency rules, on demand' },
  { file: 'dist/features/steps.js', gzip: 1.5 * KB, what: 'steps, on demand' },
  { file: 'dist/features/prefill.js', gzip: 3 * KB, what: 'URL prefill (email landing pages), on demand' },
  { file: 'dist/features/show-when.js', gzip: 1 * KB, what: 'show-when (follow-up questions), on demand' },
  { file: 'dist/features/choice.js', gzip: 3 * KB, what: '<koubei-choice>, on demand' },
  { file: 'dist/scoring.js', gzip: 3 * KB, what: 'koubei/scoring (no Lit)' },
  { file: 'dist/locales/ja.js', gzip: 2 * KB, what: 'Japanese, on demand' },
  { file: 'dist/locales/ko.js', gzip: 2 * KB, what: 'Korean, on demand' },
  { file: 'dist/report.js', gzip: 20 * KB, what: 'koubei/report as a script tag, Lit included' },
  { file: 'dist/report.esm.js', gzip: 20 * KB, what: 'koubei/report as an ES module' },
  // 3.5 KB since 2026-12-02: the messages for the report's own bad attributes, the drivers' named caveat, partial periods.
  { file: 'dist/report-locales/zh-CN.js', gzip: 3.5 * KB, what: "the report's Chinese, loaded beside it" },
  { file: 'dist/report-locales/zh-TW.js', gzip: 3.5 * KB, what: "the report's Traditional Chinese" },
  { file: 'dist/report-locales/en.js', gzip: 3.5 * KB, what: "the report's English" },
  { file: 'dist/koubei.js', gzip: null, what: 'ES module and the chunks it imports, with zod' },
  { file: 'dist/schema.js', gzip: null, what: 'koubei/schema (zod/mini)' },
];

/** Kana or Hangul in a main bundle means ja or ko was bundled instead of loaded on demand. */
const LAZY_SCRIPTS = /[\u3040-\u30ff\u1100-\u11ff\uac00-\ud7af]/;
const MAIN_BUNDLES = ['dist/koubei.iife.js', 'dist/nps.js', 'dist/nps.iife.js', 'dist/koubei.js'];

/** The files a page loads for `file`: a classic script alone, an ES module with the chunks it imports statically (dynamic imports load later, if at all). */
function loadedFiles(file, seen = new Set()) {
  if (seen.has(file)) return [];
  seen.add(file);
  if (file.endsWith('.iife.js')) return [file];
  const code = readFileSync(file, 'utf8');
  const deps = [...code.matchAll(/(?:^|[;}])\s*(?:import|export)\b[^;'"]*?from\s*"(\.[^"]+)"|(?:^|;)import"(\.[^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return [file, ...deps.flatMap((d) => loadedFiles(join(dirname(file), d), seen))];
}

/**
 * `bundledModules(file)`: the source modules (paths from the current folder, e.g. src/components/survey/steps.ts)
 * whose code a page loads for `file`, from the source maps of the file and its static imports.
 */
export function bundledModules(file) {
  const modules = new Set();
  for (const f of loadedFiles(file)) {
    const map = JSON.parse(readFileSync(`${f}.map`, 'utf8'));
    for (const s of map.sources) if (s) modules.add(relative('.', resolve(dirname(f), map.sourceRoot ?? '', s)).split('\\').join('/'));
  }
  return modules;
}

/** `misplacedFeatures(file, features)`: the on-demand features (scripts/rollup/features.js) bundled into `file`. */
export const misplacedFeatures = (file, features = FEATURES) => {
  const modules = bundledModules(file);
  return features.filter((f) => [f.input, ...(f.modules ?? [])].some((m) => modules.has(m)) && !(f.inKoubeiModule && file === 'dist/koubei.js'));
};

/** What a page loads for a file: a classic script alone, an ES module with its static imports. */
const loaded = (file) => loadedFiles(file).map((f) => readFileSync(f, 'utf8')).join('');

export function measure(file) {
  const buf = Buffer.from(loaded(file));
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function* segments(mappings) {
  let line = 0;
  let source = 0;
  for (const l of mappings.split(';')) {
    let col = 0;
    for (const seg of l.split(',')) {
      if (!seg) continue;
      const fields = [];
      let v = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = B64.indexOf(ch);
        v += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(v & 1 ? -(v >>> 1) : v >>> 1);
          v = shift = 0;
        }
      }
      col += fields[0];
      if (fields.length > 1) source += fields[1];
      yield { line, col, source: fields.length > 1 ? source : -1 };
    }
    line++;
  }
}

export const group = (source) => {
  if (process.argv.includes('--files')) return source.replace(/^(\.\.\/)+/, '').replace(/^node_modules\//, '');
  const dep = source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
  if (!dep) return "Koubei's own code";
  return /^(lit|lit-html|lit-element|@lit\/.*)$/.test(dep) ? 'lit' : dep;
};

/**
 * Bytes of a minified bundle by dependency, from its source map: raw bytes are
 * exact; a group's gzip share is the bundle's gzip size split in proportion to
 * each group's bytes compressed alone (groups compress better together).
 */
export function byDependency(file) {
  const code = readFileSync(file, 'utf8');
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = code.split('\n');
  const parts = new Map();
  const put = (g, text) => parts.set(g, (parts.get(g) ?? '') + text);
  let prev;
  const flush = (end) => {
    if (prev) put(prev.g, lines[prev.line].slice(prev.col, end));
  };
  for (const s of segments(map.mappings)) {
    if (prev && prev.line !== s.line) flush(undefined);
    else flush(s.col);
    if (!prev || prev.line !== s.line) put('(wrapper)', lines[s.line].slice(0, s.col));
    prev = { ...s, g: s.source < 0 ? '(wrapper)' : group(map.sources[s.source]) };
  }
  flush(undefined);
  const total = gzipSync(code, { level: 9 }).length;
  const rows = [...parts].map(([g, text]) => ({ group: g, raw: Buffer.byteLength(text), alone: gzipSync(text, { level: 9 }).length }));
  const sum = rows.reduce((n, r) => n + r.alone, 0);
  for (const r of rows) r.gzip = Math.round((total * r.alone) / sum);
  return rows.sort((a, b) => b.raw - a.raw);
}

const fmt = (n) => `${(n / KB).toFixed(2)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  console.log(`${'file'.padEnd(28)} ${'raw'.padEnd(10)} ${'gzip'.padEnd(10)} ${'brotli'.padEnd(10)} ${'target (gzip); budget; enforced ceiling'.padEnd(44)} what`);
  for (const b of budgets) {
    if (!existsSync(b.file)) {
      console.log(`${b.file.padEnd(28)} MISSING (run npm run build)`);
      failed++;
      continue;
    }
    const s = measure(b.file);
    // The ceiling while the budget is not met, then the budget, else the target.
    const limit = b.budget && s.gzip > b.budget && b.ceiling ? b.ceiling : (b.budget ?? b.gzip);
    const over = limit !== null && s.gzip > limit;
    if (over) failed++;
    const target = b.gzip === null ? '-' : `${fmt(b.gzip)} ${s.gzip > b.gzip ? `missed by ${fmt(s.gzip - b.gzip)}` : 'ok'}`;
    const budget = b.budget ? `; budget ${fmt(b.budget)} ${s.gzip > b.budget ? `missed by ${fmt(s.gzip - b.budget)}` : over ? 'OVER' : 'ok'}` : '';
    const enforced = budget + (limit === b.ceiling ? `; ceiling ${fmt(b.ceiling)} ${over ? 'OVER' : 'ok'}` : !b.budget && over ? ' OVER' : '');
    console.log(`${b.file.padEnd(28)} ${fmt(s.raw).padEnd(10)} ${fmt(s.gzip).padEnd(10)} ${fmt(s.brotli).padEnd(10)} ${(target + enforced).padEnd(44)} ${b.what}`);
  }
  for (const file of MAIN_BUNDLES.filter(existsSync)) {
    const hit = loaded(file).match(LAZY_SCRIPTS);
    if (hit) {
      failed++;
      console.log(`${file}: holds Japanese or Korean text ("${hit[0]}"): those catalogues must load on demand`);
    }
  }
  console.log(`languages: ja and ko absent from ${MAIN_BUNDLES.join(', ')}${failed ? '' : ' (ok)'}`);
  // By module id (the source maps), not by any text the code happens to hold.
  const bundled = MAIN_BUNDLES.filter(existsSync).flatMap((file) => misplacedFeatures(file).map((f) => `${f.input} (${f.what}) in ${file}`));
  if (bundled.length) failed++;
  console.log(`features: ${bundled.length ? `BUNDLED, they must load on demand: ${bundled.join('; ')}` : `${FEATURES.map((f) => f.name).join(', ')} absent from ${MAIN_BUNDLES.join(', ')} (choice is part of dist/koubei.js) (ok)`}`);
  if (process.argv.includes('--deps') || process.argv.includes('--files')) {
    for (const file of ['dist/koubei.iife.js', 'dist/nps.js']) {
      console.log(`\n${file} by dependency\n${'part'.padEnd(44)} ${'raw'.padEnd(10)} gzip share`);
      for (const r of byDependency(file)) console.log(`${r.group.padEnd(44)} ${fmt(r.raw).padEnd(10)} ${fmt(r.gzip)}`);
    }
  }
  if (failed) console.log('over budget: `node scripts/size.js --deps` (or --files) shows where the bytes go');
  process.exit(failed ? 1 : 0);
}
