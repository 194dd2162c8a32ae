// A shop page on plain http that is not localhost (a staging host, a phone on
// the LAN, an old shop): not a secure context, so no crypto.randomUUID and no
// Web Locks. A customer still submits, the answers are stored and delivered
// once, and nothing throws into the page.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchSchema } from '../../dist/schema.js';
import { Collector, ROOT, launchBrowser, openPage, startServer, waitFor } from './support/harness.js';

const DIR = 'test/e2e/.pages/insecure-context';
const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>订单已完成</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script></head>
<body><koubei-survey survey-id="post-purchase" data-order-id="A1001"><koubei-nps required></koubei-nps></koubei-survey></body></html>`;

describe('a shop page on plain http (not a secure context)', () => {
  let server, browser, collector;
  before(async () => {
    await mkdir(join(ROOT, DIR), { recursive: true });
    await writeFile(join(ROOT, DIR, 'index.html'), PAGE);
    collector = new Collector();
    // First answer 503, so the response has to wait in the outbox.
    collector.behave = (req, body, n) => (n === 0 ? { status: 503, headers: { 'retry-after': '1' } } : { status: 200 });
    server = await startServer({ collectors: { '/collect': collector } });
    // shop.test resolves to the server: an http origin that is not localhost.
    browser = await launchBrowser({ args: ['--host-resolver-rules=MAP shop.test 127.0.0.1'] });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(join(ROOT, DIR), { recursive: true, force: true });
  });

  it('submits, stores and delivers the response once, with a valid id', async () => {
    const page = await openPage(browser, `http://shop.test:${server.port}/${DIR}/index.html`);
    assert.deepEqual(await page.evaluate(() => [isSecureContext, typeof crypto.randomUUID]), [false, 'undefined']);
    await page.click('koubei-nps >>> [role=radio][data-value="9"]');
    await page.click('koubei-survey >>> [part~=submit]');
    const id = await waitFor(() => page.evaluate(() => document.querySelector('koubei-survey').response?.id), { message: 'a stored response' });
    assert.ok(await page.$('koubei-survey >>> [part~=thank-you]'), 'the customer is thanked');
    await waitFor(() => collector.acceptedIds().length > 0, { message: 'delivery after the 503' });
    assert.deepEqual(collector.acceptedIds(), [id]);
    const batch = batchSchema.parse(JSON.parse(collector.receipts.at(-1).body));
    assert.equal(batch.responses[0].answers.nps, 9);
    assert.deepEqual(page.problems.pageErrors, []);
  });
});
