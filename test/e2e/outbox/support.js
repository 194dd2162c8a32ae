// Shared pieces of the outbox fault-injection suite: valid responses, the suite's page (page.html: the `koubei`
// module with an outbox of the test's, short delays and a clock it moves), and the suite's common pass criterion.
// survey.html is the production script tag as a shop writes it, with no test hook.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collector, launchBrowser, openPage, startServer, waitFor } from '../support/harness.js';

export { Collector, waitFor };
export const PAGE = '/test/e2e/outbox/page.html';

/** Short delays so the suite runs in minutes: page.html makes its outbox with them (survey.html has the defaults). */
export const FAST = { base: 200, cap: 2000, onlineDelay: 300, timeout: 5000, fetchTimeout: 4000, lockRetry: 300, lease: 6000 };
/** Each test's time limit: a hang fails the test instead of the run. */
export const LIMIT = { timeout: 120_000 };
export const BLANK = '/test/e2e/outbox/blank.html';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export { sleep };

/** A valid response; `pad` adds a comment of that many characters. */
export function response(i = 0, pad = 0) {
  const r = {
    id: randomUUID(),
    surveyId: 'post-purchase',
    createdAt: new Date().toISOString(),
    locale: 'zh-CN',
    answers: { nps: i % 11 },
    scores: { nps: { type: 'nps', value: i % 11, category: i % 11 >= 9 ? 'promoter' : i % 11 >= 7 ? 'passive' : 'detractor' } },
    context: { orderId: `A${1000 + i}` },
  };
  if (pad) {
    r.answers.comment = 'x'.repeat(pad);
    r.scores.comment = { type: 'text', length: pad };
  }
  return r;
}
export const responses = (n, pad = 0) => Array.from({ length: n }, (_, i) => response(i, pad));

