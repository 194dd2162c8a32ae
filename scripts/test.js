#!/usr/bin/env node
// The whole test command: system set-up, build, type check, size budgets, Node
// tests, the collector's tests against PGlite and against a real PostgreSQL,
// browser tests (Chromium and Firefox ESR) and end-to-end tests, then one
// closing line "N passed, N failed" (", N skipped" when some were) that CI
// reads. `npm test -- node e2e` runs only the stages named, in the usual order.
//
// The closing line must not lie: a runner that crashes, is killed, or ends
// without its summary counts as a failure of its stage, and the summary is the
// one the runner prints last, not a line a test printed on the way.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePackages } from './setup.js';
import { startPostgres } from '../test/support/postgres.js';

const COLLECTOR_TESTS = 'test/collector/';
const nodeTest = (dir, ...more) => ['node', ['--test', '--test-reporter=tap', ...more, dir]];

/**
 * The stages, in the order they run. kind says how a stage is counted:
 * "check" is one pass or one failure by exit code, "tap" reads node:test's
 * TAP summary, "wtr" reads the totals test/support/count-reporter.js writes.
 * @type {{ name: string, kind: 'check' | 'tap' | 'wtr', cmd: [string, string[]], db?: 'pglite' | 'postgres', note?: string }[]}
 */
export const STAGES = [
  { name: 'build', kind: 'check', cmd: ['npm', ['run', '--silent', 'build']] },
  { name: 'typecheck', kind: 'check', cmd: ['npx', ['tsc', '--noEmit', '-p', '.']] },
  { name: 'size', kind: 'check', cmd: ['node', ['scripts/size.js']] },
  { name: 'node', kind: 'tap', cmd: nodeTest('test/node/') },
  { name: 'collector-pglite', kind: 'tap', cmd: nodeTest(COLLECTOR_TESTS, '--test-concurrency=1'), db: 'pglite' },
  { name: 'collector-postgres', kind: 'tap', cmd: nodeTest(COLLECTOR_TESTS, '--test-concurrency=1'), db: 'postgres' },
  { name: 'browser', kind: 'wtr', cmd: ['npx', ['wtr']], note: 'Chromium and Firefox ESR, one progress bar each' },
  { name: 'e2e', kind: 'tap', cmd: nodeTest('test/e2e/', '--test-concurrency=1'), note: 'Chromium and Firefox ESR through puppeteer' },
];

/**
 * selectStages(args): the stages named on the command line, in run order;
 * all of them when none is named.
 * @param {string[]} args process.argv.slice(2)
 * @returns {{ stages: typeof STAGES } | { error: string }} error names the unknown argument and lists the known stages
 */
export function selectStages(args) {
  if (!Array.isArray(args)) throw new TypeError('selectStages(args): args must be an array of strings');
  const known = STAGES.map((s) => s.name);
  const unknown = args.filter((a) => !known.includes(a));
  if (unknown.length) {
    const what = unknown.map((a) => JSON.stringify(a)).join(', ');
    return { error: `scripts/test.js: unknown stage ${what}. The stages are: ${known.join(', ')}` };
  }
  return { stages: args.length ? STAGES.filter((s) => args.includes(s.name)) : STAGES };
}

const SUMMARY = /^# (tests|suites|pass|fail|cancelled|skipped|todo|duration_ms) (\d+(?:\.\d+)?)$/;

/**
 * countTap(output): the totals of a node:test run from its TAP output. The
 * summary is the block of "# pass N" / "# fail N" ... lines at the very end,
 * right after the plan line "1..N". A test's own output reaches the TAP stream
 * only as "# ..." comment lines, never as a bare plan line, so a test that
 * prints "pass 999" (shown as "# pass 999") in the middle cannot fake it.
 * Mapping as node counts: failed = fail + cancelled, skipped = skipped + todo.
 * @param {string} output the runner's whole standard output
 * @returns {{ passed: number, failed: number, skipped: number, tests: number } | null} null when the output does not end with a summary (the runner crashed or was killed)
 */
