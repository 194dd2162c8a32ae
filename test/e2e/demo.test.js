// The demo as a newcomer runs it: `node demo/server.js`, the collector on its embedded database
// (on a free port, in a temp data directory), the zh-CN and English
// order-complete pages answered and submitted, the responses in
// GET /api/feedback, and responses.html listing them with the summary.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchBrowser, openPage, waitFor } from './support/harness.js';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const feedback = async (base) => (await fetch(`${base}/api/feedback`)).json();

describe('demo: order-complete pages, collector and responses page', () => {
  let wds, base, browser, dir, dataFile;
  let output = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'koubei-demo-'));
    dataFile = join(dir, 'koubei');
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    wds = spawn(process.execPath, [join(ROOT, 'demo/server.js')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), KOUBEI_DEMO_DATA: dataFile, KOUBEI_DEMO_QUIET: '1', KOUBEI_DEMO_SEED: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Never outlive this test process, even if it dies before `after`.
    process.once('exit', () => wds.exitCode === null && wds.kill('SIGKILL'));
    wds.stdout.on('data', (d) => (output += d));
    wds.stderr.on('data', (d) => (output += d));
    await waitFor(
      async () => {
        if (wds.exitCode !== null) throw new Error(`wds exited (${wds.exitCode}):\n${output}`);
        try {
          return (await fetch(`${base}/api/feedback`)).ok;
        } catch {
          return false;
        }
      },
      { timeout: 60000, interval: 200, message: `the demo server on ${base}` },
    );
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    if (wds && wds.exitCode === null) {
      const exited = new Promise((r) => wds.once('exit', r));
      wds.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (wds.exitCode === null) wds.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 and starts with no responses', async () => {
    assert.match(base, /^http:\/\/127\.0\.0\.1:/);
    const d = await feedback(base);
    assert.deepEqual(d.responses, []);
    assert.equal(d.summary.responses, 0);
  });

  it('answers 400 with field-naming messages for a bad batch', async () => {
    const res = await fetch(`${base}/api/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ schema: 'koubei/1', sentAt: 'now', responses: [] }),
    });
    assert.equal(res.status, 400);
    const body = await res.json();
    assert.deepEqual(body.issues, ['sentAt: expected a valid datetime', 'responses: must be at least 1']);
  });

  const pages = [
    {
      file: 'order-complete.html',
      locale: 'zh-CN',
      comment: '包装很好，送货很快👍🏽',
      nps: 9,
      thanks: '感谢您的反馈！',
    },
    {
      file: 'order-complete.en.html',
      locale: 'en',
      comment: 'Arrived a day early.',
      nps: 3,
      thanks: 'Thank you for your feedback!',
    },
  ];
  for (const p of pages) {
    it(`${p.file}: a customer answers and the response reaches /api/feedback`, async () => {
      // Each page as another customer (its own storage): one browser that answered order A1001 is shown the thank-you.
      const page = await openPage(await browser.createBrowserContext());
      page.missing = [];
      page.on('response', (res) => res.status() === 404 && page.missing.push(res.url()));
      await page.goto(`${base}/demo/${p.file}?from=sms#survey`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('koubei-nps')?.shadowRoot?.querySelector('[role=radio]'));
      await page.click(`koubei-nps >>> [role=radio][data-value="${p.nps}"]`);
      await page.click('koubei-likert[name=delivery] >>> [role=radio][data-value="5"]');
      await page.focus('koubei-likert[name=as-described] >>> [role=radio][tabindex="0"]');
      await page.keyboard.press('ArrowRight'); // 1 → 2, checked
      await page.keyboard.press('ArrowRight'); // 3
      await page.type('koubei-text >>> textarea', p.comment);
      await page.click('koubei-survey >>> button[part~="submit"]');
      const thanks = await page.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="thank-you"]')?.textContent.trim());
      assert.equal(await thanks.jsonValue(), p.thanks);

      const r = await waitFor(async () => (await feedback(base)).responses.find((x) => x.locale === p.locale), { message: `the ${p.locale} response` });
      assert.equal(r.surveyId, 'post-purchase');
      assert.deepEqual(r.answers, { nps: p.nps, delivery: 5, 'as-described': 3, comment: p.comment });
      assert.equal(r.scores.nps.value, p.nps);
      assert.equal(r.scores.delivery.satisfied, true);
      assert.equal(r.scores['as-described'].satisfied, false);
      assert.deepEqual(r.context, { orderId: 'A1001', channel: 'web', page: `${base}/demo/${p.file}`, referrer: '' });
      // The page's outbox empties once the collector has it.
      await waitFor(() => page.evaluate(async () => (await window.Koubei.pending()).length === 0), { message: 'an empty outbox' });
      assert.deepEqual(page.problems.pageErrors, []);
      // The browser's own favicon request is the demo's only 404.
      assert.deepEqual(page.problems.consoleErrors.filter((e) => !e.includes('404')), []);
      assert.deepEqual(page.missing.filter((u) => !u.endsWith('/favicon.ico')), []);
      await page.close();
    });
  }

  it('the failure switch: with the collector answering 503 the response waits, and goes once it is back', async () => {
    const page = await openPage(browser, `${base}/demo/order-complete.html`);
    await page.waitForFunction(() => document.querySelector('koubei-nps')?.shadowRoot?.querySelector('[role=radio]'));
    await page.click('#tools button[data-mode="fail"]');
    await waitFor(async () => (await feedback(base)).mode === 'fail', { message: 'mode fail' });
    const count = (await feedback(base)).responses.length;
    await page.click('koubei-nps >>> [role=radio][data-value="10"]');
    await page.click('koubei-likert[name=delivery] >>> [role=radio][data-value="4"]');
    await page.click('koubei-survey >>> button[part~="submit"]');
    await page.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="thank-you"]'));
    // The customer is thanked; the answer waits in the outbox and the page says so.
    await waitFor(() => page.evaluate(() => document.getElementById('queue').textContent === '待发送：1 条'), { message: 'the queue line' });
    assert.equal((await feedback(base)).responses.length, count);
    await page.click('#tools button[data-mode="ok"]');
    await waitFor(async () => (await feedback(base)).responses.length === count + 1, { message: 'the delivered response' });
    await waitFor(() => page.evaluate(() => document.getElementById('queue').textContent === '待发送：0 条'), { message: 'an empty queue' });
    assert.equal((await feedback(base)).mode, 'ok');
    assert.deepEqual(page.problems.pageErrors, []);
    await page.close();
  });

  it('stored every response once in the collector', async () => {
    const { responses } = await feedback(base);
    assert.deepEqual(responses.map((r) => r.locale).sort(), ['en', 'zh-CN', 'zh-CN']);
    assert.equal(new Set(responses.map((r) => r.id)).size, 3);
  });

  it('responses.html lists them with the summarize numbers', async () => {
    const page = await openPage(browser, `${base}/demo/responses.html`);
    await page.waitForFunction(() => document.querySelectorAll('#list tbody tr').length === 3);
    const rows = await page.$$eval('#list tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
    assert.deepEqual(rows.map((r) => r[2]).sort(), ['en', 'zh-CN', 'zh-CN']);
    assert.deepEqual(rows.map((r) => r[3].match(/nps: (\d+)/)?.[1]).sort(), ['10', '3', '9']);
    for (const r of rows) assert.equal(r[1], 'A1001');
    assert.ok(rows.some((r) => r[3].includes('包装很好，送货很快👍🏽')));
    const summary = await page.$eval('#summary', (el) => el.textContent);
    // All three answered order A1001 of one survey: summarize counts that order once, with its latest
    // complete response (NPS 10, delivery 4, as-described skipped) → NPS 100 ± 0, CSAT 100%, mean 4.
    assert.match(summary, /共 1 条 · 1 responses/);
    assert.match(summary, /NPS 100 ± 0/);
    assert.match(summary, /delivery \(likert, n=1\)CSAT 100% .*mean 4 \/ 5/);
    assert.deepEqual(page.problems.pageErrors, []);
    await page.close();
  });
});
