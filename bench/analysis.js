#!/usr/bin/env node
// `npm run bench:analysis`: the analysis routes over 1,000,000 stored responses, on PostgreSQL and on
// PGlite (the route handlers as the collector runs them: SQL aggregates, then koubei/analysis; no HTTP),
// and the pure functions of koubei/analysis over an array of 100,000 responses. Targets: each route
// under 1 s on PostgreSQL and 5 s on PGlite; each function under 200 ms.
// A script, not a test: it prints a table and writes bench/results/analysis.md.
//
//   node bench/analysis.js [--responses 1000000] [--array 100000] [--runs 3] [--db postgres,pglite] [--no-array] [--array-only]
//                          [--database-url URL] [--pglite-data DIR]
//
// --array-only times the pure functions only (no database, and the collector is not built): the same as
// `--db ''`. Each array run also times HEAD's koubei/analysis with --against HEAD (any git revision),
// interleaved with the working tree's on the same array, so a change is measured on a shared machine.
//
// Each part's timings are kept in bench/results/analysis-<part>.json and the table is made of every
// part there, so the databases can be timed in separate runs (`--db pglite --no-array`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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
const RESPONSES = Number(arg('responses', 1_000_000));
const ARRAY = Number(arg('array', 100_000));
const RUNS = Number(arg('runs', 3));
const ARRAY_ONLY = process.argv.includes('--array-only');
const DBS = ARRAY_ONLY ? [] : arg('db', 'postgres,pglite').split(',').filter(Boolean);
const AGAINST = arg('against', undefined);
const WITH_ARRAY = !process.argv.includes('--no-array');
const part = (kind) => join(ROOT, `bench/results/analysis-${kind}.json`);
const DRIVERS = ['delivery', 'described', 'service', 'packaging', 'price'];

// The collector's own code (routes, migrations) and koubei/analysis, bundled from src/ as rollup would.
mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
const out = mkdtempSync(join(ROOT, 'bench/results/.build-'));
const entryPoints = { analysis: join(ROOT, 'src/analysis/index.ts') };
if (DBS.length > 0) Object.assign(entryPoints, { analytics: join(ROOT, 'src/collector/analytics.ts'), db: join(ROOT, 'src/collector/db.ts') });
const bundle = (entries, outdir) => build({ entryPoints: entries, bundle: true, platform: 'node', format: 'esm', outdir, packages: 'external', loader: { '.sql': 'text' }, logLevel: 'error' });
await bundle(entryPoints, out);
const { analysisRoute } = DBS.length > 0 ? await import(join(out, 'analytics.js')) : {};
const { openPglite, openPostgres, migrate } = DBS.length > 0 ? await import(join(out, 'db.js')) : {};
const { summary, trend, keyDrivers, themes } = await import(join(out, 'analysis.js'));
// --against REV: that revision's src/ (git archive), bundled the same way, to time beside this one.
let before;
if (AGAINST && WITH_ARRAY) {
  const tree = join(out, 'against');
  mkdirSync(tree);
  execFileSync('sh', ['-c', `git -C "$0" archive "$1" src | tar -x -C "$2"`, ROOT, AGAINST, tree]);
  await bundle({ against: join(tree, 'src/analysis/index.ts') }, out);
  before = await import(join(out, 'against.js'));
}
rmSync(out, { recursive: true, force: true });

