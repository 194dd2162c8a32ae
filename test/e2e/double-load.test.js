// A shop pastes the Koubei snippet twice (a template and a tag manager, say):
// the second copy must do nothing but warn once, and everything keeps working.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '../../dist/schema.js';
import { openPage, waitFor, startSite } from './support/harness.js';

const DIR = 'test/e2e/.pages/double-load';
const SINGLE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Once</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script></head>
<body><koubei-survey survey-id="earlier"><koubei-nps></koubei-nps></koubei-survey></body></html>`;
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Twice</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script>
<script src="/dist/koubei.iife.js?copy=2" data-endpoint="/collect"></script></head>
<body>
<koubei-survey survey-id="twice" data-order-id="C3003">
  <koubei-nps required></koubei-nps>
  <koubei-likert name="delivery" points="3"></koubei-likert>
  <koubei-text name="comment"></koubei-text>
</koubei-survey>
<script>document.body.dataset.after = 'ran';</script>
</body></html>`;

describe('the script-tag build loaded twice on one page', () => {
  let server, browser, collector, page, site;
  before(async () => {
    site = await startSite(DIR, { 'index.html': PAGE, 'single.html': SINGLE });
    ({ server, browser, collector } = site);
    page = await openPage(browser);
    page.scripts = [];
    page.on('requestfinished', (r) => r.url().includes('koubei.iife.js') && page.scripts.push(r.url()));
    await page.goto(`${server.url}/${DIR}/index.html`, { waitUntil: 'load' });
  });
  after(() => site?.close());

  it('runs both copies without an exception and warns exactly once', async () => {
    assert.equal(page.scripts.length, 2, 'both copies were fetched and ran');
    assert.deepEqual(page.problems.pageErrors, []);
    assert.deepEqual(page.problems.consoleErrors, []);
    const warnings = page.problems.consoleWarnings.filter((w) => w.includes('[koubei]'));
    assert.equal(warnings.length, 1, JSON.stringify(page.problems.consoleWarnings));
    assert.match(warnings[0], /already defined/);
    assert.match(warnings[0], /twice/);
    assert.equal(await page.evaluate(() => document.body.dataset.after), 'ran');
  });

  it('keeps window.Koubei from the copy whose elements are defined', async () => {
    const api = await page.evaluate(() => ({
      same: customElements.get('koubei-survey') === window.Koubei.KoubeiSurvey && customElements.get('koubei-nps') === window.Koubei.KoubeiNps,
      score: window.Koubei.scoreResponse({ nps: 7 }, [{ name: 'nps', type: 'nps' }]).nps.category,
      // renderEmailNps and summarize live in the modules, not in the script tag.
      moved: [typeof window.Koubei.summarize, typeof window.Koubei.renderEmailNps],
    }));
    assert.deepEqual(api, { same: true, score: 'passive', moved: ['undefined', 'undefined'] });
  });

  it('elements still work: one answer, one POST, one response', async () => {
    await page.click('koubei-nps >>> [role=radio][data-value="10"]');
    await page.focus('koubei-likert >>> [role=radio][tabindex="0"]');
    await page.keyboard.press('End');
    await page.type('koubei-text >>> textarea', 'Fast delivery');
    await page.click('koubei-survey >>> button[part~="submit"]');
    await waitFor(() => collector.receipts.length > 0, { message: 'a POST' });
    await waitFor(() => page.evaluate(async () => (await window.Koubei.pending()).length === 0), { message: 'an empty outbox' });
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(collector.receipts.length, 1, 'not posted once per copy');
    const batch = batchSchema.parse(JSON.parse(collector.receipts[0].body));
    assert.equal(batch.responses.length, 1);
    assert.deepEqual(batch.responses[0].answers, { nps: 10, delivery: 3, comment: 'Fast delivery' });
    assert.equal(batch.responses[0].scores.delivery.satisfied, true);
    assert.deepEqual(page.problems.pageErrors, []);
  });

  it('window.Koubei.submit still delivers a response built by code', async () => {
    const before = collector.receipts.length;
    const id = await page.evaluate(async () => {
      const { scoreResponse, submit } = window.Koubei;
      const answers = { nps: 4 };
      const response = {
        id: crypto.randomUUID(),
        surveyId: 'own-ui',
        createdAt: new Date().toISOString(),
        locale: 'en',
        answers,
        scores: scoreResponse(answers, [{ name: 'nps', type: 'nps' }]),
        context: { page: location.origin + location.pathname },
      };
      await submit(response, { endpoint: '/collect' });
      return response.id;
    });
    await waitFor(() => collector.receipts.length > before, { message: 'the POST' });
    assert.deepEqual(collector.receipts.slice(before).flatMap((r) => r.ids), [id]);
    assert.deepEqual(page.problems.pageErrors, []);
  });

  it('a response left from an earlier visit is re-sent once, not once per copy', async () => {
    // An earlier visit with one copy: the collector is down, the response stays stored.
    collector.behave = () => ({ status: 503 });
    const earlier = await openPage(browser, `${server.url}/${DIR}/single.html`);
    const failedBefore = collector.receipts.length;
    await earlier.click('koubei-nps >>> [role=radio][data-value="6"]');
    await earlier.click('koubei-survey >>> button[part~="submit"]');
    await waitFor(() => collector.receipts.length > failedBefore, { message: 'the failed POST' });
    const [id] = await earlier.evaluate(async () => (await window.Koubei.pending()).map((r) => r.id));
    assert.ok(id, 'kept for later');
    await earlier.close();

    // Next visit, both copies load; the collector is back.
    collector.behave = () => ({ status: 200 });
    const next = await openPage(browser, `${server.url}/${DIR}/index.html`);
    await waitFor(() => collector.acceptedIds().includes(id), { message: 'the re-sent response' });
    await waitFor(() => next.evaluate(async () => (await window.Koubei.pending()).length === 0), { message: 'an empty outbox' });
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(collector.acceptedIds().filter((x) => x === id).length, 1);
    assert.deepEqual(next.problems.pageErrors, []);
    await next.close();
  });
});
