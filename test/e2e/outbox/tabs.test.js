// Issue 3, tests 3 and 4: one flusher per origin across tabs, with Web Locks
// and with the IndexedDB lease that replaces them where they are missing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { acceptedOnce, assertExactlyOnce, delivered, drained, events, offline, online, readStore, responses, setup, submit, waitFor, withoutWebLocks, LIMIT } from './support.js';

for (const [variant, before] of [
  ['Web Locks', undefined],
  ['lease (no Web Locks)', withoutWebLocks],
]) {
  describe(`outbox across tabs, ${variant}`, () => {
    it('3. 500 queued, 4 tabs come online together: each id received at most once', LIMIT, async () => {
      const env = await setup();
      try {
        const tabs = [];
        for (let i = 0; i < 4; i++) tabs.push(await env.open({ before }));
        await offline(tabs);
        const rs = responses(500);
        await submit(tabs[0], rs, env.endpoint);
        await online(tabs);
        await waitFor(() => new Set(env.collector.allIds()).size === 500, { timeout: 30000, message: '500 ids received' });
        await drained(tabs[0]);
        const received = env.collector.allIds();
        assert.equal(received.length, new Set(received).size, 'no id received twice');
        assertExactlyOnce(env.collector, rs, { pages: tabs });
        const senders = await Promise.all(tabs.map((t) => t.evaluate(() => window.__posts.length)));
        assert.ok(senders.some((n) => n > 0));
        if (before) {
          const [leaseRecord] = await readStore(tabs[0], 'meta');
          assert.equal(typeof leaseRecord?.owner, 'string', 'the lease record is used');
        }
      } finally {
        await env.close();
      }
    });

    for (const how of ['is closed', 'crashes']) {
      it(`4. the tab holding the flush ${how} mid-batch: another tab finishes the delivery`, LIMIT, async () => {
        // The first batch stalls (the holder is mid-batch); later requests succeed.
        const env = await setup({ behave: (req, body, n) => (n === 0 ? 'stall' : { status: 200 }) });
        try {
          const tabs = [];
          for (let i = 0; i < 3; i++) tabs.push(await env.open({ before }));
          await offline(tabs);
          const rs = responses(200);
          await submit(tabs[0], rs, env.endpoint);
          await online(tabs);
          await waitFor(() => env.collector.receipts.length === 1, { message: 'the first batch' });
          // The holder is the tab that sent the stalled batch (the first POST of all).
          const first = await Promise.all(tabs.map((t) => t.evaluate(() => window.__posts[0]?.fake ?? Infinity)));
          const holder = tabs[first.indexOf(Math.min(...first))];
          const rest = tabs.filter((t) => t !== holder);
          if (how === 'crashes') {
            const cdp = await holder.createCDPSession();
            void cdp.send('Page.crash').catch(() => undefined); // the answer may never come from a crashed page
          } else await holder.close();
          await waitFor(() => new Set(acceptedOnce(env.collector)).size === 200, { timeout: 30000, message: 'all 200 accepted' });
          await drained(rest[0]);
          const sentByRest = await Promise.all(rest.map((t) => t.evaluate(() => window.__posts.length)));
          assert.ok(sentByRest.some((n) => n > 0), 'another tab sent');
          // A closed holder sends what it can with keepalive as it goes; the other tab re-sends
          // those batches under the same Idempotency-Key, which the endpoint treats as replays.
          assertExactlyOnce(env.collector, rs, { pages: rest, accepted: how === 'crashes' ? env.collector.acceptedIds() : acceptedOnce(env.collector) });
        } finally {
          await env.close();
        }
      });
    }
  });
}

describe('outbox where Web Locks are refused (a sandboxed iframe throws SecurityError)', () => {
  it('delivers anyway, coordinating as if Web Locks were missing', LIMIT, async () => {
    const env = await setup();
    try {
      const page = await env.open({
        before: () => {
          navigator.locks.request = () => Promise.reject(new DOMException('Access to the Locks API is denied in this context.', 'SecurityError'));
        },
      });
      const rs = responses(3);
      await submit(page, rs, env.endpoint);
      await delivered(env.collector, 3);
      await drained(page);
      assertExactlyOnce(env.collector, rs, { pages: [page] });
      assert.deepEqual((await events(page, 'koubei-error')).map((e) => e.detail.message), []);
    } finally {
      await env.close();
    }
  });
});

