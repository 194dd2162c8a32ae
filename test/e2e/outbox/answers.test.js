// Issue 3, tests 5–8: what the outbox does with the endpoint's answers.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLANK, FAST, assertExactlyOnce, delivered, drained, events, queueOffline, responses, setup, sleep, submit, waitFor, LIMIT } from './support.js';

describe('outbox: answers from the endpoint', () => {
  it('5. 500 for a while to many pages: retries spread out, every gap at least the backoff floor', LIMIT, async () => {
    const FAILING = 8000;
    let failUntil = Infinity;
    const env = await setup({ behave: () => (Date.now() < failUntil ? { status: 500, body: '{"error":"down"}' } : { status: 200 }) });
    try {
      // Independent customers: one browser context (own storage, own lock) each.
      const pages = [];
      for (let i = 0; i < 8; i++) pages.push(await env.open({ context: await env.browser.createBrowserContext() }));
      const rs = responses(pages.length);
      const start = Date.now();
      failUntil = start + FAILING;
      await Promise.all(pages.map((p, i) => submit(p, [rs[i]], env.endpoint)));
      await delivered(env.collector, pages.length, 30000);
      assertExactlyOnce(env.collector, rs, { pages });

      // Retries during the outage, in one-second buckets (the first attempt of each page excluded).
      const first = new Set();
      const retries = [];
      for (const r of env.collector.receipts) {
        if (r.status !== 500) continue;
        if (first.has(r.ids[0])) retries.push(r.at - start);
        else first.add(r.ids[0]);
      }
      assert.ok(retries.length >= pages.length * 3, `pages kept retrying (${retries.length} retries)`);
      const seconds = Math.ceil(FAILING / 1000);
      const buckets = Array.from({ length: seconds }, (_, s) => retries.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length);
      const mean = retries.length / seconds;
      assert.ok(Math.max(...buckets) <= 3 * mean, `retries per second ${buckets.join(' ')}: a burst above 3× the mean ${mean.toFixed(1)}`);

      // Every gap between one page's attempts, measured in the page, at least the floor.
      const fourth = [];
      for (const p of pages) {
        const posts = await p.evaluate(() => window.__posts);
        const at = posts.map((x) => x.at).sort((a, b) => a - b);
        assert.ok(at.length >= 5);
        for (let i = 1; i < at.length; i++) assert.ok(at[i] - at[i - 1] >= FAST.base, `gap ${(at[i] - at[i - 1]).toFixed(1)} ms`);
        fourth.push(posts[4].fake);
      }
      // Jitter: pages that failed together do not retry in lockstep (without it the 4th retries
      // would land within the few ms the submits were apart; with it, chance of this is < 0.01%).
      assert.ok(Math.max(...fourth) - Math.min(...fourth) > 2 * FAST.base, `4th retries within ${Math.max(...fourth) - Math.min(...fourth)} ms`);
      const retry = (await events(pages[0], 'koubei-retry'))[0].detail;
      assert.equal(retry.reason, 'HTTP 500');
      assert.equal(retry.attempt, 1);
      assert.ok(retry.delay >= FAST.base && retry.delay <= 2 * FAST.base);
    } finally {
      await env.close();
    }
  });

  for (const form of ['seconds', 'HTTP date']) {
    it(`6. 429 with Retry-After (${form}): nothing sent before that time (fake clock)`, LIMIT, async () => {
      let retryAt = 0;
      const env = await setup({
        behave: (req, body, n) => {
          if (n > 0) return { status: 200 };
          retryAt = Date.now() + 120_000;
          return { status: 429, headers: { 'retry-after': form === 'seconds' ? '120' : new Date(retryAt).toUTCString() } };
        },
      });
      try {
        const page = await env.open();
        const rs = responses(3);
        await submit(page, rs, env.endpoint);
        await waitFor(async () => (await events(page, 'koubei-retry')).length > 0, { message: 'the 429' });
        const [{ detail }] = await events(page, 'koubei-retry');
        assert.equal(detail.reason, 'HTTP 429');
        assert.ok(detail.delay > 118_000 && detail.delay <= 120_000, `delay ${detail.delay}`);
        // The clock moves to just before the time; flush() and a later submit send nothing.
        await page.evaluate(() => (window.__skew = 117_000));
        await page.evaluate(() => window.Koubei.flush());
        const more = responses(1);
        await submit(page, more, env.endpoint);
        await sleep(1000);
        assert.equal(env.collector.receipts.length, 1, 'nothing sent before Retry-After');
        // Past it: everything goes.
        await page.evaluate(() => (window.__skew = 121_000));
        await page.evaluate(() => window.Koubei.flush());
        await delivered(env.collector, 4);
        const posts = await page.evaluate(() => window.__posts);
        for (const p of posts.slice(1)) assert.ok(p.fake >= retryAt - 1000, 'sent after the Retry-After time');
        assertExactlyOnce(env.collector, [...rs, ...more], { pages: [page] });
      } finally {
        await env.close();
      }
    });
  }

  it('7. 413 above N responses: batches split; a single oversized response dead-lettered (413), never retried', LIMIT, async () => {
    const N = 8;
    const env = await setup({
      behave: (req, body) => {
        const n = JSON.parse(body).responses.length;
        return n > N || Buffer.byteLength(body) > 20_000 ? { status: 413, body: 'Payload Too Large' } : { status: 200 };
      },
    });
    try {
      const page = await env.open();
      const rs = responses(30);
      const [big] = responses(1, 25_000);
      await queueOffline(page, [...rs.slice(0, 15), big, ...rs.slice(15)], env.endpoint);
      await page.setOfflineMode(false);
      await delivered(env.collector, 30);
      await waitFor(async () => (await page.evaluate(() => window.Koubei.deadLetters())).length === 1, { message: 'a dead letter' });
      await drained(page);
      const [dead] = await page.evaluate(() => window.Koubei.deadLetters());
      assert.equal(dead.id, big.id);
      assert.equal(dead.reason, '413');
      assert.equal(dead.status, 413);
      const alone = env.collector.receipts.filter((r) => r.ids.length === 1 && r.ids[0] === big.id);
      assert.equal(alone.length, 1, 'sent alone once, then not retried');
      const before = env.collector.receipts.length;
      await page.evaluate(() => window.Koubei.flush());
      await sleep(1000);
      assert.equal(env.collector.receipts.length, before, 'nothing more sent');
      assert.ok(env.collector.receipts.some((r) => r.status === 413 && r.ids.length > N), 'a batch was split');
      for (const r of env.collector.receipts.filter((r) => r.status === 200)) assert.ok(r.ids.length <= N);
      const errors = (await events(page, 'koubei-error')).map((e) => e.detail);
      assert.deepEqual(errors.map((e) => [e.reason, e.status, e.ids]), [['dead-letter', 413, [big.id]]]);
      assertExactlyOnce(env.collector, [...rs, big], { pages: [page], dead: [big.id] });
      assert.equal(await page.evaluate(() => window.Koubei.outbox.counters.deadLettered), 1);
    } finally {
      await env.close();
    }
  });

  it('a redirect (302 to a page that answers the GET with 200) is not an acknowledgement: dead-lettered, never lost', LIMIT, async () => {
    const env = await setup({ behave: () => ({ status: 302, headers: { location: BLANK } }) });
    try {
      const page = await env.open();
      const rs = responses(2);
      await submit(page, rs, env.endpoint);
      await waitFor(async () => (await page.evaluate(() => window.Koubei.deadLetters())).length === 2, { message: 'two dead letters' });
      await drained(page);
      const dead = await page.evaluate(() => window.Koubei.deadLetters());
      assert.deepEqual(dead.map((d) => d.id).sort(), rs.map((r) => r.id).sort());
      assert.ok(dead.every((d) => d.reason === 'redirect'));
      const [error] = (await events(page, 'koubei-error')).map((e) => e.detail);
      assert.equal(error.reason, 'dead-letter');
      assert.match(error.message, new RegExp(`redirected to .*${BLANK.replace(/\//g, '\\/')}.*final URL`));
      assert.deepEqual(page.problems.pageErrors, []);
    } finally {
      await env.close();
    }
  });

  it('8. 400 for one batch: its responses dead-lettered with the status and message, the rest delivered', LIMIT, async () => {
    const env = await setup({
      behave: (req, body, n) => (n === 1 ? { status: 400, body: '{"error":"invalid batch","issues":["responses[3].locale: must not be empty"]}' } : { status: 200 }),
    });
    try {
      const page = await env.open();
      const rs = responses(120);
      await queueOffline(page, rs, env.endpoint);
      await page.setOfflineMode(false);
      await waitFor(() => env.collector.receipts.length === 3, { message: '3 batches' });
      await drained(page);
      const refused = env.collector.receipts[1];
      assert.equal(refused.status, 400);
      const dead = await page.evaluate(() => window.Koubei.deadLetters());
      assert.deepEqual(dead.map((d) => d.id).sort(), [...refused.ids].sort());
      for (const d of dead) {
        assert.equal(d.status, 400);
        assert.equal(d.reason, '400');
        assert.match(d.message, /responses\[3\]\.locale: must not be empty/);
      }
      const [error] = (await events(page, 'koubei-error')).map((e) => e.detail);
      assert.equal(error.reason, 'dead-letter');
      assert.equal(error.status, 400);
      assert.equal(error.ids.length, refused.ids.length);
      await page.evaluate(() => window.Koubei.flush());
      await sleep(500);
      assert.equal(env.collector.receipts.length, 3, 'dead letters are not retried');
      assertExactlyOnce(env.collector, rs, { pages: [page], dead: refused.ids });
    } finally {
      await env.close();
    }
  });
});
