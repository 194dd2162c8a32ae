#!/usr/bin/env node
// Outbox benchmark (a script, not a test): in headless Chromium against a
// local collector on 127.0.0.1, measures
//   - submit-to-durable latency: submit() until its IndexedDB transaction completed (median, p95),
//   - flush throughput for 1,000 and 10,000 queued responses (responses/s, online until the last accepted),
//   - JS heap during each flush: before, live half-way (after a full collection) and peak (garbage included).
// Prints a table and writes bench/results/outbox.json. Needs `npm run build` first.
//   node bench/outbox.js [--submits 300]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collector, launchBrowser, startServer, waitFor } from '../test/e2e/support/harness.js';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const SUBMITS = arg('submits', 300);

// An outbox of the bench's own (createOutbox from the `koubei` module, its own database and Web Lock), with limits
// raised so 10,000 responses fit (the default is 5,000 records / 5 MB): no test hook in the production script.
const PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>bench</title>
<script type="module">
  import { createOutbox } from '/dist/koubei.js';
  window.bench = createOutbox({ name: 'koubei-bench', config: { maxRecords: 20000, maxBytes: 64 * 1024 * 1024 } });
</script></head><body></body></html>`;

/** A typical response: NPS, one Likert, a short comment (about 600 bytes as JSON). */
function makeResponses(n) {
  return Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    surveyId: 'post-purchase',
    createdAt: new Date().toISOString(),
    locale: 'zh-CN',
    answers: { nps: i % 11, delivery: 1 + (i % 5), comment: '物流很快，包装完好，客服回复及时。' },
    scores: {
      nps: { type: 'nps', value: i % 11, category: i % 11 >= 9 ? 'promoter' : i % 11 >= 7 ? 'passive' : 'detractor' },
      delivery: { type: 'likert', value: 1 + (i % 5), points: 5, normalized: (i % 5) / 4, satisfied: i % 5 >= 3 },
      comment: { type: 'text', length: 17 },
    },
    context: { orderId: `A${100000 + i}`, page: 'https://shop.example/order/complete', channel: 'web' },
  }));
}

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const collector = new Collector();
const server = await startServer({
  collectors: { '/collect': collector },
  routes: {
    '/bench/outbox.html': (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(PAGE);
    },
  },
});
const endpoint = `${server.url}/collect`;
const profile = await mkdtemp(join(tmpdir(), 'koubei-bench-outbox-'));
const browser = await launchBrowser({ userDataDir: profile });
const results = { date: new Date().toISOString(), chromium: await browser.version(), node: process.version, loadavg: loadavg().map((x) => round(x, 2)) };

/**
 * Waits until the page's queue is empty: a 2xx is seen here before the page has deleted its batch, so a page closed at
 * once would leave those responses for the next stage's page to send again. Resolves to the ms it took.
 */
async function emptied(page) {
  const t = performance.now();
  await page.evaluate(async () => {
    while ((await window.bench.pending()).length) await new Promise((r) => setTimeout(r, 10));
  });
  return performance.now() - t;
}

async function freshPage() {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench/outbox.html`, { waitUntil: 'load' });
  return page;
}

