// A shop with a strict Content-Security-Policy (no unsafe-inline, no
// unsafe-eval): the builds load, a customer answers and submits, and the
// browser records not one securitypolicyviolation on the way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '../../dist/schema.js';
import { openPage, waitFor, startSite } from './support/harness.js';

const DIR = 'test/e2e/.pages/csp';
const CSP = "script-src 'self'; style-src 'self'";

const page = (script, lang) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>CSP</title><link rel="icon" href="data:,">
${script}</head>
<body><main>
<koubei-survey survey-id="csp-check" data-order-id="B2002">
  <koubei-nps brand="Shop" required></koubei-nps>
  <koubei-likert name="delivery" required></koubei-likert>
  <koubei-likert name="stars" variant="stars" points="5"></koubei-likert>
  <koubei-likert name="mood" variant="emoji" points="3"></koubei-likert>
  <koubei-likert name="seven" variant="numbers" points="7"></koubei-likert>
  <koubei-text name="comment" maxlength="20"></koubei-text>
</koubei-survey></main></body></html>`;

// The floating card and one-question-per-step flow: more markup, positioning and focus moves to check.
const POPOVER = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>CSP popover</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script></head>
<body><main><h1>订单已完成</h1>
<koubei-survey survey-id="csp-popover" display="popover" steps>
  <koubei-nps required></koubei-nps>
  <koubei-text name="comment"></koubei-text>
</koubei-survey></main></body></html>`;

// A page script that tries what the policy forbids (DevTools evaluation is exempt from CSP, so it must be a file).
const PROBE = `window.__probe = { evalBlocked: false, styleBlocked: false };
try { new Function('return 1')(); } catch { window.__probe.evalBlocked = true; }
const d = document.createElement('div');
d.setAttribute('style', 'color: rgb(1, 2, 3)');
document.body.append(d);
window.__probe.styleBlocked = getComputedStyle(d).color !== 'rgb(1, 2, 3)';
d.remove();`;

// Installed before any page script runs, so nothing slips through unseen.
function listenForViolations() {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
  });
}

