// A shop's own page: the IIFE build by a classic <script src>, a customer
// answers with mouse and keyboard, the endpoint receives a valid batch.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { batchSchema } from '../../dist/schema.js';
import { Collector, ROOT, launchBrowser, openPage, startServer, waitFor } from './support/harness.js';

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>订单已完成</title>
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script></head>
<body><h1>订单已完成</h1>
<koubei-survey survey-id="post-purchase" data-order-id="A1001">
  <koubei-nps brand="优选" required></koubei-nps>
  <koubei-likert name="delivery" required></koubei-likert>
  <koubei-text name="comment"></koubei-text>
</koubei-survey></body></html>`;

describe('script-tag build on a plain page', () => {
  let server, browser, collector, dir;
  before(async () => {
    dir = join(ROOT, 'test/e2e/.pages');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'script-tag.html'), PAGE);
    collector = new Collector();
    server = await startServer({ collectors: { '/collect': collector } });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('defines the elements, exposes window.Koubei and delivers a valid batch', async () => {
    const page = await openPage(browser, `${server.url}/test/e2e/.pages/script-tag.html?utm=x#top`);
    assert.equal(await page.evaluate(() => typeof window.Koubei?.scoreResponse), 'function');
    await page.click('koubei-nps >>> [role=radio][data-value="9"]');
    await page.focus('koubei-likert >>> [role=radio][tabindex="0"]');
    await page.keyboard.press('ArrowRight'); // checks 1 (first), then…
    await page.keyboard.press('ArrowRight'); // …2
    await page.keyboard.press('ArrowRight'); // 3? The first arrow from an empty group checks the next option.
    await page.type('koubei-text >>> textarea', '  很好👍🏽  ');
    await page.click('koubei-survey >>> .submit');
    await waitFor(() => collector.receipts.length > 0, { message: 'a POST' });
    const receipt = collector.receipts[0];
    assert.equal(receipt.headers['content-type'], 'application/json');
    const batch = batchSchema.parse(JSON.parse(receipt.body));
    assert.equal(batch.responses.length, 1);
    const r = batch.responses[0];
    assert.equal(r.surveyId, 'post-purchase');
    assert.equal(r.locale, 'zh-CN');
    assert.equal(r.answers.nps, 9);
    assert.deepEqual(r.scores.nps, { type: 'nps', value: 9, category: 'promoter' });
    assert.equal(r.answers.comment, '很好👍🏽');
    assert.deepEqual(r.scores.comment, { type: 'text', length: 3 });
    assert.equal(r.context.orderId, 'A1001');
    assert.equal(r.context.page, `${server.url}/test/e2e/.pages/script-tag.html`);
    assert.equal(typeof r.answers.delivery, 'number');
    const thanks = await page.$eval('koubei-survey', (el) => el.shadowRoot.querySelector('[part~="thank-you"]')?.textContent.trim());
    assert.equal(thanks, '感谢您的反馈！');
    assert.deepEqual(page.problems.pageErrors, []);
  });
});
