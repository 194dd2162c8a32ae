// Issue 3, tests 13 and 16: a clock that jumps, and records that expire (fake clock).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertExactlyOnce, delivered, drained, events, responses, setup, sleep, submit, waitFor, LIMIT } from './support.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const triedFiveTimes = (page) =>
  waitFor(async () => (await events(page, 'koubei-retry')).some((e) => e.detail.attempt >= 5), { timeout: 20000, message: '5 attempts' });

describe('outbox: clock', () => {
  for (const jump of [48 * HOUR, -48 * HOUR]) {
    it(`13. the clock moves ${jump > 0 ? '+' : '−'}48 h between enqueue and flush: nothing expires early`, LIMIT, async () => {
      let ok = false;
      const env = await setup({ behave: () => (ok ? { status: 200 } : { status: 500 }) });
      try {
        const page = await env.open();
        const rs = responses(5);
        await submit(page, rs, env.endpoint);
        await triedFiveTimes(page);
        ok = true;
        await page.evaluate((j) => (window.__skew = j), jump);
        await page.evaluate(() => window.Koubei.flush());
        await delivered(env.collector, 5, 10000);
        await drained(page);
        assert.deepEqual(await page.evaluate(() => window.Koubei.deadLetters()), []);
        assert.deepEqual((await events(page, 'koubei-error')).map((e) => e.detail.reason), []);
        assertExactlyOnce(env.collector, rs, { pages: [page] });
      } finally {
        await env.close();
      }
    });
  }

  it('16. a record past its TTL (30 days) and 5 attempts: dead-lettered as expired and reported', LIMIT, async () => {
    let ok = false;
    const env = await setup({ behave: () => (ok ? { status: 200 } : { status: 503 }) });
    try {
      const page = await env.open();
      const old = responses(3);
      await submit(page, old, env.endpoint);
      await triedFiveTimes(page);
      // Old but tried only once: must not expire.
      const young = responses(1);
      await submit(page, young, env.endpoint);
      await page.evaluate((j) => (window.__skew = j), 31 * DAY);
      await page.evaluate(() => window.Koubei.flush());
      await waitFor(async () => (await page.evaluate(() => window.Koubei.deadLetters())).length === 3, { message: '3 dead letters' });
      const dead = await page.evaluate(() => window.Koubei.deadLetters());
      assert.deepEqual(dead.map((d) => d.id).sort(), old.map((r) => r.id).sort());
      for (const d of dead) {
        assert.equal(d.reason, 'expired');
        assert.ok(d.attempts >= 5);
      }
      const expired = (await events(page, 'koubei-error')).map((e) => e.detail).filter((e) => e.reason === 'expired');
      assert.deepEqual(expired.flatMap((e) => e.ids).sort(), old.map((r) => r.id).sort());
      const sent = env.collector.receipts.length;
      ok = true;
      const fresh = responses(2);
      await submit(page, fresh, env.endpoint);
      await delivered(env.collector, 3, 10000);
      await drained(page);
      await sleep(500);
      for (const r of env.collector.receipts.slice(sent)) for (const id of r.ids) assert.ok(!old.some((o) => o.id === id), 'an expired record was sent');
      assertExactlyOnce(env.collector, [...old, ...young, ...fresh], { pages: [page], dead: old.map((r) => r.id) });
      assert.equal(await page.evaluate(() => window.Koubei.outbox.counters.deadLettered), 3);
    } finally {
      await env.close();
    }
  });
});
