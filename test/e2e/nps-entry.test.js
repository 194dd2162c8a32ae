// koubei/nps, the lighter entry for a shop that asks only the NPS question:
// dist/nps.js as an ES module and dist/nps.iife.js as a classic script each
// define <koubei-survey> and <koubei-nps> (and nothing else), and a customer's
// answer reaches the endpoint as a batch that the zod batchSchema accepts.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '../../dist/schema.js';
import { Collector, launchBrowser, openPage, startServer, waitFor } from './support/harness.js';

// One order per page: both pages run in one browser, and an order answered once shows its thank-you after that.
const SURVEY = (order) => `<koubei-survey survey-id="post-purchase" data-order-id="${order}" endpoint="/collect">
  <koubei-nps brand="优选" required></koubei-nps></koubei-survey>`;
const page = (script, order) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,">
${script}</head><body><h1>订单已完成</h1>${SURVEY(order)}</body></html>`;

describe('koubei/nps entry', () => {
  let server, browser, collector;
  before(async () => {
    collector = new Collector();
    const serve = (html) => (req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(html);
    };
    server = await startServer({
      collectors: { '/collect': collector },
      routes: {
        '/module.html': serve(page('<script type="module" src="/dist/nps.js"></script>', 'A1001')),
        '/classic.html': serve(page('<script src="/dist/nps.iife.js"></script>', 'A1002')),
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [what, path, order] of [
    ['dist/nps.js as a module', '/module.html', 'A1001'],
    ['dist/nps.iife.js as a classic script', '/classic.html', 'A1002'],
  ]) {
    it(`${what}: defines the survey and NPS only, and delivers a valid batch`, async () => {
      const tab = await openPage(browser, server.url + path);
      const defined = await tab.evaluate(() => ['koubei-survey', 'koubei-nps', 'koubei-likert', 'koubei-text'].map((t) => !!customElements.get(t)));
      assert.deepEqual(defined, [true, true, false, false]);
      await waitFor(() => tab.$eval('koubei-nps', (el) => !!el.shadowRoot.querySelector('[role=radio][data-value="9"]')));
      const before = collector.receipts.length;
      await tab.$eval('koubei-nps', (el) => el.shadowRoot.querySelector('[role=radio][data-value="9"]').click());
      await tab.$eval('koubei-survey', (el) => el.shadowRoot.querySelector('.submit').click());
      await waitFor(() => collector.receipts.length > before, { message: 'a batch at the endpoint' });
      const batch = batchSchema.parse(JSON.parse(collector.receipts.at(-1).body));
      assert.deepEqual(batch.responses[0].answers, { nps: 9 });
      assert.deepEqual(batch.responses[0].scores.nps, { type: 'nps', value: 9, category: 'promoter' });
      assert.equal(batch.responses[0].context.orderId, order);
      assert.deepEqual(tab.problems.pageErrors, []);
      await tab.close();
    });
  }
});