describe('under script-src \'self\'; style-src \'self\'', () => {
  let server, browser, collector, site;
  before(async () => {
    const files = {
      'iife.html': page('<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script>', 'en'),
      'module.html': page('<script type="module" src="/dist/koubei.js" data-endpoint="/collect"></script>', 'zh-TW'),
      'probe.js': PROBE,
      'popover.html': POPOVER,
    };
    site = await startSite(DIR, files, { headers: { 'content-security-policy': CSP } });
    ({ server, browser, collector } = site);
  });
  after(() => site?.close());

  for (const [file, locale] of [
    ['iife.html', 'en'],
    ['module.html', 'zh-TW'],
  ]) {
    it(`${file}: loads, shows errors, submits, and violates nothing`, async () => {
      // Its own storage: the other page answered this order, and an answered order shows its thank-you.
      const p = await openPage(await browser.createBrowserContext());
      await p.evaluateOnNewDocument(listenForViolations);
      const res = await p.goto(`${server.url}/${DIR}/${file}`, { waitUntil: 'load' });
      assert.equal(res.headers()['content-security-policy'], CSP);
      await p.waitForFunction(() => customElements.get('koubei-survey') && document.querySelector('koubei-nps').shadowRoot?.querySelector('[role=radio]'));

      // The policy is really enforced, and the listener hears it: a page script's eval and inline style are refused.
      await p.addScriptTag({ url: `/${DIR}/probe.js` });
      assert.deepEqual(await p.evaluate(() => window.__probe), { evalBlocked: true, styleBlocked: true });
      await waitFor(() => p.evaluate(() => window.__violations.length === 2), { message: 'the two probe violations' });
      await p.evaluate(() => (window.__violations.length = 0));
      p.problems.consoleErrors.length = 0;

      // Styles applied (adoptedStyleSheets are allowed): the submit button is not an unstyled default.
      const styled = await p.$eval('koubei-survey', (el) => getComputedStyle(el.shadowRoot.querySelector('button')).fontWeight);
      assert.equal(styled, '700');
      // Options sit in one row of equal columns (no inline style sets the column count).
      const rows = await p.$$eval('koubei-nps, koubei-likert', (els) =>
        els.map((el) => {
          const boxes = [...el.shadowRoot.querySelectorAll('[role=radio]')].map((o) => o.getBoundingClientRect());
          return { n: boxes.length, tops: new Set(boxes.map((b) => Math.round(b.top))).size, widths: new Set(boxes.map((b) => Math.round(b.width))).size };
        }),
      );
      assert.deepEqual(rows, [
        { n: 11, tops: 1, widths: 1 },
        { n: 5, tops: 1, widths: 1 },
        { n: 5, tops: 1, widths: 1 },
        { n: 3, tops: 1, widths: 1 },
        { n: 7, tops: 1, widths: 1 },
      ]);

      const before = collector.receipts.length;
      // Required errors render the summary and inline messages.
      await p.click('koubei-survey >>> button[part~="submit"]');
      await p.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="error-summary"]'));
      await p.click('koubei-nps >>> [role=radio][data-value="10"]');
      await p.click('koubei-likert[name=delivery] >>> [role=radio][data-value="5"]');
      await p.click('koubei-likert[name=stars] >>> [role=radio][data-value="4"]');
      await p.hover('koubei-likert[name=stars] >>> [role=radio][data-value="2"]');
      await p.click('koubei-likert[name=mood] >>> [role=radio][data-value="3"]');
      await p.focus('koubei-likert[name=seven] >>> [role=radio][tabindex="0"]');
      await p.keyboard.press('End');
      await p.type('koubei-text >>> textarea', 'fine 很好 this is more than twenty');
      await p.$eval('koubei-text', (el) => el.shadowRoot.querySelector('textarea').select());
      await p.keyboard.type('ok');
      await p.click('koubei-survey >>> button[part~="submit"]');

      await waitFor(() => collector.receipts.length > before, { message: 'a POST' });
      const batch = batchSchema.parse(JSON.parse(collector.receipts.at(-1).body));
      const r = batch.responses[0];
      assert.equal(r.surveyId, 'csp-check');
      assert.equal(r.locale, locale);
      assert.deepEqual(r.answers, { nps: 10, delivery: 5, stars: 4, mood: 3, seven: 7, comment: 'ok' });
      await p.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="thank-you"]'));
      // Let anything late (delivery, focus, timers) happen before counting.
      await waitFor(() => p.evaluate(async () => (await window.Koubei?.pending?.())?.length === 0 || !window.Koubei), { message: 'delivery settled' });
      await new Promise((r) => setTimeout(r, 300));

      assert.deepEqual(await p.evaluate(() => window.__violations), []);
      assert.deepEqual(p.problems.consoleErrors, []);
      assert.deepEqual(p.problems.pageErrors, []);
      await p.close();
    });
  }

  it('popover.html: the floating card with steps, answered and submitted, violates nothing', async () => {
    const p = await openPage(browser);
    await p.evaluateOnNewDocument(listenForViolations);
    await p.goto(`${server.url}/${DIR}/popover.html`, { waitUntil: 'load' });
    const before = collector.receipts.length;
    await p.waitForSelector('koubei-survey >>> [part~="popover"]', { visible: true });
    await p.click('koubei-nps >>> [role=radio][data-value="7"]');
    await p.click('koubei-survey >>> [part~="next"]');
    await p.waitForSelector('koubei-text >>> textarea', { visible: true });
    await p.type('koubei-text >>> textarea', '还行');
    await p.click('koubei-survey >>> button[part~="submit"]');
    await waitFor(() => collector.receipts.length > before, { message: 'a POST' });
    const r = batchSchema.parse(JSON.parse(collector.receipts.at(-1).body)).responses[0];
    assert.equal(r.surveyId, 'csp-popover');
    assert.deepEqual(r.answers, { nps: 7, comment: '还行' });
    await waitFor(() => p.evaluate(async () => (await window.Koubei.pending()).length === 0), { message: 'delivery settled' });
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(await p.evaluate(() => window.__violations), []);
    assert.deepEqual(p.problems.consoleErrors, []);
    assert.deepEqual(p.problems.pageErrors, []);
    await p.close();
  });
});
