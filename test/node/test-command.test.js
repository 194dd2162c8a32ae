// The test command's own counting (scripts/test.js) and its PostgreSQL helper
// (test/support/postgres.js): the closing line CI reads must not lie.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { STAGES, closingLine, countTap, countWtr, outcome, selectStages } from '../../scripts/test.js';
import { neededPackages } from '../../scripts/setup.js';
import { pgBin, sharedPostgres, startPostgres } from '../support/postgres.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const HELPER = fileURLToPath(new URL('../support/postgres.js', import.meta.url));

// A real node:test run: two passing tests, one failing, and a test that prints
// what looks like a summary ("pass 999" reaches TAP as "# pass 999").
const LIAR = `
import test from 'node:test';
test('prints a fake summary', () => { console.log('pass 999'); console.log('fail 0'); });
test('passes', () => {});
test('fails', () => { throw new Error('on purpose'); });
`;
// A test that kills the runner itself (its parent) before the runner can print a summary.
const CRASH = `
import test from 'node:test';
test('first', () => {});
test('kills the runner', () => { process.kill(process.ppid, 'SIGKILL'); return new Promise(() => {}); });
`;

describe('countTap', () => {
  let dir;
  const runTap = (name, source) => {
    const file = join(dir, name);
    writeFileSync(file, source);
    // Without NODE_TEST_CONTEXT, which would make the inner runner report to this one instead of printing TAP.
    const { NODE_TEST_CONTEXT, ...env } = process.env;
    return spawnSync(process.execPath, ['--test', '--test-reporter=tap', file], { encoding: 'utf8', env });
  };
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'koubei-test-command-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the summary at the end, not a "# pass 999" a test printed on the way', () => {
    const r = runTap('liar.test.mjs', LIAR);
    // The trap is real: the first "# pass" line in the output is the test's 999.
    assert.equal(r.stdout.match(/^# pass (\d+)/m)?.[1], '999');
    // 3 tests: "prints a fake summary" and "passes" pass (2), "fails" fails (1).
    assert.deepEqual(countTap(r.stdout), { passed: 2, failed: 1, skipped: 0, tests: 3 });
    assert.equal(r.status, 1);
  });

  it('finds no summary when the runner was killed before printing it', () => {
    const r = runTap('crash.test.mjs', CRASH);
    assert.equal(r.signal, 'SIGKILL');
    assert.equal(countTap(r.stdout), null);
    assert.deepEqual(outcome('collector-postgres', { kind: 'tap', code: r.status, signal: r.signal, summary: countTap(r.stdout) }), {
      passed: 0,
      failed: 1,
      skipped: 0,
      message: '=== collector-postgres crashed before its summary (killed by SIGKILL)',
    });
  });

  it('counts cancelled as failed and todo as skipped, as node does', () => {
    const tap = ['TAP version 13', 'ok 1 - a', '1..7', '# tests 9', '# suites 1', '# pass 4', '# fail 1', '# cancelled 2', '# skipped 1', '# todo 1', '# duration_ms 12.5', ''].join('\n');
    // failed = fail 1 + cancelled 2 = 3; skipped = skipped 1 + todo 1 = 2.
    assert.deepEqual(countTap(tap), { passed: 4, failed: 3, skipped: 2, tests: 9 });
  });

  it('refuses a summary-like ending that is only a test\'s output, or that has no plan line before it', () => {
    // A runner that died right after a test printed "pass 5" / "fail 0": comments, no plan line.
    const faked = ['TAP version 13', '# Subtest: x', '# pass 5', '# fail 0', ''].join('\n');
    assert.equal(countTap(faked), null);
    assert.equal(countTap(''), null);
    // Two summaries run together are not one runner's ending.
    assert.equal(countTap(['1..1', '# pass 1', '# fail 0', '# pass 1', '# fail 0'].join('\n')), null);
    // Output after the summary means it was not the end.
    assert.equal(countTap(['1..1', '# pass 1', '# fail 0', 'Error: boom'].join('\n')), null);
    assert.throws(() => countTap(undefined), TypeError);
  });
});

describe('outcome', () => {
  const summary = { passed: 5, failed: 0, skipped: 1, tests: 6 };
  it('adds a plain result as it is', () => {
    assert.deepEqual(outcome('node', { kind: 'tap', code: 0, signal: null, summary }), { passed: 5, failed: 0, skipped: 1, message: null });
  });
  it('counts one failure for a runner that exits non-zero with no failing test', () => {
    const r = outcome('e2e', { kind: 'tap', code: 7, signal: null, summary });
    assert.equal(r.failed, 1);
    assert.equal(r.message, '=== e2e exited with code 7 although its summary counts no failure');
  });
  it('counts one failure for a run of no tests, and one more for a runner killed after its summary', () => {
    assert.equal(outcome('collector-pglite', { kind: 'tap', code: 0, signal: null, summary: { passed: 0, failed: 0, skipped: 0, tests: 0 } }).failed, 1);
    // 2 failing tests + 1 for the kill = 3.
    assert.equal(outcome('e2e', { kind: 'tap', code: null, signal: 'SIGTERM', summary: { ...summary, failed: 2 } }).failed, 3);
  });
  it('counts a browser run whose totals file was never written as crashed', () => {
    const r = outcome('browser', { kind: 'wtr', code: 1, signal: null, summary: countWtr(join(tmpdir(), 'koubei-no-such-file.json')) });
    assert.deepEqual(r, { passed: 0, failed: 1, skipped: 0, message: '=== browser crashed before its summary (exit 1)' });
  });
  it('counts a check stage by its exit code', () => {
    assert.deepEqual(outcome('build', { kind: 'check', code: 0, signal: null }), { passed: 1, failed: 0, skipped: 0, message: null });
    assert.equal(outcome('build', { kind: 'check', code: 2, signal: null }).message, '=== build failed (exit 2)');
  });
});

describe('countWtr', () => {
  it('reads the totals count-reporter wrote and refuses anything else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'koubei-test-command-'));
    try {
      const file = join(dir, 'wtr.json');
      writeFileSync(file, JSON.stringify({ passed: 10, failed: 2, skipped: 3 }));
      // tests = 10 + 2 + 3 = 15
      assert.deepEqual(countWtr(file), { passed: 10, failed: 2, skipped: 3, tests: 15 });
      writeFileSync(file, '{"passed": 10');
      assert.equal(countWtr(file), null);
      writeFileSync(file, JSON.stringify({ passed: 10, failed: -1, skipped: 0 }));
      assert.equal(countWtr(file), null);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('closingLine', () => {
  it('is "N passed, N failed", with the skipped only when there are some', () => {
    assert.equal(closingLine({ passed: 3, failed: 0, skipped: 0 }), '3 passed, 0 failed');
    assert.equal(closingLine({ passed: 3, failed: 1, skipped: 2 }), '3 passed, 1 failed, 2 skipped');
    assert.throws(() => closingLine({ passed: 1.5, failed: 0, skipped: 0 }), RangeError);
    assert.throws(() => closingLine({ passed: 1, failed: undefined, skipped: 0 }), /totals\.failed/);
  });
});

describe('stage names', () => {
  it('runs the named stages in the usual order', () => {
    const r = selectStages(['e2e', 'node']);
    assert.deepEqual(r.stages.map((s) => s.name), ['node', 'e2e']);
    assert.equal(selectStages([]).stages.length, STAGES.length);
  });

  it('refuses an unknown stage with exit 2, listing the known ones, and runs nothing', () => {
    const r = spawnSync(process.execPath, ['scripts/test.js', 'nosuchstage'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown stage "nosuchstage"/);
    for (const s of STAGES) assert.ok(r.stderr.includes(s.name), `lists ${s.name}`);
    assert.equal(r.stdout, '');
  });

  it('asks for the system packages only of the stages that use them', () => {
    assert.deepEqual(neededPackages(['build', 'node']), []);
    assert.deepEqual(neededPackages(['collector-postgres', 'browser']), ['chromium', 'firefox-esr', 'postgresql', 'fonts-noto-cjk']);
    assert.throws(() => neededPackages('node'), TypeError);
  });
});

describe('sharedPostgres', () => {
  it('hands the runner\'s server to a test through the environment, without letting it stop it', () => {
    const saved = { url: process.env.KOUBEI_TEST_DATABASE_URL, dir: process.env.KOUBEI_TEST_PG_DATA };
    try {
      delete process.env.KOUBEI_TEST_DATABASE_URL;
      assert.equal(sharedPostgres(), null);
      process.env.KOUBEI_TEST_DATABASE_URL = 'postgres://koubei@127.0.0.1:54999/postgres';
      process.env.KOUBEI_TEST_PG_DATA = '/tmp/koubei-pg-example';
      const shared = sharedPostgres();
      assert.equal(shared.port, 54999);
      assert.equal(shared.dataDir, '/tmp/koubei-pg-example');
      assert.throws(() => shared.stop(), /belongs to scripts\/test\.js/);
    } finally {
      for (const [k, v] of [['KOUBEI_TEST_DATABASE_URL', saved.url], ['KOUBEI_TEST_PG_DATA', saved.dir]]) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

let installed = true;
try {
  pgBin();
} catch {
  installed = false;
}

describe('startPostgres', { skip: !installed && 'PostgreSQL is not installed (sudo apt-get install -y postgresql)' }, () => {
  const query = async (url) => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query("select 1 + 1 as two, current_user as who, pg_encoding_to_char(encoding) as enc from pg_database where datname = 'postgres'")).rows[0];
    } finally {
      await client.end();
    }
  };

  it('starts a server on 127.0.0.1, pauses and resumes it on the same folder and port, and leaves nothing when stopped', async () => {
    const server = await startPostgres();
    try {
      assert.match(server.url, /^postgres:\/\/koubei@127\.0\.0\.1:\d+\/postgres$/);
      assert.equal(new URL(server.url).port, String(server.port));
      assert.deepEqual(await query(server.url), { two: 2, who: 'koubei', enc: 'UTF8' });
      server.pause();
      assert.ok(existsSync(join(server.dataDir, 'PG_VERSION')), 'pause keeps the data folder');
      await assert.rejects(query(server.url), /ECONNREFUSED/);
      server.resume();
      assert.equal((await query(server.url)).two, 2);
    } finally {
      server.stop();
    }
    assert.equal(existsSync(server.dataDir), false);
    await assert.rejects(query(server.url), /ECONNREFUSED/);
    server.stop(); // twice is harmless
    assert.throws(() => server.resume(), /stopped for good/);
  });

  it('stops the server and removes its folder when its owner is killed outright (no finally runs)', async () => {
    const owner = spawn(process.execPath, ['--input-type=module', '-e', `
      import { startPostgres } from ${JSON.stringify(HELPER)};
      const s = await startPostgres();
      console.log(JSON.stringify({ url: s.url, dataDir: s.dataDir }));
      setInterval(() => {}, 1000);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    const [line] = await once(owner.stdout.setEncoding('utf8'), 'data');
    const { url, dataDir } = JSON.parse(line);
    assert.equal((await query(url)).two, 2);
    owner.kill('SIGKILL');
    // The watcher polls once a second; allow 20 s on a loaded machine.
    for (let i = 0; i < 80 && existsSync(dataDir); i++) await sleep(250);
    assert.equal(existsSync(dataDir), false, 'the folder is removed');
    await assert.rejects(query(url), /ECONNREFUSED/);
  });
});
