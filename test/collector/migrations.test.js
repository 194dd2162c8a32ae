// A collector started on a database that an older collector filled migrates it without losing or
// miscounting anything: responses stored before a migration are analysed exactly as those ingested
// after it (the analysis routes equal koubei/analysis on every response, within 1e-9), on PGlite and on
// PostgreSQL. Also: a response stored without an answer pattern (as an older collector or a bulk load
// writes it) is counted by its answers, and one pattern stored twice (two batches adding it at one
// moment) counts once.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { keyDrivers, latestResponses, summary, trend } from '../../dist/analysis.js';
import { batch, DB, freshDatabase, startCollector } from './support.js';

const SQL = fileURLToPath(new URL('../../src/collector/sql/', import.meta.url));
/** The migrations an older collector had applied: 001 to 005. */
const OLD = readdirSync(SQL).filter((f) => /^00[1-5]-.*\.sql$/.test(f)).sort();

/** The database without a collector: a pg client on the server, or PGlite on the data directory. */
async function raw(database) {
  if (DB === 'postgres') {
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    return { exec: (sql) => c.query(sql), query: async (sql, params) => (await c.query(sql, params)).rows, close: () => c.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const lite = await PGlite.create(join(database.dir, 'pg'));
  return { exec: (sql) => lite.exec(sql), query: async (sql, params) => (await lite.query(sql, params)).rows, close: () => lite.close() };
}

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const likert = (value) => ({ type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 });
let at = 0;
function generated(over = {}) {
  at++;
  const nps = Math.floor(rand() * 11);
  const delivery = 1 + Math.floor(rand() * 5);
  const service = 1 + Math.floor(rand() * 5);
  const scores = { nps: { type: 'nps', value: nps, category: nps > 8 ? 'promoter' : nps > 6 ? 'passive' : 'detractor' }, delivery: likert(delivery) };
  const answers = { nps, delivery };
  if (rand() < 0.7) ((scores.service = likert(service)), (answers.service = service));
  return {
    id: randomUUID(),
    surveyId: rand() < 0.8 ? 'post-purchase' : 'returns',
    createdAt: new Date(Date.UTC(2026, 8, 1) + at * 5 * 3600_000 + Math.floor(rand() * 3600_000)).toISOString(),
    locale: 'zh-CN',
    answers,
    scores,
    context: { orderId: `M-${at}`, channel: rand() < 0.5 ? 'web' : 'app' },
    complete: true,
    revision: 1,
    ...over,
  };
}
/** Some orders answered twice (the second time a partial, or complete), as the counting rule must handle. */
function responses(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = generated();
    out.push(r);
    if (i % 9 === 0) {
      const again = generated({ surveyId: r.surveyId, context: { ...r.context } });
      out.push(i % 2 ? { ...again, complete: false, answers: { nps: again.answers.nps }, scores: { nps: again.scores.nps } } : again);
    }
  }
  return out;
}

const before5 = responses(150);
const after6 = responses(60);
const everything = [...before5, ...after6];
const drivers = ['delivery', 'service'];

/** The routes against the functions on every response, within 1e-9. */
async function sameAsFunctions(t, all) {
  const counted = latestResponses(all);
  const get = async (path) => {
    const r = await t.admin(path);
    assert.equal(r.status, 200, `${path}: ${r.text}`);
    return r.body;
  };
  close(await get('/v1/summary'), summary(counted));
  close(await get('/v1/summary?groupBy=channel&minN=5'), summary(counted, { groupBy: 'channel', minN: 5 }));
  close(await get('/v1/trend?interval=week'), trend(counted, { interval: 'week' }));
  close(await get('/v1/trend?interval=day&question=delivery&minN=1'), trend(counted, { interval: 'day', question: 'delivery', minN: 1 }));
  close(await get(`/v1/drivers?drivers=${drivers.join(',')}`), keyDrivers(counted, { drivers }));
  close(await get('/v1/drivers?outcome=delivery&drivers=service&survey=post-purchase'), keyDrivers(counted.filter((r) => r.surveyId === 'post-purchase'), { outcome: 'delivery', drivers: ['service'] }));
}

function close(actual, expected, path = '$') {
  if (path === '$') expected = JSON.parse(JSON.stringify(expected));
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(Math.abs(actual - expected) <= 1e-9, `${path}: ${actual} differs from ${expected}`);
    return;
  }
  if (expected === null || typeof expected !== 'object') return assert.equal(actual, expected, path);
  assert.ok(actual !== null && typeof actual === 'object', `${path}: expected an object, got ${JSON.stringify(actual)}`);
  assert.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${path}: keys`);
  for (const k of Object.keys(expected)) close(actual[k], expected[k], `${path}.${k}`);
}

let database;
before(async () => {
  database = await freshDatabase();
  // What an older collector left: migrations 001-005 applied and recorded, its responses stored with
  // their facts and order counts (rows written as its ingest statement wrote them).
  const db = await raw(database);
  try {
    await db.exec('CREATE TABLE koubei_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    for (const file of OLD) {
      await db.exec(readFileSync(join(SQL, file), 'utf8'));
      await db.query('INSERT INTO koubei_migrations (version, name) VALUES ($1, $2)', [Number(file.slice(0, 3)), file.replace(/\.sql$/, '')]);
    }
    const rows = before5.map((r) => {
      const nps = r.scores.nps;
      return { id: r.id, survey_id: r.surveyId, complete: r.complete, created_at: r.createdAt, order_id: r.context.orderId, nps: nps.value, nps_category: nps.category, answers: r.answers, scores: r.scores, context: r.context };
    });
    await db.query(
      `INSERT INTO koubei_responses (id, survey_id, revision, complete, created_at, locale, order_id, nps, nps_category, answers, scores, context)
       SELECT id, survey_id, 1, complete, created_at, 'zh-CN', order_id, nps, nps_category, answers, scores, context
       FROM json_to_recordset($1::json) AS x(id uuid, survey_id text, complete boolean, created_at timestamptz, order_id text, nps smallint,
         nps_category text, answers jsonb, scores jsonb, context jsonb)`,
      [JSON.stringify(rows)],
    );
    await db.query('SELECT koubei_facts_fill()');
    await db.query('INSERT INTO koubei_order_responses (survey_id, order_id, responses) SELECT survey_id, order_id, count(*) FROM koubei_responses GROUP BY 1, 2');
  } finally {
    await db.close();
  }
});
after(async () => database?.drop());

test('responses stored before the migrations are counted as those ingested after them', async () => {
  const t = await startCollector({}, database);
  try {
    assert.ok(t.events.some((e) => e.event === 'migrate' && e.applied.includes(6)), 'the new migrations ran on the old database');
    await sameAsFunctions(t, before5);
    for (let i = 0; i < after6.length; i += 25) assert.equal((await t.post(batch(after6.slice(i, i + 25)))).status, 200);
    await sameAsFunctions(t, everything);
  } finally {
    await t.collector.close();
  }
  const db = await raw(database);
  try {
    const [facts] = await db.query('SELECT count(*)::int AS n, count(pattern)::int AS patterned FROM koubei_facts');
    assert.equal(facts.n, everything.length);
    assert.equal(facts.patterned, facts.n, 'every stored response has its pattern, old and new');
    const wrong = await db.query(`SELECT f.id FROM koubei_facts AS f JOIN koubei_patterns AS p ON p.id = f.pattern WHERE p.vals <> f.vals
      OR f.quarter <> floor(extract(epoch FROM f.created_at) / 900)`);
    assert.deepEqual(wrong, [], 'each pattern is its row\'s vals, each quarter its UTC quarter hour');
  } finally {
    await db.close();
  }
});

test('a response stored without its pattern is counted by its answers; a pattern stored twice counts once', async () => {
  const db = await raw(database);
  try {
    // One response in three loses its pattern; every pattern gets a twin, which a third of the rows use.
    await db.query("UPDATE koubei_facts SET pattern = NULL WHERE id::text < '5'");
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM koubei_facts WHERE pattern IS NULL');
    assert.ok(n > 30 && n < everything.length - 30, `${n} rows without a pattern`);
    await db.query(`WITH twins AS (INSERT INTO koubei_patterns (vals) SELECT vals FROM koubei_patterns ORDER BY id RETURNING id, vals)
      UPDATE koubei_facts AS f SET pattern = t.id FROM twins AS t WHERE t.vals = f.vals AND f.id::text > 'a'`);
    const [{ twinned }] = await db.query('SELECT count(*)::int AS twinned FROM koubei_facts AS f WHERE f.pattern > (SELECT min(p.id) FROM koubei_patterns AS p WHERE p.vals = f.vals)');
    assert.ok(twinned > 30, `${twinned} rows on a twin pattern`);
  } finally {
    await db.close();
  }
  const t = await startCollector({}, database);
  try {
    await sameAsFunctions(t, everything);
  } finally {
    await t.collector.close();
  }
});
