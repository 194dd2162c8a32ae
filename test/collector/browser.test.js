// The real script-tag build in headless Chromium posting to the real collector on another origin (CORS),
// across a collector restart: what the customer answered while the collector was down arrives once it is
// back, and every response is stored once, redacted.
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createCollector } from '../../dist/collector.js';
import { launchBrowser, openPage, ROOT, startServer, waitFor } from '../e2e/support/harness.js';
import { freshDatabase, stored, TOKEN } from './support.js';

const DIR = 'test/e2e/.pages/collector';
let site, browser, database;
before(async () => {
  site = await startServer();
  database = await freshDatabase();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await database?.drop();
  await rm(join(ROOT, DIR), { recursive: true, force: true });
});

const page = (endpoint, orderId) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>订单已完成</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="${endpoint}"></script></head>
<body><koubei-survey survey-id="browser-e2e" data-order-id="${orderId}">
  <koubei-nps required></koubei-nps>
  <koubei-text name="comment"></koubei-text>
</koubei-survey></body></html>`;

async function answer(p, score, comment) {
  await p.waitForFunction(() => document.querySelector('koubei-nps')?.shadowRoot?.querySelector('[role=radio]'));
  await p.$eval('koubei-nps', (el, s) => el.shadowRoot.querySelector(`[role=radio][data-value="${s}"]`).click(), score);
  await p.$eval('koubei-text', (el, c) => {
    const ta = el.shadowRoot.querySelector('textarea');
    ta.value = c;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }, comment);
  await p.$eval('koubei-survey', (el) => el.shadowRoot.querySelector('button[type=submit], [part~=submit]').click());
}

test('answers posted across a collector restart are all stored once', { timeout: 120000 }, async () => {
  const pageOrigin = site.url;
  const start = (port = 0) =>
    createCollector({ ...database.options, adminToken: TOKEN, allowOrigins: [pageOrigin], log: false }).then(async (c) => ({ c, ...(await c.listen(port, '127.0.0.1')) }));
  let col = await start();
  const endpoint = `${col.url}/v1/responses`;
  await mkdir(join(ROOT, DIR), { recursive: true });
  await writeFile(join(ROOT, DIR, 'a.html'), page(endpoint, 'B-1'));
  await writeFile(join(ROOT, DIR, 'b.html'), page(endpoint, 'B-2'));
  const t = { admin: (path) => fetch(col.url + path, { headers: { authorization: `Bearer ${TOKEN}` } }).then(async (r) => ({ status: r.status, body: await r.json() })) };

  const first = await openPage(browser, `${site.url}/${DIR}/a.html`);
  await answer(first, 3, '物流太慢，电话13812345678');
  await waitFor(async () => (await stored(t, 'browser-e2e')).length === 1, { message: 'the first response stored' });

  await col.c.close();
  const second = await openPage(browser, `${site.url}/${DIR}/b.html`);
  await answer(second, 10, '很满意');
  // Stored in the browser, not delivered: the collector is down.
  await waitFor(() => second.evaluate(async () => (await window.Koubei.pending()).length === 1), { message: 'one response waiting in the outbox' });

  col = await start(col.port);
  await second.evaluate(() => window.Koubei.flush());
  await waitFor(async () => (await second.evaluate(async () => (await window.Koubei.pending()).length)) === 0, { timeout: 30000, message: 'the outbox empty' });
  const rows = await stored(t, 'browser-e2e');
  assert.deepEqual(rows.map((r) => r.context.orderId).sort(), ['B-1', 'B-2']);
  const b1 = rows.find((r) => r.context.orderId === 'B-1');
  assert.equal(b1.answers.comment, '物流太慢，电话［手机号］');
  assert.equal(b1.followUp.status, 'open');
  assert.deepEqual([...first.problems.pageErrors, ...second.problems.pageErrors], []);
  await col.c.close();
});
