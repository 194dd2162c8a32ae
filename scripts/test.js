#!/usr/bin/env node
// The whole test command: build, type check, size budgets, Node tests, browser
// tests (Chromium and Firefox ESR) and end-to-end tests, then one closing line
// "N passed, N failed" that CI reads.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;
const only = process.argv.slice(2);

function run(name, cmd, args, { env = {}, counts } = {}) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: counts === 'tap' ? ['inherit', 'pipe', 'inherit'] : 'inherit', env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (counts === 'tap') {
    process.stdout.write(r.stdout ?? '');
    const n = (k) => Number((r.stdout ?? '').match(new RegExp(`^# ${k} (\\d+)`, 'm'))?.[1] ?? 0);
    totals.passed += n('pass');
    totals.failed += n('fail') + n('cancelled');
    totals.skipped += n('skipped') + n('todo');
  } else if (typeof counts === 'string' && existsSync(counts)) {
    const c = JSON.parse(readFileSync(counts, 'utf8'));
    for (const k of Object.keys(totals)) totals[k] += c[k] ?? 0;
  } else if (counts === 'check') {
    totals[r.status === 0 ? 'passed' : 'failed']++;
  }
  if (r.status !== 0) {
    broken = true;
    console.error(`=== ${name} failed (exit ${r.status ?? r.signal})`);
  }
}

const tmp = mkdtempSync(join(tmpdir(), 'koubei-test-'));
run('build', 'npm', ['run', '--silent', 'build'], { counts: 'check' });
run('typecheck', 'npx', ['tsc', '--noEmit', '-p', '.'], { counts: 'check' });
run('size', 'node', ['scripts/size.js'], { counts: 'check' });
run('node', 'node', ['--test', '--test-reporter=tap', 'test/node/'], { counts: 'tap' });
run('browser', 'npx', ['wtr'], { env: { WTR_COUNTS: join(tmp, 'wtr.json') }, counts: join(tmp, 'wtr.json') });
run('e2e', 'node', ['--test', '--test-reporter=tap', '--test-concurrency=1', 'test/e2e/'], { counts: 'tap' });

const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(broken || totals.failed ? 1 : 0);
