// The collector as a process (`koubei collector`): killed with SIGKILL in the middle of ingestion it
// loses nothing it acknowledged; a second process on the same data directory refuses to start and says
// why, and a stale lock of a killed one is taken over; bad flags exit 2 with a message.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { batch, DB, freshDatabase, request, response, TOKEN } from './support.js';

const BIN = fileURLToPath(new URL('../../bin/koubei.js', import.meta.url));
const children = new Set();
after(() => children.forEach((c) => c.kill('SIGKILL')));

/** Starts `koubei collector` on port 0 and resolves with its URL (from its `listen` log line). */
function startProcess(dbArgs) {
  const child = spawn(process.execPath, [BIN, 'collector', '--port', '0', '--rate-limit', '0', ...dbArgs], {
    env: { ...process.env, KOUBEI_ADMIN_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let err = '';
  const ready = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      err += d;
      const m = /"event":"listen","url":"([^"]+)"/.exec(err);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`collector exited ${code}: ${err}`)));
  });
  return { child, ready, stderr: () => err };
}

/** Every stderr line parsed as JSON: the README's "one JSON object per line" (a line that is not one fails). */
function jsonLines(stderr) {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        assert.fail(`a log line that is not JSON: ${line}`);
      }
    });
}

const dbArgs = (database) => (database.options.databaseUrl ? ['--database-url', database.options.databaseUrl] : ['--data', database.options.data]);

test('SIGKILL during ingestion: every acknowledged id is there after the restart', { timeout: 180000 }, async () => {
  const database = await freshDatabase();
  try {
    const first = startProcess(dbArgs(database));
    const url = await first.ready;
    const acked = [];
    let stop = false;
    // Four senders post 20-response batches until the kill; a batch counts only when answered 200.
    const senders = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const rs = Array.from({ length: 20 }, () => response({ surveyId: 'sigkill' }));
        try {
          const a = await request(url, '/v1/responses', { method: 'POST', body: batch(rs) });
          if (a.status === 200) acked.push(...a.body.ids);
        } catch {
          return; // the connection died with the process
        }
      }
    });
    while (acked.length < 400) await new Promise((r) => setTimeout(r, 20));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    await new Promise((r) => first.child.exitCode !== null || first.child.signalCode ? r() : first.child.once('exit', r));

    // The killed process left its lock behind: the next start takes it over.
    const second = startProcess(dbArgs(database));
    const url2 = await second.ready;
    const have = new Set();
    let cursor = '';
    do {
      const a = await request(url2, `/v1/responses?survey=sigkill&limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      assert.equal(a.status, 200, a.text);
      a.body.responses.forEach((r) => have.add(r.id));
      cursor = a.body.nextCursor;
    } while (cursor);
    const missing = acked.filter((id) => !have.has(id));
    assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged ids lost`);

    if (DB === 'pglite') {
      // A second collector on the same directory refuses, naming the holder, and exits 1.
      const third = spawnSync(process.execPath, [BIN, 'collector', '--port', '0', ...dbArgs(database)], { encoding: 'utf8', timeout: 60000 });
      assert.equal(third.status, 1, third.stderr);
      assert.match(third.stderr, /is in use by another collector \(pid \d+/);
      assert.match(third.stderr, /--database-url/);
      assert.equal(jsonLines(third.stderr).at(-1).event, 'start.error');
      // And the first is unharmed.
      assert.equal((await request(url2, '/healthz')).status, 200);
    }
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
    assert.ok(jsonLines(second.stderr()).some((e) => e.event === 'stop' && e.signal === 'SIGTERM'));
  } finally {
    await database.drop();
  }
});

test('every log line is JSON: start, SIGTERM and SIGINT, a start that fails; --quiet says only why it failed', { timeout: 120000 }, async () => {
  const database = await freshDatabase();
  try {
    for (const signal of ['SIGTERM', 'SIGINT']) {
      const p = startProcess(dbArgs(database));
      await p.ready;
      p.child.kill(signal);
      const code = await new Promise((r) => p.child.once('exit', r));
      assert.equal(code, 0, p.stderr());
      const events = jsonLines(p.stderr());
      assert.ok(events.every((e) => typeof e.time === 'string' && typeof e.event === 'string'), p.stderr());
      assert.deepEqual(events.filter((e) => e.event === 'stop').map((e) => e.signal), [signal]);
    }
    // The database cannot be reached: exit 1, and the reason as a log line.
    const down = spawnSync(process.execPath, [BIN, 'collector', '--port', '0', '--database-url', 'postgres://koubei@127.0.0.1:1/none'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(down.status, 1, down.stderr);
    const last = jsonLines(down.stderr).at(-1);
    assert.equal(last.event, 'start.error');
    assert.match(last.message, /ECONNREFUSED|connect/);
    const quiet = spawnSync(process.execPath, [BIN, 'collector', '--port', '0', '--quiet', '--database-url', 'postgres://koubei@127.0.0.1:1/none'], { encoding: 'utf8', timeout: 60000 });
    assert.equal(quiet.status, 1);
    assert.deepEqual(jsonLines(quiet.stderr).map((e) => e.event), ['start.error']);
  } finally {
    await database.drop();
  }
});

test('bad flags and values: a clear message and exit code 2', () => {
  for (const [args, re] of [
    [['--port', 'eighty'], /--port must be a whole number, got "eighty"/],
    [['--port', '70000'], /--port must be a whole number from 0 to 65535/],
    [['--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['--allow-origin', 'https://shop.example/path'], /--allow-origin must be an origin such as https:\/\/shop\.example/],
    [['--retention-days', '0'], /--retention-days must be a whole number from 1/],
    [['--database-url', 'mysql://x'], /--database-url must be a postgres:\/\/ URL/],
    [['--notify-url', 'ftp://x'], /--notify-url must be an http\(s\) URL/],
    [['--admin-token', 'short'], /--admin-token must be at least 16 characters/],
    [['--link-secret', 'no-key-id'], /--link-secret must be kid=secret/],
  ]) {
    const r = spawnSync(process.execPath, [BIN, 'collector', ...args], { encoding: 'utf8' });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.match(r.stderr, /Usage: koubei collector/);
  }
  // The bare secret in the collector's variable (the mailer's form): the message names the variable, never the value.
  const env = spawnSync(process.execPath, [BIN, 'collector'], { encoding: 'utf8', env: { ...process.env, KOUBEI_LINK_SECRET: 'bare-secret-0123456789abcdef' } });
  assert.equal(env.status, 2, env.stderr);
  assert.match(env.stderr, /KOUBEI_LINK_SECRET \(comma-separated pairs\) must be kid=secret/);
  assert.ok(!env.stderr.includes('bare-secret-0123456789abcdef'));
  const help = spawnSync(process.execPath, [BIN, 'collector', '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  for (const flag of ['--port', '--host', '--data', '--database-url', '--allow-origin', '--admin-token', '--retention-days', '--notify-url', '--notify-secret']) {
    assert.ok(help.stdout.includes(flag), flag);
  }
});