export function countTap(output) {
  if (typeof output !== 'string') throw new TypeError('countTap(output): output must be a string');
  const lines = output.replace(/\r\n/g, '\n').trimEnd().split('\n');
  const found = {};
  let i = lines.length - 1;
  for (; i >= 0; i--) {
    const m = SUMMARY.exec(lines[i]);
    if (!m) break;
    if (m[1] in found) return null; // two summaries run together: not one runner's ending
    found[m[1]] = Number(m[2]);
  }
  if (i < 0 || !/^1\.\.\d+$/.test(lines[i]) || !('pass' in found) || !('fail' in found)) return null;
  const n = (k) => found[k] ?? 0;
  return {
    passed: n('pass'),
    failed: n('fail') + n('cancelled'),
    skipped: n('skipped') + n('todo'),
    tests: 'tests' in found ? n('tests') : n('pass') + n('fail') + n('cancelled') + n('skipped') + n('todo'),
  };
}

/**
 * countWtr(file): the totals test/support/count-reporter.js wrote for a
 * @web/test-runner run.
 * @param {string} file path of the JSON file (WTR_COUNTS)
 * @returns {{ passed: number, failed: number, skipped: number, tests: number } | null} null when the file is missing or not totals (the run crashed before its end)
 */
export function countWtr(file) {
  if (!existsSync(file)) return null;
  let c;
  try {
    c = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
  if (!['passed', 'failed', 'skipped'].every((k) => Number.isInteger(c?.[k]) && c[k] >= 0)) return null;
  return { passed: c.passed, failed: c.failed, skipped: c.skipped, tests: c.passed + c.failed + c.skipped };
}

/**
 * outcome(name, run): what one stage adds to the closing line, and the line
 * that says why when it is not a plain result. A stage whose runner crashed,
 * was killed, ran no tests, or exited non-zero with no failing test adds one
 * failure, so that the closing line never reads as a pass.
 * @param {string} name the stage's name
 * @param {{ kind: 'check' | 'tap' | 'wtr', code: number | null, signal: string | null, summary?: ReturnType<typeof countTap> }} run
 * @returns {{ passed: number, failed: number, skipped: number, message: string | null }}
 */
export function outcome(name, { kind, code, signal, summary = null }) {
  const how = signal ? `killed by ${signal}` : `exit ${code}`;
  if (kind === 'check') {
    return code === 0 && !signal
      ? { passed: 1, failed: 0, skipped: 0, message: null }
      : { passed: 0, failed: 1, skipped: 0, message: `=== ${name} failed (${how})` };
  }
  if (!summary) return { passed: 0, failed: 1, skipped: 0, message: `=== ${name} crashed before its summary (${how})` };
  const { passed, failed, skipped, tests } = summary;
  if (signal) return { passed, failed: failed + 1, skipped, message: `=== ${name} was killed by ${signal} after its summary` };
  if (tests === 0) return { passed, failed: failed + 1, skipped, message: `=== ${name} ran no tests (${how})` };
  if (code !== 0 && failed === 0) {
    return { passed, failed: 1, skipped, message: `=== ${name} exited with code ${code} although its summary counts no failure` };
  }
  return { passed, failed, skipped, message: code === 0 ? null : `=== ${name} failed (${how})` };
}

/**
 * closingLine(totals): the last line of the test command, which CI reads.
 * @param {{ passed: number, failed: number, skipped: number }} totals
 * @returns {string} "N passed, N failed", with ", N skipped" when N > 0
 */
export function closingLine({ passed, failed, skipped }) {
  for (const [k, v] of Object.entries({ passed, failed, skipped })) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`closingLine(totals): totals.${k} must be a whole number ≥ 0, got ${v}`);
  }
  return `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
}

// --- running -----------------------------------------------------------------

let child = null;
let interrupted = null;

/** Runs one command; with capture, tees its standard output and returns it. */
function exec(cmd, args, { env, capture }) {
  return new Promise((done) => {
    let output = '';
    child = spawn(cmd, args, { stdio: ['inherit', capture ? 'pipe' : 'inherit', 'inherit'], env });
    child.stdout?.setEncoding('utf8').on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('error', (error) => {
      console.error(`=== could not start ${cmd}: ${error.message}`);
      child = null;
      done({ code: 127, signal: null, output });
    });
    child.on('close', (code, signal) => {
      child = null;
      done({ code, signal, output });
    });
  });
}

// The database variables come from the stage only: a developer's own (or the
// other stage's) must not turn the PGlite run into a PostgreSQL one. Nor may
// NODE_TEST_CONTEXT (set when this runs under node --test) turn the runners'
// TAP into node's internal protocol.
function envFor(stage, extra) {
  const env = { ...process.env };
  for (const k of ['KOUBEI_TEST_DB', 'KOUBEI_TEST_DATABASE_URL', 'KOUBEI_TEST_PG_DATA', 'NODE_TEST_CONTEXT']) delete env[k];
  if (stage.db) env.KOUBEI_TEST_DB = stage.db;
  return Object.assign(env, extra);
}

const hasTests = (dir) => existsSync(dir) && readdirSync(dir, { recursive: true }).some((f) => /\.test\.[cm]?js$/.test(String(f)));

async function main(args) {
  const picked = selectStages(args);
  if ('error' in picked) {
    console.error(picked.error);
    return 2;
  }
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const add = (r) => {
    totals.passed += r.passed;
    totals.failed += r.failed;
    totals.skipped += r.skipped;
    if (r.message) console.log(r.message);
  };

  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // A second Ctrl-C does not wait for the runner to wind down.
      if (interrupted) return child?.kill('SIGKILL');
      interrupted = signal;
      console.error(`\n=== ${signal}: stopping ${child ? 'the running stage' : 'after this step'}`);
      child?.kill(signal);
      // CI sends SIGKILL soon after SIGTERM: be done (server stopped, folder removed) before then.
      setTimeout(() => child?.kill('SIGKILL'), 10_000).unref();
    });
  }

  const setup = ensurePackages(picked.stages.map((s) => s.name));
  if (!setup.ok) {
    add({ passed: 0, failed: 1, skipped: 0, message: '=== setup failed: the stages cannot run without the packages above' });
    console.log(`\n${closingLine(totals)}`);
    return 1;
  }

  const began = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'koubei-test-'));
  let postgres = null;
  // The server runs in its own session: a crash or Ctrl-C here would leave it running.
  const stopPostgres = () => {
    const server = postgres;
    postgres = null;
    try {
      server?.stop();
    } catch (error) {
      add({ passed: 0, failed: 1, skipped: 0, message: `=== could not stop PostgreSQL: ${error.message}` });
    }
  };
  try {
    for (const stage of picked.stages) {
      if (interrupted) break;
      const [cmd, argv] = stage.cmd;
      if (stage.db && !existsSync(COLLECTOR_TESTS)) {
        console.log(`\n=== ${stage.name}: skipped, ${COLLECTOR_TESTS} does not exist yet`);
        continue;
      }
      const extra = {};
      if (stage.kind === 'wtr') extra.WTR_COUNTS = join(tmp, 'wtr.json');
      if (stage.db === 'postgres' && hasTests(COLLECTOR_TESTS)) {
        try {
          postgres = await startPostgres();
        } catch (error) {
          add({ passed: 0, failed: 1, skipped: 0, message: `=== ${stage.name}: could not start PostgreSQL: ${error.message}` });
          continue;
        }
        Object.assign(extra, { KOUBEI_TEST_DATABASE_URL: postgres.url, KOUBEI_TEST_PG_DATA: postgres.dataDir });
        console.log(`\n=== ${stage.name}: PostgreSQL at ${postgres.url}`);
      }
      console.log(`\n=== ${stage.name}: ${[cmd, ...argv].join(' ')}${stage.note ? ` (${stage.note})` : ''}`);
      const started = Date.now();
      const run = await exec(cmd, argv, { env: envFor(stage, extra), capture: stage.kind === 'tap' });
      stopPostgres();
      const summary = stage.kind === 'tap' ? countTap(run.output) : stage.kind === 'wtr' ? countWtr(extra.WTR_COUNTS) : null;
      const result = outcome(stage.name, { kind: stage.kind, code: run.code, signal: run.signal, summary });
      add(result);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`=== ${stage.name}: ${closingLine(result)} in ${seconds} s`);
    }
  } catch (error) {
    // A fault of this script is a failure too, and still ends with the closing line.
    add({ passed: 0, failed: 1, skipped: 0, message: `=== scripts/test.js failed: ${error.stack ?? error}` });
  } finally {
    stopPostgres();
    rmSync(tmp, { recursive: true, force: true });
  }
  // CI allows 30 minutes; the stage lines above say where the time went.
  console.log(`\n=== ${picked.stages.length} stage${picked.stages.length > 1 ? 's' : ''} in ${((Date.now() - began) / 60000).toFixed(1)} min`);
  console.log(`\n${closingLine(totals)}`);
  if (interrupted) return 128 + constants.signals[interrupted];
  return totals.failed ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // exit, not exitCode: a handle a runner left open must not keep CI waiting.
  process.exit(await main(process.argv.slice(2)));
}
