// A shop's configuration mistakes, with the built script-tag bundle: each one
// is a console error naming the attribute and its value plus a koubei-error
// event on window, never an exception into the page, and the rest of the page
// (the shop's own script, a correctly configured survey) keeps working.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema } from '../../dist/schema.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, openPage, waitFor, startSite } from './support/harness.js';

const DIR = 'test/e2e/.pages/config-errors';

const page = (bad) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Config errors</title><link rel="icon" href="data:,">
<script>
  window.__errors = [];
  addEventListener('koubei-error', (e) => window.__errors.push({ ...e.detail, tag: e.composedPath()[0].localName }));
</script>
<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script></head>
<body>
<section id="bad">${bad}</section>
<koubei-survey id="good" survey-id="still-works"><koubei-nps required></koubei-nps></koubei-survey>
<button id="shop" type="button" onclick="this.textContent = 'Added'">Add to cart</button>
<script>document.body.dataset.after = 'ran';</script>
</body></html>`;

const CASES = [
  {
    name: 'missing survey-id',
    markup: '<koubei-survey><koubei-nps></koubei-nps></koubei-survey>',
    tag: 'koubei-survey',
    attribute: 'survey-id',
    // One truth: the event's value is null and the console says "not set", not survey-id="".
    value: null,
    console: 'survey-id (not set)',
  },
  {
    name: 'endpoint that is not a URL',
    markup: '<koubei-survey survey-id="bad-endpoint" endpoint="not a url"><koubei-nps></koubei-nps></koubei-survey>',
    tag: 'koubei-survey',
    attribute: 'endpoint',
    value: 'not a url',
    console: 'endpoint="not a url"',
  },
  {
    name: 'points="11"',
    markup: '<koubei-likert name="fit" points="11"></koubei-likert>',
    tag: 'koubei-likert',
    attribute: 'points',
    value: '11',
    console: 'points="11"',
    // Falls back to the default 5-point scale.
    check: (el) => el.shadowRoot.querySelectorAll('[role=radio]').length === 5,
  },
  {
    name: 'maxlength="-1"',
    markup: '<koubei-text name="note" maxlength="-1"></koubei-text>',
    tag: 'koubei-text',
    attribute: 'maxlength',
    value: '-1',
    console: 'maxlength="-1"',
    // Falls back to the default 1000 characters: typing is still possible.
    check: (el) => /1000/.test(el.shadowRoot.querySelector('[part~="counter"]')?.textContent ?? ''),
  },
];

describe('bad configuration is reported, never thrown', () => {
  let server, browser, collector, site;
  before(async () => {
    site = await startSite(DIR, Object.fromEntries(CASES.map((c, i) => [`case-${i}.html`, page(c.markup)])));
    ({ server, browser, collector } = site);
  });
  after(() => site?.close());

  for (const [i, c] of CASES.entries()) {
    it(c.name, async () => {
      const p = await openPage(browser, `${server.url}/${DIR}/case-${i}.html`);
      await waitFor(() => p.evaluate(() => window.__errors.length > 0), { message: 'a koubei-error event' });
      // Renders settle before counting: a bad value is reported once, not on every render.
      await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

      const errors = await p.evaluate(() => window.__errors);
      assert.equal(errors.length, 1, JSON.stringify(errors));
      assert.equal(errors[0].reason, 'config');
      assert.equal(errors[0].attribute, c.attribute);
      if (c.value !== undefined) assert.equal(errors[0].value, c.value);
      assert.equal(errors[0].tag, c.tag);
      assert.ok(errors[0].message.length > 10, 'the event says what is wrong');

      const lines = p.problems.consoleErrors;
      assert.equal(lines.length, 1, JSON.stringify(lines));
      assert.ok(lines[0].includes('[koubei]') && lines[0].includes(`<${c.tag}>`) && lines[0].includes(c.console), lines[0]);
      assert.deepEqual(p.problems.pageErrors, []);

      if (c.check) assert.equal(await p.$eval(`#bad ${c.tag}`, c.check), true, 'the element falls back to its default');

      // The rest of the page works: the shop's later script ran, its button works, the good survey submits.
      assert.equal(await p.evaluate(() => document.body.dataset.after), 'ran');
      await p.click('#shop');
      assert.equal(await p.$eval('#shop', (b) => b.textContent), 'Added');
      const before = collector.receipts.length;
      await p.click('#good koubei-nps >>> [role=radio][data-value="8"]');
      await p.click('#good >>> button[part~="submit"]');
      await waitFor(() => collector.receipts.length > before, { message: 'the good survey’s POST' });
      const r = batchSchema.parse(JSON.parse(collector.receipts.at(-1).body)).responses[0];
      assert.equal(r.surveyId, 'still-works');
      assert.deepEqual(r.answers, { nps: 8 });
      assert.deepEqual(p.problems.pageErrors, []);
      await p.close();
    });
  }

  it('a page opened from a file with a relative endpoint: the error says the page needs a web server', async () => {
    // What a shop developer who double-clicks their test page meets.
    const file = join(ROOT, DIR, 'from-file.html');
    await writeFile(
      file,
      `<!doctype html><html lang="en"><head><meta charset="utf-8">
      <script>window.__errors = []; addEventListener('koubei-error', (e) => __errors.push(e.detail));</script>
      <script src="${pathToFileURL(join(ROOT, 'dist/koubei.iife.js')).href}"></script></head>
      <body><koubei-survey survey-id="local" endpoint="/api/feedback"><koubei-nps></koubei-nps></koubei-survey></body></html>`,
    );
    const p = await openPage(browser, pathToFileURL(file).href);
    await waitFor(() => p.evaluate(() => window.__errors.length > 0), { message: 'a koubei-error event' });
    const errors = await p.evaluate(() => window.__errors);
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.deepEqual([errors[0].reason, errors[0].attribute, errors[0].value], ['config', 'endpoint', '/api/feedback']);
    assert.match(errors[0].message, /is relative, and this page's address \(file:\/\/\/.*from-file\.html\) is not http\(s\): open the page from a web server/);
    assert.ok(p.problems.consoleErrors.some((l) => l.includes('endpoint="/api/feedback"') && l.includes('web server')), JSON.stringify(p.problems.consoleErrors));
    assert.deepEqual(p.problems.pageErrors, []);
    await p.close();
  });

  it('submitting a survey without survey-id throws nothing and sends nothing', async () => {
    const p = await openPage(browser, `${server.url}/${DIR}/case-0.html`);
    await waitFor(() => p.evaluate(() => window.__errors.length > 0), { message: 'a koubei-error event' });
    // Earlier cases' pages closed right after their POST: an unacknowledged one may be re-sent from here (at-least-once).
    const earlier = new Set(collector.receipts.flatMap((r) => r.ids));
    await p.click('#bad koubei-nps >>> [role=radio][data-value="5"]');
    await p.click('#bad koubei-survey >>> button[part~="submit"]');
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(collector.receipts.flatMap((r) => r.ids).filter((id) => !earlier.has(id)), [], 'nothing new sent');
    assert.deepEqual(p.problems.pageErrors, []);
    assert.ok(p.problems.consoleErrors.every((l) => l.includes('survey-id')), JSON.stringify(p.problems.consoleErrors));
    await p.close();
  });
});