// ---------- the stored responses: generated in SQL, as the ingest would store them ----------
// Response i: 52 weeks from Monday 2025-12-01 in Shanghai; one order in 50 answered twice (the second a
// partial one time in two), one response in 47 a partial; five 5-point touchpoints driven by one latent
// satisfaction, NPS driven by the touchpoints; context sku (40), channel (3), orderId.
const FILL = `
INSERT INTO koubei_responses (id, survey_id, revision, complete, created_at, locale, order_id, nps, nps_category, answers, scores, context)
WITH b AS (
  SELECT i, CASE WHEN i % 50 = 1 AND i > 1 THEN i - 1 ELSE i END AS o, sqrt(random()) AS u,
    random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6
  FROM generate_series($1::int, $2::int) AS i
), v AS (
  SELECT i, o, r6,
    least(5, greatest(1, round(1 + 4 * (0.6 * u + 0.4 * r1))))::int AS delivery,
    least(5, greatest(1, round(1 + 4 * (0.5 * u + 0.5 * r2))))::int AS described,
    least(5, greatest(1, round(1 + 4 * (0.4 * u + 0.6 * r3))))::int AS service,
    least(5, greatest(1, round(1 + 4 * (0.3 * u + 0.7 * r4))))::int AS packaging,
    least(5, greatest(1, round(1 + 4 * (0.2 * u + 0.8 * r5))))::int AS price
  FROM b
), w AS (
  SELECT *, least(10, greatest(0, round(1.5 + 10 * (0.35 * (delivery - 1) + 0.3 * (described - 1) + 0.15 * (service - 1) + 0.1 * (packaging - 1) + 0.1 * (price - 1)) / 4 + 3 * (r6 - 0.5))))::int AS nps
  FROM v
), x AS (
  SELECT *, CASE WHEN nps > 8 THEN 'promoter' WHEN nps > 6 THEN 'passive' ELSE 'detractor' END AS category,
    (i % 47 = 0 OR (i % 100 = 1 AND i > 1)) AS partial
  FROM w
)
SELECT gen_random_uuid(), CASE WHEN o % 10 = 0 THEN 'delivery-check' ELSE 'post-purchase' END, 1, NOT partial,
  timestamptz '2025-12-01 00:00:00+08' + (i::float8 / ($3::float8 + 1)) * interval '364 days', 'zh-CN', 'O' || o,
  nps, category,
  CASE WHEN partial THEN jsonb_build_object('nps', nps) ELSE jsonb_build_object('nps', nps, 'delivery', delivery, 'described', described,
    'service', service, 'packaging', packaging, 'price', price,
    'comment', (ARRAY['物流很快，包装完好', '客服态度很好，回复及时', '质量一般，有色差', '快递太慢了，等了五天', 'Great quality, fast delivery'])[1 + i % 5]) END,
  jsonb_build_object('nps', jsonb_build_object('type', 'nps', 'value', nps, 'category', category)) || CASE WHEN partial THEN '{}'::jsonb ELSE jsonb_build_object(
    'delivery', jsonb_build_object('type', 'likert', 'value', delivery, 'points', 5, 'normalized', (delivery - 1) / 4.0, 'satisfied', delivery >= 4),
    'described', jsonb_build_object('type', 'likert', 'value', described, 'points', 5, 'normalized', (described - 1) / 4.0, 'satisfied', described >= 4),
    'service', jsonb_build_object('type', 'likert', 'value', service, 'points', 5, 'normalized', (service - 1) / 4.0, 'satisfied', service >= 4),
    'packaging', jsonb_build_object('type', 'likert', 'value', packaging, 'points', 5, 'normalized', (packaging - 1) / 4.0, 'satisfied', packaging >= 4),
    'price', jsonb_build_object('type', 'likert', 'value', price, 'points', 5, 'normalized', (price - 1) / 4.0, 'satisfied', price >= 4),
    'comment', jsonb_build_object('type', 'text', 'length', 8)) END,
  jsonb_build_object('orderId', 'O' || o, 'sku', 'SKU-' || (o % 40), 'channel', (ARRAY['web', 'app', 'email'])[1 + o % 3], 'page', 'https://shop.example/order/done')
FROM x`;