/** A server with one collector at /collect, a browser with its own profile; `close()` ends all. */
export async function setup({ behave } = {}) {
  const collector = new Collector();
  if (behave) collector.behave = behave;
  const server = await startServer({ collectors: { '/collect': collector } });
  const dir = await mkdtemp(join(tmpdir(), 'koubei-outbox-'));
  const browser = await launchBrowser({ userDataDir: dir });
  const pages = [];
  return {
    collector,
    server,
    browser,
    pages,
    endpoint: `${server.url}/collect`,
    /** Opens the test page with `config` (and `before`, a function run before any script). */
    async open({ config = {}, before, context = browser, goto = true } = {}) {
      const page = await openPage(context);
      await page.evaluateOnNewDocument((c) => {
        // page.html's outbox: these tunables, and a clock tests move with window.__skew (ms).
        window.__skew = 0;
        window.__outboxTest = { config: c };
        window.__events = [];
        for (const t of ['koubei-queued', 'koubei-delivered', 'koubei-retry', 'koubei-error'])
          addEventListener(t, (e) => window.__events.push({ type: t, detail: e.detail, at: Date.now() }));
        // Every POST the page makes, and the most keepalive bytes in flight at any start (in
        // localStorage, so the test can read it after the page was unloaded).
        window.__posts = [];
        let inflight = 0;
        const fetch0 = window.fetch;
        window.fetch = function (url, init = {}) {
          const bytes = new Blob([init.body ?? '']).size;
          window.__posts.push({ at: performance.now(), fake: Date.now() + window.__skew, bytes, keepalive: !!init.keepalive });
          if (init.keepalive) {
            inflight += bytes;
            try {
              localStorage.setItem('koubei-test-keepalive-max', Math.max(inflight, Number(localStorage.getItem('koubei-test-keepalive-max'))));
            } catch {
              /* a test that takes localStorage away */
            }
          }
          const p = fetch0.call(this, url, init);
          if (init.keepalive) p.then(() => undefined, () => undefined).then(() => (inflight -= bytes));
          return p;
        };
      }, { ...FAST, ...config });
      if (before) await page.evaluateOnNewDocument(before);
      pages.push(page);
      if (goto) await page.goto(`${server.url}${goto === true ? PAGE : goto}`, { waitUntil: 'load' });
      return page;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Submits in the page, in order; resolves when every submit() resolved. */
export function submit(page, rs, endpoint) {
  return page.evaluate(async (rs, endpoint) => {
    for (const r of rs) await window.Koubei.submit(r, { endpoint });
  }, rs, endpoint);
}

export const pending = (page) => page.evaluate(async () => (await window.Koubei.pending()).map((r) => r.id));
export const events = (page, type) => page.evaluate((t) => window.__events.filter((e) => e.type === t), type);

/**
 * The suite's pass criterion: the endpoint accepted exactly the submitted ids
 * (less those expected as dead letters), each once, and no page had an
 * uncaught error.
 */
export function assertExactlyOnce(collector, submitted, { pages = [], dead = [], accepted = collector.acceptedIds() } = {}) {
  const counts = new Map();
  for (const id of accepted) counts.set(id, (counts.get(id) ?? 0) + 1);
  const twice = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  assert.deepEqual(twice, [], 'ids accepted more than once');
  const want = submitted.map((r) => r.id ?? r).filter((id) => !dead.includes(id));
  assert.deepEqual([...counts.keys()].sort(), [...want].sort(), 'accepted ids = submitted ids');
  for (const p of pages) assert.deepEqual(p.problems.pageErrors, [], 'uncaught page errors');
}

/** Waits until the endpoint accepted `n` ids. */
export const delivered = (collector, n, timeout = 30000) =>
  waitFor(() => new Set(collector.acceptedIds()).size >= n, { timeout, message: `${n} ids accepted (have ${new Set(collector.acceptedIds()).size})` });

/** Waits until the page's outbox holds nothing. */
export const drained = (page, timeout = 30000) =>
  waitFor(async () => (await pending(page)).length === 0, { timeout, message: 'an empty outbox' });

/** Queues responses while the page is offline (nothing is sent, nothing is tried). */
export async function queueOffline(page, rs, endpoint) {
  await page.setOfflineMode(true);
  await submit(page, rs, endpoint);
}

/** Seeds records straight into the outbox database from a page without Koubei (`version` 1 = the first outbox's layout). */
export function seed(page, rows, version = 2) {
  return page.evaluate(
    (rows, version) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('koubei-outbox', version);
        req.onupgradeneeded = () => {
          for (const s of version === 1 ? ['responses'] : ['responses', 'dead', 'quarantine', 'meta'])
            if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
        };
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('responses', 'readwrite');
          for (const [k, v] of rows) tx.objectStore('responses').put(v, k);
          tx.oncomplete = () => (req.result.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
    version,
  );
}

/** Reads one store of the outbox database directly. */
export function readStore(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('koubei-outbox');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          if (!db.objectStoreNames.contains(store)) return (db.close(), resolve([]));
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => (db.close(), resolve(r.result));
        };
      }),
    store,
  );
}

/** A stored record as the outbox writes it (v2), or as the first outbox did (v1). */
export function record(r, endpoint, v = 2, extra = {}) {
  const payload = { complete: true, revision: 1, ...r };
  const base = { v, id: r.id, surveyId: r.surveyId, endpoint, payload, createdAt: Date.now() };
  return v === 1 ? base : { ...base, attempts: 0, nextAttemptAt: 0, lastError: null, ...extra };
}

/**
 * Accepted ids as an endpoint that honours Idempotency-Key sees them: a batch
 * re-sent under an already-accepted key (its acknowledgement was lost with an
 * unloaded page) is a replay, and must carry the same ids.
 */
export function acceptedOnce(collector) {
  const seen = new Map();
  const out = [];
  for (const r of collector.receipts.filter((r) => r.status >= 200 && r.status < 300)) {
    const key = r.headers['idempotency-key'];
    if (seen.has(key)) {
      assert.deepEqual(r.ids, seen.get(key), 'a replay carries the same ids');
      continue;
    }
    seen.set(key, r.ids);
    out.push(...r.ids);
  }
  return out;
}

/** Several tabs of one profile going online at the same moment. */
export const online = (pages) => Promise.all(pages.map((p) => p.setOfflineMode(false)));
export const offline = (pages) => Promise.all(pages.map((p) => p.setOfflineMode(true)));

/** Run before any script: a browser without Web Locks, so the outbox falls back to its lease. */
export function withoutWebLocks() {
  Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined, configurable: true });
}
