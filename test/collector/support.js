// The collector suite runs twice (scripts/test.js): against PGlite (KOUBEI_TEST_DB=pglite) and against a
// real PostgreSQL server (KOUBEI_TEST_DB=postgres, KOUBEI_TEST_DATABASE_URL). Each test file gets its own
// database: a fresh data directory, or a fresh database on the server.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createCollector } from '../../dist/collector.js';

export const DB = process.env.KOUBEI_TEST_DB || 'pglite';
export const SERVER_URL = process.env.KOUBEI_TEST_DATABASE_URL;
export const TOKEN = 'test-admin-token-0123456789';
if (DB === 'postgres' && !SERVER_URL) throw new Error('KOUBEI_TEST_DB=postgres needs KOUBEI_TEST_DATABASE_URL');

/** A database of its own: `{ options, drop }`, options ready for createCollector. */
export async function freshDatabase() {
  if (DB === 'postgres') {
    const name = `koubei_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const admin = new pg.Client({ connectionString: SERVER_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    return {
      options: { databaseUrl: url.href },
      url: url.href,
      async drop() {
        const c = new pg.Client({ connectionString: SERVER_URL });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'koubei-collector-test-'));
  return { options: { data: dir }, dir, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A running collector on a fresh database, with helpers; `await t.close()` stops it and drops the database. */
export async function startCollector(options = {}, database) {
  const own = !database;
  database ??= await freshDatabase();
  const events = [];
  const collector = await createCollector({ adminToken: TOKEN, log: (e) => events.push(e), rateLimit: 0, ...database.options, ...options });
  const { url } = await collector.listen(0, '127.0.0.1');
  return {
    collector,
    url,
    events,
    database,
    post: (body, headers = {}) => request(url, '/v1/responses', { method: 'POST', body, headers }),
    admin: (path, init = {}) => request(url, path, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) } }),
    async close() {
      await collector.close();
      if (own) await database.drop();
    },
  };
}

/** fetch with a JSON body (objects are stringified, strings and buffers sent as they are); answers { status, headers, body, text }. */
export async function request(base, path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    if (!Object.keys(init.headers).some((h) => h.toLowerCase() === 'content-type')) init.headers['content-type'] = 'application/json';
  }
  const res = await fetch(base + path, init);
  const text = await res.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, body: json, text };
}

let seq = 0;
/** A valid response; `over` replaces top-level fields. */
export function response(over = {}) {
  seq++;
  const nps = over.nps ?? 9;
  const category = nps > 8 ? 'promoter' : nps > 6 ? 'passive' : 'detractor';
  const { nps: _n, ...rest } = over;
  return {
    id: randomUUID(),
    surveyId: 'post-purchase',
    createdAt: new Date(Date.UTC(2026, 10, 1, 0, 0, seq % 50000)).toISOString(),
    locale: 'zh-CN',
    answers: { nps, delivery: 4, comment: '很好' },
    scores: {
      nps: { type: 'nps', value: nps, category },
      delivery: { type: 'likert', value: 4, points: 5, normalized: 0.75, satisfied: true },
      comment: { type: 'text', length: 2 },
    },
    context: { orderId: `A${1000 + seq}` },
    complete: true,
    revision: 1,
    ...rest,
  };
}

export const batch = (responses) => ({ schema: 'koubei/1', sentAt: new Date().toISOString(), responses });

/** Every stored response of a survey, through the admin API (all pages). */
export async function stored(t, survey) {
  const out = [];
  let cursor = null;
  do {
    const r = await t.admin(`/v1/responses?survey=${encodeURIComponent(survey)}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    if (r.status !== 200) throw new Error(`list answered ${r.status}: ${r.text}`);
    out.push(...r.body.responses);
    cursor = r.body.nextCursor;
  } while (cursor);
  return out;
}
