#!/usr/bin/env node
// Size budgets of the built files: prints raw, gzip and brotli sizes and
// fails when a gzipped size is over its budget.
import { readFileSync, existsSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;
export const budgets = [
  { file: 'dist/koubei.iife.js', gzip: 24 * KB, what: 'script-tag build, everything' },
  { file: 'dist/koubei.js', gzip: null, what: 'ES module, everything' },
  { file: 'dist/scoring.js', gzip: 3 * KB, what: 'scoring for servers (no Lit)' },
  { file: 'dist/schema.js', gzip: null, what: 'zod schemas for servers' },
  { file: 'dist/locales/ja.js', gzip: 2 * KB, what: 'Japanese, loaded on demand' },
  { file: 'dist/locales/ko.js', gzip: 2 * KB, what: 'Korean, loaded on demand' },
];

export function measure(file) {
  const buf = readFileSync(file);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

const fmt = (n) => `${(n / KB).toFixed(2)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  let failed = 0;
  console.log('file                         raw         gzip        brotli      budget (gzip)');
  for (const b of budgets) {
    if (!existsSync(b.file)) {
      console.log(`${b.file.padEnd(28)} MISSING (run npm run build)`);
      failed++;
      continue;
    }
    const s = measure(b.file);
    const over = b.gzip !== null && s.gzip > b.gzip;
    if (over) failed++;
    console.log(
      `${b.file.padEnd(28)} ${fmt(s.raw).padEnd(11)} ${fmt(s.gzip).padEnd(11)} ${fmt(s.brotli).padEnd(11)} ${b.gzip === null ? '-' : `${fmt(b.gzip)} ${over ? 'OVER BUDGET' : 'ok'}`}`,
    );
  }
  process.exit(failed ? 1 : 0);
}
