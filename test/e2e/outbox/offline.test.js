// Issue 3, tests 1, 2, 9 and 10: offline, reloads, stalls, resets, unload.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLANK, PAGE, acceptedOnce, assertExactlyOnce, delivered, drained, events, queueOffline, responses, setup, sleep, submit, waitFor, LIMIT } from './support.js';

describe('outbox: offline and interrupted delivery', () => {
  it('1. 1,000 responses submitted offline, 3 reloads, then online: all delivered once, store empty', LIMIT, async () => {
    const env = await setup({ behave: () => 'reset' }); // the endpoint unreachable until told otherwise
    try {
      const page = await env.open();
      const rs = responses(1000);
      await queueOffline(page, rs, env.endpoint);
      assert.equal(env.collector.receipts.length, 0, 'nothing sent while offline');
      await page.setOfflineMode(false);
      for (let i = 0; i < 3; i++) await page.reload({ waitUntil: 'load' });
      assert.equal((await page.evaluate(() => window.Koubei.pending())).length, 1000, 'all still stored after reloads');
      env.collector.behave = () => ({ status: 200 });
      await delivered(env.collector, 1000, 60000);
      await drained(page);
      assertExactlyOnce(env.collector, rs, { pages: [page] });
    } finally {
      await env.close();
    }
  });

  it('2. the server stalls, the page closes with 50 in flight, reopened: re-sent with the original ids', LIMIT, async () => {
    const env = await setup({ behave: () => 'stall' });
    try {
      const page = await env.open();
      const rs = responses(50);
      await queueOffline(page, rs, env.endpoint);
      await page.setOfflineMode(false);
      await waitFor(() => env.collector.receipts.length === 1, { message: 'the stalled batch' });
      const stalled = env.collector.receipts[0];
      assert.equal(stalled.ids.length, 50);
      await page.close();
      env.collector.behave = () => ({ status: 200 });
      const again = await env.open();
      await delivered(env.collector, 50);
      const resent = env.collector.receipts.filter((r) => r.status === 200);
      assert.deepEqual(resent.flatMap((r) => r.ids).sort(), [...stalled.ids].sort(), 'the original ids');
      assert.equal(resent[0].headers['idempotency-key'], stalled.headers['idempotency-key'], 'the same Idempotency-Key');
      await drained(again);
      assertExactlyOnce(env.collector, rs, { pages: [again] });
    } finally {
      await env.close();
    }
  });

  it('large batches (near 48 KiB) go out back to back: none fails for want of keepalive quota', LIMIT, async () => {
    const env = await setup();
    try {
      const page = await env.open();
      const rs = responses(300, 600);
      await queueOffline(page, rs, env.endpoint);
      await page.setOfflineMode(false);
      await delivered(env.collector, 300);
      await drained(page);
      assert.ok(env.collector.receipts.every((r) => r.bytes > 30_000 && r.bytes <= 48 * 1024), 'large batches');
      assert.deepEqual(await events(page, 'koubei-retry'), [], 'no batch failed');
      assertExactlyOnce(env.collector, rs, { pages: [page] });
    } finally {
      await env.close();
    }
  });

  it('a double submit of the same response stores one record and sends it once; a higher revision is sent again', LIMIT, async () => {
    const env = await setup();
    try {
      const page = await env.open();
      const [r] = responses(1);
      await queueOffline(page, [r], env.endpoint);
      await page.evaluate((r, endpoint) => Promise.all([window.Koubei.submit(r, { endpoint }), window.Koubei.submit(r, { endpoint })]), r, env.endpoint);
      assert.equal((await page.evaluate(() => window.Koubei.pending())).length, 1, 'one record');
      await page.setOfflineMode(false);
      await delivered(env.collector, 1);
      await drained(page);
      await submit(page, [r], env.endpoint); // again after delivery
      const revised = { ...r, answers: { ...r.answers, comment: 'ok' }, scores: { ...r.scores, comment: { type: 'text', length: 2 } }, revision: 2 };
      await submit(page, [revised], env.endpoint);
      await waitFor(() => env.collector.receipts.length === 2, { message: 'the revision' });
      await drained(page);
      await sleep(300);
      assert.deepEqual(env.collector.receipts.map((x) => [x.ids, JSON.parse(x.body).responses[0].revision]), [[[r.id], 1], [[r.id], 2]]);
      assert.equal(await page.evaluate(() => window.Koubei.outbox.counters.enqueued), 2);
      assert.deepEqual(page.problems.pageErrors, []);
    } finally {
      await env.close();
    }
  });

  it('9. the server stores the batch then resets the connection: the retry sends the same ids', LIMIT, async () => {
    // Reset more times than Chromium has idle connections to the server (at most 6): Chromium itself re-sends a POST
    // that fails on a reused connection, once per idle one, and the outbox must retry after that.
    const env = await setup({ behave: (req, body, n) => (n < 10 ? 'reset' : { status: 200 }) });
    try {
      const page = await env.open();
      const rs = responses(20);
      await queueOffline(page, rs, env.endpoint);
      await page.setOfflineMode(false);
      await delivered(env.collector, 20);
      const [first, ...rest] = env.collector.receipts;
      assert.equal(first.status, 0);
      assert.ok(rest.length >= 2);
      for (const r of rest) {
        assert.deepEqual(r.ids, first.ids, 'same ids, same order');
        assert.equal(r.headers['idempotency-key'], first.headers['idempotency-key']);
      }
      const retries = await page.evaluate(() => window.__events.filter((e) => e.type === 'koubei-retry').map((e) => e.detail));
      assert.equal(retries[0].reason, 'network');
      await drained(page);
      assertExactlyOnce(env.collector, rs, { pages: [page] });
    } finally {
      await env.close();
    }
  });

  it('10. hidden and navigated away with a 200 KB backlog: keepalive in flight ≤ 60 KiB, the rest on the next load', LIMIT, async () => {
    // The endpoint answers slowly, so keepalive requests overlap; it honours
    // Idempotency-Key: a batch sent at unload and again on the next load (its
    // acknowledgement could not be recorded) is a replay, not a second acceptance.
    const env = await setup({ behave: async () => (await sleep(400), { status: 200 }) });
    try {
      const page = await env.open({ config: { onlineDelay: 60000 } });
      const rs = responses(100, 2000);
      await queueOffline(page, rs, env.endpoint);
      await page.setOfflineMode(false);
      const backlog = await page.evaluate(() => window.Koubei.pending().then((p) => JSON.stringify(p).length));
      assert.ok(backlog > 200_000, `backlog ${backlog} bytes`);
      await page.goto(`${env.server.url}${BLANK}`, { waitUntil: 'load' });
      await waitFor(() => env.collector.receipts.length > 0, { message: 'keepalive requests sent at unload' });
      const atUnload = env.collector.receipts.length;
      const keepaliveMax = await page.evaluate(() => Number(localStorage.getItem('koubei-test-keepalive-max')));
      assert.ok(keepaliveMax > 0 && keepaliveMax <= 60 * 1024, `keepalive bytes in flight ${keepaliveMax}`);
      await page.goto(`${env.server.url}${PAGE}`, { waitUntil: 'load' });
      await waitFor(() => new Set(acceptedOnce(env.collector)).size === 100, { timeout: 30000, message: 'all delivered' });
      assert.ok(env.collector.receipts.length > atUnload, 'the rest came on the next load');
      for (const r of env.collector.receipts) assert.ok(r.bytes <= 48 * 1024, `batch of ${r.bytes} bytes`);
      await drained(page);
      assertExactlyOnce(env.collector, rs, { pages: [page], accepted: acceptedOnce(env.collector) });
    } finally {
      await env.close();
    }
  });
});