async function fill(db) {
  const t = performance.now();
  const step = 50_000;
  for (let i = 1; i <= RESPONSES; i += step) {
    await db.query(FILL, [i, Math.min(RESPONSES, i + step - 1), RESPONSES]);
    process.stderr.write(`\r  ${db.kind}: ${Math.min(RESPONSES, i + step - 1).toLocaleString('en')} responses stored`);
  }
  // The ingest statement writes each response's facts (migration 005) and counts responses per order
  // (004); rows written here bypass it.
  await db.query('SELECT koubei_facts_fill()');
  await db.query(`INSERT INTO koubei_order_responses (survey_id, order_id, responses)
    SELECT survey_id, order_id, count(*) FROM koubei_responses WHERE order_id <> '' GROUP BY 1, 2
    ON CONFLICT (survey_id, order_id) DO UPDATE SET responses = excluded.responses`);
  await db.query('VACUUM ANALYZE koubei_responses');
  await db.query('VACUUM ANALYZE koubei_order_responses');
  await db.query('VACUUM ANALYZE koubei_facts');
  process.stderr.write(` in ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
}

const ROUTES = [
  ['summary', '/v1/summary', ''],
  ['trend, 52 weeks', '/v1/trend', 'interval=week'],
  ['drivers, 5 touchpoints', '/v1/drivers', `outcome=nps&drivers=${DRIVERS.join(',')}`],
  ['summary by sku (40)', '/v1/summary', 'groupBy=sku'],
  ['themes, newest 2,000 comments', '/v1/themes', 'locale=zh-CN'],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** One warm-up, then the median of RUNS timings (ms). */
async function time(fn) {
  let last = await fn();
  const ms = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), last };
}

const results = {};
// --database-url URL (a PostgreSQL database of yours) and --pglite-data DIR keep the stored responses, so a
// later run times the routes without filling a million rows again.
const SERVER = arg('database-url', undefined);
const KEEP = arg('pglite-data', undefined);
for (const kind of DBS) {
  let pg;
  let dir;
  let db;
  try {
    if (kind === 'postgres') {
      if (!SERVER) pg = await startPostgres();
      db = await openPostgres(SERVER ?? pg.url);
    } else {
      dir = KEEP ?? mkdtempSync(join(tmpdir(), 'koubei-bench-analysis-'));
      db = await openPglite(dir);
    }
    await migrate(db);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM koubei_responses');
    if (n !== RESPONSES) {
      if (n) await db.query('TRUNCATE koubei_responses, koubei_facts, koubei_order_responses');
      await fill(db);
    } else console.error(`  ${kind}: ${n.toLocaleString('en')} responses already stored`);
    results[kind] = {};
    for (const [name, path, query] of ROUTES) {
      const { ms, last } = await time(() => analysisRoute(path)(db, new URLSearchParams(query)));
      results[kind][name] = ms;
      const seen = last.n ?? last.comments ?? last.periods?.length ?? last.groups?.length;
      console.error(`  ${kind} ${name}: ${ms.toFixed(0)} ms (${seen})`);
    }
    writeFileSync(part(kind), JSON.stringify({ responses: RESPONSES, runs: RUNS, load: loadavg(), at: new Date().toISOString(), ms: results[kind] }));
  } finally {
    await db?.close();
    pg?.stop();
    if (dir && !KEEP) rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- the pure functions over an array ----------
let seq = 0;
const COMMENTS = ['物流很快，包装完好', '客服态度很好，回复及时', '质量一般，有色差', '快递太慢了，等了五天', 'Great quality, fast delivery'];
const likert = (v) => ({ type: 'likert', value: v, points: 5, normalized: (v - 1) / 4, satisfied: v >= 4 });
function response() {
  seq++;
  const u = Math.sqrt(Math.random());
  const x = DRIVERS.map((_, k) => Math.max(1, Math.min(5, Math.round(1 + 4 * ((0.6 - 0.1 * k) * u + (0.4 + 0.1 * k) * Math.random())))));
  const nps = Math.max(0, Math.min(10, Math.round(1.5 + (10 * (0.35 * (x[0] - 1) + 0.3 * (x[1] - 1) + 0.15 * (x[2] - 1) + 0.1 * (x[3] - 1) + 0.1 * (x[4] - 1))) / 4 + 3 * (Math.random() - 0.5))));
  const scores = { nps: { type: 'nps', value: nps, category: nps > 8 ? 'promoter' : nps > 6 ? 'passive' : 'detractor' }, comment: { type: 'text', length: 8 } };
  const answers = { nps, comment: COMMENTS[seq % 5] };
  DRIVERS.forEach((d, k) => ((scores[d] = likert(x[k])), (answers[d] = x[k])));
  const order = seq % 50 === 1 && seq > 1 ? seq - 1 : seq;
  return {
    id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
    surveyId: 'post-purchase',
    createdAt: new Date(Date.UTC(2025, 10, 30, 16) + (seq / (ARRAY + 1)) * 364 * 86400_000).toISOString(),
    locale: 'zh-CN',
    answers,
    scores,
    context: { orderId: `O${order}`, sku: `SKU-${order % 40}`, channel: ['web', 'app', 'email'][order % 3] },
    complete: seq % 47 !== 0,
    revision: 1,
  };
}
const array = WITH_ARRAY ? Array.from({ length: ARRAY }, response) : [];
const functions = (m) => [
  ['summary', () => m.summary(array)],
  ['trend, 52 weeks', () => m.trend(array, { interval: 'week' })],
  ['drivers, 5 touchpoints', () => m.keyDrivers(array, { drivers: DRIVERS })],
  ['summary by sku (40)', () => m.summary(array, { groupBy: 'sku' })],
  ['themes, newest 2,000 comments', () => m.themes(array.slice(-2000), { locale: 'zh-CN' })],
];
const FUNCTIONS = functions({ summary, trend, keyDrivers, themes });
if (WITH_ARRAY) {
  results.array = {};
  // The 1-minute load average while the array part runs, sampled after each function.
  const loads = [];
  if (before) {
    // Interleaved: per function a warm-up of each, then RUNS rounds, the order alternating, so both
    // versions meet the same load. The results must be the same.
    const BEFORE = functions(before);
    const cpu = { before: {}, after: {} };
    results.arrayBefore = {};
    for (const [k, [name, fn]] of FUNCTIONS.entries()) {
      const old = BEFORE[k][1];
      if (JSON.stringify(old()) !== JSON.stringify(fn())) throw new Error(`${name}: ${AGAINST} and the working tree give different results`);
      const ms = { before: [], after: [] };
      for (let i = 0; i < RUNS; i++) {
        for (const [tag, f] of i % 2 ? [['after', fn], ['before', old]] : [['before', old], ['after', fn]]) {
          const c = process.cpuUsage();
          const t = performance.now();
          f();
          ms[tag].push(performance.now() - t);
          const u = process.cpuUsage(c);
          (cpu[tag][name] ??= []).push((u.user + u.system) / 1000);
        }
      }
      results.arrayBefore[name] = median(ms.before);
      results.array[name] = median(ms.after);
      loads.push(loadavg()[0]);
      console.error(`  array ${name}: ${AGAINST} ${median(ms.before).toFixed(1)} ms, now ${median(ms.after).toFixed(1)} ms (CPU ${median(cpu.before[name]).toFixed(1)} / ${median(cpu.after[name]).toFixed(1)} ms; load ${loads.at(-1).toFixed(1)})`);
    }
  } else {
    for (const [name, fn] of FUNCTIONS) {
      const { ms } = await time(async () => fn());
      results.array[name] = ms;
      loads.push(loadavg()[0]);
      console.error(`  array ${name}: ${ms.toFixed(1)} ms (load ${loads.at(-1).toFixed(1)})`);
    }
  }
  writeFileSync(
    part('array'),
    JSON.stringify({ responses: ARRAY, runs: RUNS, load: loadavg(), loads, at: new Date().toISOString(), ms: results.array, ...(before && { against: AGAINST, before: results.arrayBefore }) }),
  );
}
// Parts timed by earlier runs.
const meta = {};
for (const kind of ['postgres', 'pglite', 'array']) {
  if (!existsSync(part(kind))) continue;
  const saved = JSON.parse(readFileSync(part(kind), 'utf8'));
  results[kind] ??= saved.ms;
  meta[kind] = saved;
}

// ---------- the table ----------
const TARGET = { postgres: 1000, pglite: 5000, array: 200 };
const TARGETED = new Set(['summary', 'trend, 52 weeks', 'drivers, 5 touchpoints']);
const cell = (kind, name) => {
  const ms = results[kind]?.[name];
  if (ms === undefined) return '–';
  const shown = ms < 100 ? ms.toFixed(1) : ms.toFixed(0);
  return TARGETED.has(name) ? `${shown} ms ${ms <= TARGET[kind] ? '✓' : '✗'}` : `${shown} ms`;
};
const size = (kind, fallback) => (meta[kind]?.responses ?? fallback).toLocaleString('en');
const head = `| | PostgreSQL, ${size('postgres', RESPONSES)} stored | PGlite, ${size('pglite', RESPONSES)} stored | koubei/analysis, array of ${size('array', ARRAY)} |`;
const lines = [
  head,
  '|---|---:|---:|---:|',
  ...ROUTES.map(([name]) => `| ${name} | ${cell('postgres', name)} | ${cell('pglite', name)} | ${cell('array', name)} |`),
  `| target (✓ met, ✗ missed) | 1 s | 5 s | 200 ms |`,
];
const loads = Object.entries(meta).map(([kind, m]) => `${kind} ${m.load[0].toFixed(1)}`).join(', ');
const machine = `${cpus().length} × ${cpus()[0]?.model.trim()}, Node ${process.version}; load average (1 min) when each part ended: ${loads}`;
const runs = Object.entries(meta).map(([kind, m]) => `${kind} ${m.runs}`).join(', ');
const a = meta.array;
const against = a?.before
  ? `\nThe array part beside koubei/analysis at ${a.against}, timed in the same run, interleaved (median ms, then / now): ${Object.keys(a.ms)
      .map((name) => `${name} ${a.before[name].toFixed(0)} / ${a.ms[name].toFixed(0)}`)
      .join('; ')}. Load average (1 min) during the array part: ${a.loads.map((l) => l.toFixed(1)).join(', ')}.\n`
  : '';
const md = `<!-- written by bench/analysis.js on ${new Date().toISOString().slice(0, 10)} -->
Median of the runs after a warm-up (runs: ${runs}); the routes are timed as the collector runs them (SQL aggregates, then
koubei/analysis), without HTTP. Stored responses: 52 weeks, one order in 50 answered twice, one response in 47 a
partial, five 5-point touchpoints, an NPS, a comment, context sku / channel / orderId. ${machine}.

${lines.join('\n')}
${against}`;
writeFileSync(join(ROOT, 'bench/results/analysis.md'), md);
console.log(lines.join('\n'));
console.log(`${against}\n${machine}\nwritten to bench/results/analysis.md`);