try {
  // 1. submit-to-durable latency, online (deliveries run alongside, as on a real page).
  {
    const page = await freshPage();
    const rs = makeResponses(SUBMITS);
    const times = await page.evaluate(async (rs, endpoint) => {
      const out = [];
      for (const r of rs) {
        const t = performance.now();
        await window.bench.submit(r, { endpoint });
        out.push(performance.now() - t);
      }
      return out;
    }, rs, endpoint);
    await waitFor(() => collector.acceptedIds().length >= SUBMITS, { timeout: 60000, message: 'latency responses delivered' });
    await emptied(page);
    const warm = times.slice(10); // the first submits open the database
    results.submitToDurable = { n: warm.length, medianMs: round(quantile(warm, 0.5), 2), p95Ms: round(quantile(warm, 0.95), 2), firstMs: round(times[0], 2) };
    await page.close();
  }

  // 2. flush throughput: queue n offline, go online, time until the collector accepted all n.
  results.flush = [];
  for (const n of [1000, 10000]) {
    collector.receipts.length = 0;
    const page = await freshPage();
    await page.setOfflineMode(true);
    const rs = makeResponses(n);
    for (let i = 0; i < n; i += 1000)
      await page.evaluate(async (rs, endpoint) => {
        for (const r of rs) await window.bench.submit(r, { endpoint });
      }, rs.slice(i, i + 1000), endpoint);
    const cdp = await page.createCDPSession();
    await cdp.send('HeapProfiler.collectGarbage');
    const before = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    let peak = before;
    let sampling = true;
    // Counted cheaply (the page and this process share two cores); ids are checked once at the end.
    const accepted = () => collector.receipts.reduce((s, r) => s + (r.status === 200 ? r.ids.length : 0), 0);
    // What stays alive, not garbage awaiting a collection: the heap after a full collection half-way through.
    let live;
    // Stops at the first failure (a closed page): the flush's own error is the one reported.
    const sampler = (async () => {
      while (sampling) {
        if (live === undefined && accepted() >= n / 2) {
          await cdp.send('HeapProfiler.collectGarbage');
          live = (await cdp.send('Runtime.getHeapUsage')).usedSize;
        }
        peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
        await new Promise((r) => setTimeout(r, 20));
      }
    })().catch(() => undefined);
    const t0 = performance.now();
    await page.setOfflineMode(false);
    // The bench's outbox has no page listeners (no `online` event): it is told to deliver, as the page's is by `online`.
    await page.evaluate(() => void window.bench.flush());
    await waitFor(() => accepted() >= n, { timeout: 300000, interval: 10, message: `${n} delivered` });
    const ms = performance.now() - t0;
    sampling = false;
    await sampler;
    const deleted = await emptied(page);
    // Each id accepted once, the queue empty: nothing left for the next stage, nothing sent twice.
    const ids = collector.acceptedIds();
    if (ids.length !== n || new Set(ids).size !== n) throw new Error(`${n} queued: ${ids.length} accepted, ${new Set(ids).size} distinct`);
    const retried = await page.evaluate(() => window.bench.counters.retried);
    const requests = collector.receipts.length;
    results.flush.push({
      queued: n,
      ms: Math.round(ms),
      perSecond: Math.round((n / ms) * 1000),
      emptyAfterMs: Math.round(deleted),
      requests,
      retried,
      heapBeforeMB: round(before / 2 ** 20),
      heapPeakMB: round(peak / 2 ** 20),
      heapLiveHalfwayMB: live === undefined ? null : round(live / 2 ** 20),
    });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(profile, { recursive: true, force: true });
}

const lines = [
  '| outbox | value |',
  '| --- | --- |',
  `| submit → durable, median | ${results.submitToDurable.medianMs} ms |`,
  `| submit → durable, p95 | ${results.submitToDurable.p95Ms} ms |`,
  `| submit → durable, first (opens the database) | ${results.submitToDurable.firstMs} ms |`,
  ...results.flush.map((f) => `| flush ${f.queued.toLocaleString('en')} queued | ${(f.ms / 1000).toFixed(2)} s, ${f.perSecond.toLocaleString('en')} responses/s, ${f.requests} requests, ${f.retried} retried; queue empty ${f.emptyAfterMs} ms after the last 2xx |`),
  `| load average (1, 5, 15 min) at the start | ${results.loadavg.join(', ')} |`,
  ...results.flush.map(
    (f) =>
      `| JS heap during the ${f.queued.toLocaleString('en')} flush | ${f.heapBeforeMB} MB before, ${f.heapLiveHalfwayMB} MB live half-way (after a full collection), ${f.heapPeakMB} MB peak (garbage included) |`,
  ),
];
console.log(lines.join('\n'));
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
await writeFile(new URL('./results/outbox.json', import.meta.url), JSON.stringify({ ...results, table: lines.join('\n') }, null, 2) + '\n');
