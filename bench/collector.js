#!/usr/bin/env node
// `npm run bench:collector`: ingest throughput and latency of the collector, over HTTP from this process
// to `koubei collector` running in its own process, against PGlite and against a PostgreSQL server; the
// same batches written straight to the database (the ingest statement, no HTTP, no validation) for the
// ratio; the collector's peak RSS; and with --million, memory over a 1,000,000-response ingest.
// A script, not a test: it prints a table and writes bench/results/collector.md.
//
//   node bench/collector.js [--seconds 8] [--million] [--db pglite,postgres]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startPostgres } from '../test/support/postgres.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const SECONDS = Number(arg('seconds', 8));
const MILLION = process.argv.includes('--million');
const DBS = arg('db', 'pglite,postgres').split(',');

// The ingest statement and row preparation exactly as the collector runs them, for the direct write.
// Inside the repository, so the bundle finds node_modules.
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const out = mkdtempSync(join(ROOT, 'bench/results/.build-'));
await build({
  entryPoints: { ingest: join(ROOT, 'src/collector/ingest.ts'), db: join(ROOT, 'src/collector/db.ts') },
  bundle: true,
  platform: 'node',
  format: 'esm',
  outdir: out,
  packages: 'external',
  loader: { '.sql': 'text' },
  logLevel: 'error',
});
const { UPSERT, toRow, dedupe, fingerprint } = await import(join(out, 'ingest.js'));
const { openPglite, openPostgres, migrate } = await import(join(out, 'db.js'));

let seq = 0;
const COMMENTS = ['物流很快，包装完好', '客服态度很好，回复及时', '质量一般，有色差', '快递太慢了，等了五天', 'Great quality, fast delivery'];
function response() {
  seq++;
  const nps = seq % 11;
  return {
    id: randomUUID(),
    surveyId: 'bench',
    createdAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
    locale: 'zh-CN',
    answers: { nps, delivery: (seq % 5) + 1, comment: COMMENTS[seq % COMMENTS.length] },
    scores: {
      nps: { type: 'nps', value: nps, category: nps > 8 ? 'promoter' : nps > 6 ? 'passive' : 'detractor' },
      delivery: { type: 'likert', value: (seq % 5) + 1, points: 5, normalized: (seq % 5) / 4, satisfied: seq % 5 >= 3 },
      comment: { type: 'text', length: 8 },
    },
    context: { orderId: `B${seq}`, channel: seq % 2 ? 'web' : 'app', page: 'https://shop.example/order/done' },
    complete: true,
    revision: 1,
  };
}
const body = (n) => JSON.stringify({ schema: 'koubei/1', sentAt: new Date().toISOString(), responses: Array.from({ length: n }, response) });

function startCollector(args) {
  const child = spawn(process.execPath, [join(ROOT, 'bin/koubei.js'), 'collector', '--port', '0', '--rate-limit', '0', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  const ready = new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d) => {
      err += d;
      const m = /"event":"listen","url":"([^"]+)"/.exec(err);
      if (m) resolve(m[1]);
      if (err.length > 1e5) err = err.slice(-1e4);
    });
    child.on('exit', (code) => reject(new Error(`collector exited ${code}: ${err}`)));
  });
  const memory = () => {
    const s = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  };
  const stop = () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM')));
  return { child, ready, memory, stop, cpu: () => cpuMs(child.pid) };
}

/** CPU ms a process has used (utime + stime), and with `children`, that of the children it reaped (cutime + cstime). */
function cpuMs(pid, children = false) {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12]) + (children ? Number(f[13]) + Number(f[14]) : 0)) * 10; // USER_HZ 100
  } catch {
    return 0;
  }
}
/**
 * The PostgreSQL server's CPU ms: the postmaster, the backends it reaped and those still running. With a
 * shared, loaded machine, CPU per response compares two runs where responses per second cannot.
 */
