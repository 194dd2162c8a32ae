// The PostgreSQL server stopped mid-run: the collector answers 503 with Retry-After (CORS headers
// included), acknowledges nothing it did not store, and recovers by itself when the server returns.
// PGlite runs inside the collector's process, so it has no such outage: this file runs against a server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedPostgres } from '../support/postgres.js';
import { batch, DB, response, startCollector, stored } from './support.js';

test('database stopped mid-run: 503 with Retry-After, nothing acknowledged that is not stored, recovery', { skip: DB !== 'postgres' && 'PGlite is in-process: there is no server to stop' }, async () => {
  const server = sharedPostgres();
  assert.ok(server, 'the collector-postgres stage passes the server in KOUBEI_TEST_DATABASE_URL and KOUBEI_TEST_PG_DATA');
  const t = await startCollector({ allowOrigins: ['https://shop.example'] });
  const acked = [];
  const post = async (rs) => {
    const a = await t.post(batch(rs), { origin: 'https://shop.example' });
    if (a.status === 200) acked.push(...a.body.ids);
    return a;
  };
  try {
    assert.equal((await post([response({ surveyId: 'down' })])).status, 200);
    server.pause();
    try {
      const a = await post([response({ surveyId: 'down' })]);
      assert.equal(a.status, 503, a.text);
      assert.equal(a.headers.get('retry-after'), '5');
      assert.equal(a.headers.get('access-control-allow-origin'), 'https://shop.example');
      assert.match(a.body.error, /database is unreachable; nothing was stored/);
      const h = await fetch(`${t.url}/healthz`);
      assert.equal(h.status, 503);
      assert.equal(h.headers.get('retry-after'), '5');
    } finally {
      server.resume();
    }
    // The pool reconnects by itself: within a few tries the same collector answers again.
    let ok;
    for (let i = 0; i < 50 && ok?.status !== 200; i++) {
      ok = await post([response({ surveyId: 'down' })]);
      if (ok.status !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await fetch(`${t.url}/healthz`)).status, 200);
    const have = new Set((await stored(t, 'down')).map((r) => r.id));
    assert.deepEqual(acked.filter((id) => !have.has(id)), [], 'every acknowledged id is stored');
    assert.equal(have.size, acked.length);
  } finally {
    await t.close();
  }
});
