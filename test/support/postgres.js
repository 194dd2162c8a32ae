// A throwaway PostgreSQL server for the collector's tests (the node-postgres
// habit: test against a real server, not a mock). scripts/test.js starts one
// for the collector-postgres stage and passes it to the tests in
// KOUBEI_TEST_DATABASE_URL and KOUBEI_TEST_PG_DATA; a test that must stop the
// server mid-run takes it with sharedPostgres() and calls pause() / resume().
//
// By hand: `node test/support/postgres.js` starts one, prints the variables to
// export, and stops it (removing its folder) on Ctrl-C.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = '/usr/lib/postgresql';
const USER = 'koubei';

/**
 * pgBin(): the folder holding initdb and pg_ctl. KOUBEI_PG_BIN wins where set
 * (a PostgreSQL outside Debian's layout); otherwise the newest
 * /usr/lib/postgresql/<major>/bin, as Debian's postgresql package installs it
 * (several majors can sit side by side during an upgrade; the newest is the
 * one `apt-get install postgresql` just chose).
 * @returns {string}
 * @throws {Error} naming the install command when no PostgreSQL is found.
 */
export function pgBin() {
  const own = process.env.KOUBEI_PG_BIN;
  if (own) {
    if (!existsSync(join(own, 'pg_ctl'))) throw new Error(`KOUBEI_PG_BIN=${own} has no pg_ctl in it`);
    return own;
  }
  const majors = existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(join(ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors.length) {
    throw new Error(
      `PostgreSQL is not installed: no ${ROOT}/<version>/bin/initdb. Install it with ` +
        '`sudo apt-get install -y postgresql` (or set KOUBEI_PG_BIN to the folder holding initdb and pg_ctl).',
    );
  }
  return join(ROOT, majors[0], 'bin');
}

/**
 * freePort(): a TCP port on 127.0.0.1 that nothing listens on, found the usual
 * way: bind port 0, read the port the kernel chose, close. Another process
 * could take it before PostgreSQL binds it; pg_ctl then fails with the log.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => done(port));
    });
  });
}

// initdb refuses to run as root, so as root every PostgreSQL program runs as
// the postgres user Debian's package creates, in a folder that user owns.
const asRoot = () => process.getuid?.() === 0;

function pg(program, args) {
  const bin = join(pgBin(), program);
  const [cmd, argv] = asRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  // cwd: the postgres user may not be allowed into the checkout.
  return execFileSync(cmd, argv, { cwd: tmpdir(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function failure(what, dataDir, error) {
  const log = join(dataDir, 'log');
  const tail = existsSync(log) ? readFileSync(log, 'utf8').split('\n').slice(-15).join('\n') : '';
  const out = `${error.stdout ?? ''}${error.stderr ?? ''}`.trim();
  return new Error(`${what} failed: ${out || error.message}${tail ? `\nserver log (${log}):\n${tail}` : ''}`);
}

function postmasterPid(dataDir) {
  try {
    return Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]) || 0;
  } catch {
    return 0;
  }
}

// pg_ctl -w returns once postmaster.pid is gone, a moment before the process
// itself ends; wait for that too, so "stopped" means no process is left.
function waitGone(pid) {
  const tick = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 200; i++) {
    try {
      process.kill(pid, 0);
      // A zombie has ended; only its parent (init) has not reaped it yet.
      if (/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return;
    } catch {
      return;
    }
    Atomics.wait(tick, 0, 0, 50);
  }
  throw new Error(`PostgreSQL (pid ${pid}) was still running 10 s after pg_ctl stop`);
}

/**
 * The handle of one server: its URL, its data folder, and the three calls that
 * control it. All three are synchronous so that a `finally` or a signal
 * handler can call them and be sure they finished.
 * @typedef {object} Postgres
 * @property {string} url postgres://koubei@127.0.0.1:PORT/postgres (trust auth, no password)
 * @property {string} dataDir the data folder; also holds the socket and the server's log (dataDir/log)
 * @property {number} port
 * @property {() => void} stop stops the server (fast) and removes dataDir; safe to call twice or after pause()
 * @property {() => void} pause stops the server (fast) and keeps dataDir, as a crashed or restarted database would be
 * @property {() => void} resume starts the server again on the same dataDir and port
 */

function control(dataDir, port, { owned, running = false }) {
  const url = `postgres://${USER}@127.0.0.1:${port}/postgres`;
  // fsync off: the data is thrown away after the run, and a fast stop still checkpoints cleanly.
  const options = `-p ${port} -k '${dataDir}' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let removed = false;
  const start = () => {
    if (removed) throw new Error(`resume(): the server at ${url} was stopped for good and its folder removed`);
    try {
      pg('pg_ctl', ['-D', dataDir, '-o', options, '-l', join(dataDir, 'log'), '-w', '-t', '60', 'start']);
    } catch (error) {
      throw failure(`pg_ctl start (port ${port})`, dataDir, error);
    }
    running = true;
  };
  const halt = () => {
    if (!running) return;
    const pid = postmasterPid(dataDir);
    try {
      pg('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    } catch (error) {
      // Already gone (killed by a test, or its folder removed): nothing left to stop.
      if (existsSync(join(dataDir, 'postmaster.pid'))) throw failure('pg_ctl stop', dataDir, error);
    }
    running = false;
    if (pid) waitGone(pid);
  };
  return {
    url,
    dataDir,
    port,
    stop() {
      if (!owned) throw new Error('stop(): this server belongs to scripts/test.js, which stops it; use pause() and resume()');
      halt();
      if (!removed) rmSync(dataDir, { recursive: true, force: true });
      removed = true;
    },
    pause: halt,
    resume: start,
  };
}

const SELF = fileURLToPath(import.meta.url);

// A process killed outright (SIGKILL, a timeout, a crash in native code) runs
// no finally, and its server would keep running for good. A small detached
// watcher stops it and removes its folder once this process is gone; it ends
// by itself when stop() removes the folder.
function watch(dataDir) {
  spawn(process.execPath, [SELF, '--watch', String(process.pid), dataDir], { detached: true, stdio: 'ignore' }).unref();
}

function watcher(owner, dataDir) {
  const alive = () => {
    try {
      process.kill(owner, 0);
      return true;
    } catch (error) {
      return error.code === 'EPERM';
    }
  };
  const timer = setInterval(() => {
    if (!existsSync(dataDir)) return clearInterval(timer);
    if (alive()) return;
    clearInterval(timer);
    try {
      pg('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', '-t', '30', 'stop']);
    } catch {
      // not running (paused when its owner died): only the folder is left
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 1000);
}

/**
 * startPostgres(): initdb a new cluster in a fresh temporary folder (UTF-8, C
 * locale, trust authentication, superuser "koubei") and start it on a free
 * port on 127.0.0.1, its socket in the same folder. The caller must stop() it,
 * in a `finally`: the server runs in its own session and outlives its parent
 * (should the caller be killed outright, a watcher stops it within a second or two).
 * @returns {Promise<Postgres>}
 * @throws {Error} with initdb's or pg_ctl's message and the server log's tail; nothing is left behind.
 */
export async function startPostgres() {
  pgBin(); // fail before making anything when PostgreSQL is missing
  const dataDir = mkdtempSync(join(tmpdir(), 'koubei-pg-'));
  watch(dataDir);
  try {
    if (asRoot()) {
      let uid, gid;
      try {
        uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
        gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
      } catch {
        throw new Error('initdb refuses to run as root and there is no "postgres" user to run it as (Debian\'s postgresql package creates one)');
      }
      chownSync(dataDir, uid, gid);
    }
    try {
      pg('initdb', ['-D', dataDir, '-A', 'trust', '-U', USER, '-E', 'UTF8', '--locale=C', '--no-sync']);
    } catch (error) {
      throw failure('initdb', dataDir, error);
    }
    const server = control(dataDir, await freePort(), { owned: true });
    server.resume(); // the first start
    return server;
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * sharedPostgres(): the server scripts/test.js started for the
 * collector-postgres stage, read from KOUBEI_TEST_DATABASE_URL and
 * KOUBEI_TEST_PG_DATA, for a test that stops it mid-run (pause()) and starts
 * it again (resume()). Its stop() throws: the runner owns it. A test that
 * pauses must resume in a `finally`, or every later test loses its database.
 * @returns {Postgres | null} null when the variables are not set (a PGlite run, or a run by hand).
 */
export function sharedPostgres() {
  const url = process.env.KOUBEI_TEST_DATABASE_URL;
  const dataDir = process.env.KOUBEI_TEST_PG_DATA;
  if (!url || !dataDir) return null;
  const port = Number(new URL(url).port);
  if (!Number.isInteger(port) || port <= 0) throw new TypeError(`KOUBEI_TEST_DATABASE_URL has no port: ${url}`);
  return control(dataDir, port, { owned: false, running: true });
}

// `node test/support/postgres.js`: a server to run test/collector/ against by hand.
// (`--watch PID DIR` is the watcher startPostgres() starts.)
if (process.argv[1] && resolve(process.argv[1]) === SELF && process.argv[2] === '--watch') {
  watcher(Number(process.argv[3]), process.argv[4]);
} else if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  const server = await startPostgres();
  console.log(`export KOUBEI_TEST_DB=postgres KOUBEI_TEST_DATABASE_URL=${server.url} KOUBEI_TEST_PG_DATA=${server.dataDir}`);
  console.log('Ctrl-C stops the server and removes its folder.');
  const end = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', end);
  process.on('SIGTERM', end);
  setInterval(() => {}, 1 << 30);
}