function serverCpuMs(dataDir) {
  const pm = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  let ms = cpuMs(pm, true);
  for (const kid of readFileSync(`/proc/${pm}/task/${pm}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) ms += cpuMs(kid);
  return ms;
}

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** `senders` loops posting `size`-response batches for `seconds`; throughput and latency. */
async function load(url, size, senders, seconds, { total } = {}) {
  const lat = [];
  let sent = 0;
  const end = Date.now() + seconds * 1000;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (total ? sent < total : Date.now() < end) {
        sent += size;
        const b = body(size);
        const t0 = performance.now();
        const r = await fetch(url + '/v1/responses', { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
        await r.arrayBuffer();
        if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const secs = (performance.now() - start) / 1000;
  lat.sort((a, b) => a - b);
  return { perSecond: Math.round((lat.length * size) / secs), p50: pct(lat, 50), p99: pct(lat, 99), requests: lat.length };
}

/**
 * The same batches straight into the database: the ingest statement on a pool, `senders` at once. The
 * rows are made before the clock starts (as the collector has them after validation), so this is the
 * database's part alone; it stops early if the prepared batches run out.
 */
async function direct(db, size, senders, seconds, cpu = () => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000) {
  const prepare = () => {
    const rs = JSON.parse(body(size)).responses;
    return [JSON.stringify(dedupe(rs.map((r) => toRow(r, false)))), null, fingerprint(rs), '{}'];
  };
  // Warm-up: a freshly opened PGlite compiles its WASM paths on the first statements.
  for (let i = 0; i < 20; i++) await db.query(UPSERT, prepare(), 'koubei-ingest');
  const batches = Array.from({ length: Math.ceil((seconds * 25_000) / size) }, prepare);
  let n = 0;
  let next = 0;
  const end = Date.now() + seconds * 1000;
  const c0 = cpu();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (Date.now() < end && next < batches.length) {
        await db.query(UPSERT, batches[next++], 'koubei-ingest');
        n += size;
      }
    }),
  );
  const perSecond = Math.round(n / ((performance.now() - start) / 1000));
  return { perSecond, cpu: ((cpu() - c0) * 1000) / n };
}

const rows = [];
const fmt = (x) => x.toLocaleString('en-US');
for (const kind of DBS) {
  let pg;
  let dir;
  let args;
  if (kind === 'postgres') {
    pg = await startPostgres();
    args = ['--database-url', pg.url];
  } else {
    dir = mkdtempSync(join(tmpdir(), 'koubei-bench-data-'));
    args = ['--data', dir];
  }
  try {
    const c = startCollector(args);
    const url = await c.ready;
    await load(url, 50, 2, 2); // warm-up
    for (const [size, senders] of [
      [1, 1],
      [1, 8],
      [50, 1],
      [50, 8],
    ]) {
      const [c0, s0] = [c.cpu(), pg ? serverCpuMs(pg.dataDir) : 0];
      const r = await load(url, size, senders, SECONDS);
      // µs of CPU per response: the collector process (HTTP, validation, redaction; and PGlite itself), and the PostgreSQL server.
      const n = r.requests * size;
      r.collectorCpu = ((c.cpu() - c0) * 1000) / n;
      if (pg) r.serverCpu = ((serverCpuMs(pg.dataDir) - s0) * 1000) / n;
      rows.push({ db: kind, size, senders, ...r });
      const cpu = `CPU ${r.collectorCpu.toFixed(0)} µs collector${pg ? ` + ${r.serverCpu.toFixed(0)} µs server` : ''} per response`;
      console.log(`${kind} batch ${size} × ${senders} senders: ${fmt(r.perSecond)} responses/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${cpu}`);
    }
    let million;
    if (MILLION) {
      const samples = [];
      const timer = setInterval(() => samples.push(c.memory().rss), 2000);
      const t0 = performance.now();
      await load(url, 50, 8, 0, { total: 1_000_000 });
      clearInterval(timer);
      million = { seconds: (performance.now() - t0) / 1000, first: samples[1] ?? samples[0], last: samples[samples.length - 1], max: Math.max(...samples) };
      console.log(`${kind} 1,000,000 responses in ${million.seconds.toFixed(0)} s; RSS ${million.first.toFixed(0)} MB early, ${million.last.toFixed(0)} MB at the end, ${million.max.toFixed(0)} MB max`);
    }
    const mem = c.memory();
    await c.stop();
    // The direct write, on the same database once the collector has let go of it.
    const db = kind === 'postgres' ? await openPostgres(pg.url) : await openPglite(dir);
    await migrate(db);
    // CPU: the PostgreSQL server's, or this process's (PGlite runs in it).
    const { perSecond: d, cpu: dcpu } = await direct(db, 50, kind === 'postgres' ? 8 : 1, SECONDS, pg ? () => serverCpuMs(pg.dataDir) : undefined);
    await db.close();
    const http = rows.find((r) => r.db === kind && r.size === 50 && r.senders === 8).perSecond;
    rows.push({ db: kind, direct: d, directCpu: dcpu, ratio: d / http, peak: mem.peak, million });
    console.log(`${kind} direct multi-row upsert (50 per statement): ${fmt(d)} responses/s, CPU ${dcpu.toFixed(0)} µs per response (${pg ? 'server' : 'PGlite'}); HTTP + validation cost ${(d / http).toFixed(2)}x; collector peak RSS ${mem.peak.toFixed(0)} MB`);
  } finally {
    pg?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}
rmSync(out, { recursive: true, force: true });

const date = new Date().toISOString().slice(0, 10);
let md = `Collector ingest, ${date}, ${cpus().length} × ${cpus()[0].model.trim()}, Node ${process.version}, ${SECONDS} s per row, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end:\n\n`;
md += '| database | batch | senders | responses/s | p50 | p99 | CPU per response: collector | PostgreSQL server |\n|---|---|---|---|---|---|---|---|\n';
for (const r of rows.filter((r) => r.size)) md += `| ${r.db} | ${r.size} | ${r.senders} | ${fmt(r.perSecond)} | ${r.p50.toFixed(1)} ms | ${r.p99.toFixed(1)} ms | ${r.collectorCpu.toFixed(0)} µs | ${r.serverCpu === undefined ? '–' : `${r.serverCpu.toFixed(0)} µs`} |\n`;
md += '\n| database | direct upsert, responses/s | its CPU per response | direct ÷ end to end | collector peak RSS | 1,000,000 responses |\n|---|---|---|---|---|---|\n';
for (const r of rows.filter((r) => r.direct)) {
  const m = r.million ? `${r.million.seconds.toFixed(0)} s, RSS ${r.million.first.toFixed(0)} → ${r.million.last.toFixed(0)} MB (max ${r.million.max.toFixed(0)})` : 'not run (--million)';
  md += `| ${r.db} | ${fmt(r.direct)} | ${r.directCpu.toFixed(0)} µs | ${r.ratio.toFixed(2)}× | ${r.peak.toFixed(0)} MB | ${m} |\n`;
}
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
writeFileSync(join(ROOT, 'bench/results/collector.md'), md);
console.log('\n' + md);
