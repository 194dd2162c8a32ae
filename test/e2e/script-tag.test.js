// A shop's own page: the IIFE build by a classic <script src> with
// data-endpoint, a customer answers with mouse and keyboard, the endpoint
// receives a batch that batchSchema accepts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '../../dist/schema.js';
import { openPage, waitFor, startSite } from './support/harness.js';

const DIR = 'test/e2e/.pages/script-tag';
const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>订单已完成</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script></head>
<body><h1>订单已完成</h1>
<koubei-survey survey-id="post-purchase" data-order-id="A1001" data-channel="web">
  <koubei-nps brand="优选" required></koubei-nps>
  <koubei-likert name="delivery" required></koubei-likert>
  <koubei-text name="comment"></koubei-text>
</koubei-survey></body></html>`;

// Records what the page hands to fetch, to see keepalive (not visible on the wire).
function recordFetch() {
  window.__fetches = [];
  const original = window.fetch;
  window.fetch = function (input, init) {
    window.__fetches.push({ url: String(input), keepalive: init?.keepalive === true, bytes: init?.body?.length ?? 0 });
    return original.apply(this, arguments);
  };
}

/** The checked value of a scale and the value of the option that has focus. */
const scaleState = (page, tag) =>
  page.$eval(tag, (el) => ({
    value: el.value,
    checked: [...el.shadowRoot.querySelectorAll('[role=radio][aria-checked=true]')].map((o) => Number(o.dataset.value)),
    focused: Number(el.shadowRoot.activeElement?.dataset.value),
    tabStops: el.shadowRoot.querySelectorAll('[role=radio][tabindex="0"]').length,
  }));

describe('script-tag build on a plain page', () => {
  let server, browser, collector, site;
  before(async () => {
    site = await startSite(DIR, { 'index.html': PAGE });
    ({ server, browser, collector } = site);
  });
  after(() => site?.close());

  it('a customer answers with mouse and keyboard; the endpoint gets a valid batch', async () => {
    const page = await openPage(browser);
    await page.evaluateOnNewDocument(recordFetch);
    const pageUrl = `${server.url}/${DIR}/index.html`;
    const from = `${server.url}/cart/checkout?coupon=SAVE10&email=a%40b.cn`;
    await page.goto(`${pageUrl}?utm_source=sms&phone=13800000000#survey`, { waitUntil: 'load', referer: from });
    assert.equal(await page.evaluate(() => document.referrer), from, 'the page sees the full referrer');
    assert.equal(await page.evaluate(() => typeof window.Koubei?.scoreResponse), 'function');
    assert.equal(await page.evaluate(() => customElements.get('koubei-survey') === window.Koubei.KoubeiSurvey), true);

    // Mouse: NPS 9.
    await page.click('koubei-nps >>> [role=radio][data-value="9"]');
    assert.deepEqual(await scaleState(page, 'koubei-nps'), { value: 9, checked: [9], focused: 9, tabStops: 1 });

    // Keyboard: one Tab reaches the Likert group (one tab stop), on its first option, nothing checked yet.
    await page.keyboard.press('Tab');
    assert.deepEqual(await scaleState(page, 'koubei-likert'), { value: null, checked: [], focused: 1, tabStops: 1 });
    // Like native radios, an arrow moves to the next option and checks it; arrows wrap at the ends.
    const steps = [
      ['ArrowRight', 2],
      ['ArrowRight', 3],
      ['ArrowDown', 4],
      ['ArrowLeft', 3],
      ['End', 5],
      ['ArrowRight', 1],
      ['ArrowUp', 5],
      ['ArrowLeft', 4],
    ];
    for (const [key, expected] of steps) {
      await page.keyboard.press(key);
      await waitFor(async () => (await scaleState(page, 'koubei-likert')).focused === expected, { message: `${key} → ${expected}` });
      assert.deepEqual(await scaleState(page, 'koubei-likert'), { value: expected, checked: [expected], focused: expected, tabStops: 1 }, key);
    }

    // Tab to the text box and type (spaces around are trimmed in the answer).
    await page.keyboard.press('Tab');
    assert.equal(await page.$eval('koubei-text', (el) => el.shadowRoot.activeElement?.localName), 'textarea');
    await page.keyboard.type('  很好👍🏽  ');
    // Tab to the submit button and press Enter: a real button.
    await page.keyboard.press('Tab');
    assert.equal(await page.$eval('koubei-survey', (el) => el.shadowRoot.activeElement?.localName), 'button');
    await page.keyboard.press('Enter');

    await waitFor(() => collector.receipts.length > 0, { message: 'a POST' });
    const receipt = collector.receipts[0];
    assert.match(receipt.headers['content-type'], /^application\/json/);
    const parsed = batchSchema.safeParse(JSON.parse(receipt.body));
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    const batch = parsed.data;
    assert.equal(batch.schema, 'koubei/1');
    assert.equal(batch.responses.length, 1);
    const r = batch.responses[0];
    assert.match(r.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(r.surveyId, 'post-purchase');
    assert.equal(r.locale, 'zh-CN');
    assert.deepEqual(r.answers, { nps: 9, delivery: 4, comment: '很好👍🏽' });
    assert.deepEqual(r.scores, {
      nps: { type: 'nps', value: 9, category: 'promoter' },
      delivery: { type: 'likert', value: 4, points: 5, normalized: 0.75, satisfied: true },
      comment: { type: 'text', length: 3 },
    });
    // No query string, hash or path from URLs: they can carry personal data.
    assert.deepEqual(r.context, { orderId: 'A1001', channel: 'web', page: pageUrl, referrer: server.url });
    assert.equal(r.complete, true);
    assert.equal(r.revision, 1);

    // keepalive for a small body, so a customer closing the tab does not cancel the POST.
    const posts = (await page.evaluate(() => window.__fetches)).filter((f) => f.url.endsWith('/collect'));
    assert.ok(posts.length >= 1);
    assert.ok(posts[0].bytes < 60 * 1024);
    assert.equal(posts[0].keepalive, true);

    const thanks = await page.$eval('koubei-survey', (el) => el.shadowRoot.querySelector('[part~="thank-you"]')?.textContent.trim());
    assert.equal(thanks, '感谢您的反馈！');
    // Deleted from the local outbox once the collector said 2xx.
    await waitFor(() => page.evaluate(async () => (await window.Koubei.pending()).length === 0), { message: 'an empty outbox' });
    assert.equal(collector.receipts.length, 1);
    assert.deepEqual(page.problems.pageErrors, []);
    assert.deepEqual(page.problems.consoleErrors, []);
    await page.close();
  });

  it('shows the required error and sends nothing until the required questions are answered', async () => {
    const before = collector.receipts.length;
    // Another customer (own storage): the first test answered order A1001, which then shows its thank-you.
    const page = await openPage(await browser.createBrowserContext(), `${server.url}/${DIR}/index.html`);
    await page.click('koubei-survey >>> button[part~="submit"]');
    // Both required questions missing: a focused summary that lists them.
    await waitFor(() => page.$eval('koubei-survey', (el) => !!el.shadowRoot.querySelector('[part~="error-summary"]')), { message: 'error summary' });
    assert.equal(await page.$eval('koubei-survey', (el) => el.shadowRoot.activeElement?.getAttribute('part')), 'error-summary');
    await page.click('koubei-nps >>> [role=radio][data-value="0"]');
    await page.click('koubei-survey >>> button[part~="submit"]');
    // Only the Likert is missing now: focus goes to it.
    await waitFor(() => page.evaluate(() => document.activeElement?.localName === 'koubei-likert'), { message: 'focus on the likert' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(collector.receipts.length, before, 'nothing sent');
    await page.click('koubei-likert >>> [role=radio][data-value="1"]');
    await page.click('koubei-survey >>> button[part~="submit"]');
    await waitFor(() => collector.receipts.length > before, { message: 'a POST' });
    const r = batchSchema.parse(JSON.parse(collector.receipts.at(-1).body)).responses[0];
    assert.deepEqual(r.answers, { nps: 0, delivery: 1 });
    assert.deepEqual(page.problems.pageErrors, []);
    await page.close();
  });
});
