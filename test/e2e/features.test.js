// Survey features loaded on demand by the self-contained builds (src/features.ts):
// an inline survey loads nothing beyond the script; a popover or steps survey
// loads dist/features/<name>.js from beside the script, and works; where that
// file is missing the survey still takes answers, inline, and says why. prefill="url" and show-when load their code
// the same way.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { batchSchema } from '../../dist/schema.js';
import { ROOT, openPage, waitFor, startSite } from './support/harness.js';

const DIR = 'test/e2e/.pages/features';
const page = (script, survey) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>Koubei</title><link rel="icon" href="data:,">
<script>window.__errors = []; addEventListener('koubei-error', (e) => __errors.push(e.detail));</script>
${script}</head>
<body><h1>订单已完成</h1>${survey}</body></html>`;
const IIFE = '<script src="/dist/koubei.iife.js" data-endpoint="/collect"></script>';
const NPS_IIFE = '<script src="/dist/nps.iife.js" data-endpoint="/collect"></script>';
// A shop that copied only koubei.iife.js to its server, without dist/features/.
const LONE = '<script src="lone/koubei.iife.js" data-endpoint="/collect"></script>';
const QUESTIONS = '<koubei-nps required></koubei-nps><koubei-text name="comment"></koubei-text>';

const FILES = {
  'inline.html': page(IIFE, `<koubei-survey survey-id="inline">${QUESTIONS}</koubei-survey>`),
  'popover.html': page(IIFE, `<koubei-survey survey-id="pop" display="popover" position="bottom-left">${QUESTIONS}</koubei-survey>`),
  'steps.html': page(NPS_IIFE, `<koubei-survey survey-id="steps" steps><koubei-nps required></koubei-nps><koubei-nps name="again"></koubei-nps></koubei-survey>`),
  'lone.html': page(
    LONE,
    `<koubei-survey survey-id="lone" display="popover" steps prefill="url"><koubei-nps required></koubei-nps><koubei-text name="comment" show-when="nps:promoter"></koubei-text></koubei-survey>`,
  ),
  'follow-up.html': page(
    NPS_IIFE,
    `<koubei-survey survey-id="follow-up"><koubei-nps required></koubei-nps><koubei-nps name="again" show-when="nps:detractor"></koubei-nps></koubei-survey>`,
  ),
  'landing.html': page(IIFE, `<koubei-survey survey-id="landing" prefill="url">${QUESTIONS}</koubei-survey>`),
  'choice.html': page(
    IIFE,
    `<koubei-survey survey-id="after-sales"><koubei-choice name="reason" multiple><option value="late">送货慢</option><option value="damaged">包装破损</option></koubei-choice><koubei-text name="where" show-when="reason:damaged"></koubei-text></koubei-survey>`,
  ),
};

/** The paths of every script the page fetched. */
function scripts(p) {
  const seen = [];
  p.on('request', (r) => r.resourceType() === 'script' && seen.push(new URL(r.url()).pathname));
  return seen;
}

/** Opens a test page and waits until its survey shows `part`; `seen` lists the scripts it fetched. */
async function visit(browser, url, part) {
  const p = await openPage(browser);
  const seen = scripts(p);
  await p.goto(url, { waitUntil: 'load' });
  await p.waitForFunction((n) => document.querySelector('koubei-survey').shadowRoot?.querySelector(`[part~="${n}"]`), {}, part);
  return { p, seen };
}

const part = (p, name) => p.evaluateHandle((n) => document.querySelector('koubei-survey').shadowRoot.querySelector(`[part~="${n}"]`), name);

describe('survey features on demand (script-tag builds)', () => {
  let server, browser, collector, site;
  before(async () => {
    site = await startSite(DIR, FILES);
    ({ server, browser, collector } = site);
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(ROOT, DIR, 'lone'), { recursive: true });
    await copyFile(join(ROOT, 'dist/koubei.iife.js'), join(ROOT, DIR, 'lone/koubei.iife.js'));
  });
  after(() => site?.close());

  /** Presses submit and returns the response the endpoint received, validated. */
  async function submitted(p) {
    const before = collector.receipts.length;
    await (await part(p, 'submit')).click();
    await waitFor(() => collector.receipts.length > before, { message: 'the batch' });
    return batchSchema.parse(JSON.parse(collector.receipts.at(-1).body)).responses[0];
  }

  it('an inline survey loads only the script', async () => {
    const { p, seen } = await visit(browser, `${server.url}/${DIR}/inline.html`, 'submit');
    assert.deepEqual(seen, ['/dist/koubei.iife.js']);
    assert.deepEqual(p.problems.pageErrors, []);
    assert.deepEqual(await p.evaluate(() => window.__errors), []);
    await p.close();
  });

  it('a popover loads dist/features/placement.js and opens as a styled card in the top layer', async () => {
    const { p, seen } = await visit(browser, `${server.url}/${DIR}/popover.html`, 'popover');
    await p.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="popover"]:popover-open'));
    assert.deepEqual(seen, ['/dist/koubei.iife.js', '/dist/features/placement.js']);
    const card = await part(p, 'popover');
    const style = await card.evaluate((c) => ({ position: getComputedStyle(c).position, left: c.getBoundingClientRect().left }));
    assert.equal(style.position, 'fixed');
    assert.ok(Math.abs(style.left - 16) <= 2, `the card sits bottom-left (left ${style.left})`);
    // Its close button dismisses it: the placement code is really running.
    const dismissed = p.evaluate(() => new Promise((r) => addEventListener('koubei-dismiss', (e) => r(e.detail), { once: true })));
    await (await part(p, 'close')).click();
    assert.deepEqual(await dismissed, { surveyId: 'pop' });
    assert.deepEqual(p.problems.pageErrors, []);
    assert.deepEqual(await p.evaluate(() => window.__errors), []);
    await p.close();
  });

  it('koubei/nps with steps loads dist/features/steps.js: one question per step, then a valid batch', async () => {
    const { p, seen } = await visit(browser, `${server.url}/${DIR}/steps.html`, 'progress');
    assert.deepEqual(seen, ['/dist/nps.iife.js', '/dist/features/steps.js']);
    const progress = () => p.evaluate(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="progress"]').textContent.trim());
    assert.equal(await progress(), '1 / 2');
    const shown = () => p.evaluate(() => [...document.querySelectorAll('koubei-nps')].map((q) => q.getBoundingClientRect().height > 0));
    assert.deepEqual(await shown(), [true, false]);
    await p.evaluate(() => document.querySelector('koubei-nps').shadowRoot.querySelector('[role=radio][data-value="9"]').click());
    await (await part(p, 'next')).click();
    await waitFor(async () => (await progress()) === '2 / 2', { message: 'step 2' });
    assert.deepEqual(await shown(), [false, true]);
    const response = await submitted(p);
    assert.equal(response.surveyId, 'steps');
    assert.deepEqual(response.answers, { nps: 9 });
    assert.deepEqual(p.problems.pageErrors, []);
    await p.close();
  });

  it('a <koubei-choice> loads dist/features/choice.js; show-when on it works from the start; the batch carries the array and the choice score', async () => {
    const { p, seen } = await visit(browser, `${server.url}/${DIR}/choice.html`, 'submit');
    await p.waitForFunction(() => document.querySelector('koubei-choice').shadowRoot?.querySelector('input'));
    assert.deepEqual(seen.sort(), ['/dist/features/choice.js', '/dist/features/show-when.js', '/dist/koubei.iife.js']);
    assert.equal(await p.evaluate(() => document.querySelector('koubei-text').hidden), true, 'hidden until damaged is chosen');
    for (const v of ['late', 'damaged']) await p.evaluate((x) => document.querySelector('koubei-choice').shadowRoot.querySelector(`input[value="${x}"]`).click(), v);
    await p.waitForFunction(() => !document.querySelector('koubei-text').hidden);
    const response = await submitted(p);
    assert.deepEqual(response.answers, { reason: ['late', 'damaged'] });
    assert.deepEqual(response.scores.reason, { type: 'choice', selected: ['late', 'damaged'] });
    assert.deepEqual(p.problems.pageErrors, []);
    assert.deepEqual(await p.evaluate(() => window.__errors), []);
    await p.close();
  });

  it('show-when (koubei/nps as a script) loads dist/features/show-when.js: the follow-up hidden until a detractor\'s score, then sent', async () => {
    const { p, seen } = await visit(browser, `${server.url}/${DIR}/follow-up.html`, 'submit');
    const hidden = () => p.evaluate(() => document.querySelector('koubei-nps[name=again]').hidden);
    await waitFor(() => seen.includes('/dist/features/show-when.js'), { message: 'show-when.js' });
    assert.deepEqual(seen, ['/dist/nps.iife.js', '/dist/features/show-when.js']);
    assert.equal(await hidden(), true);
    await p.evaluate(() => document.querySelector('koubei-nps').shadowRoot.querySelector('[role=radio][data-value="3"]').click());
    await waitFor(async () => !(await hidden()), { message: 'the follow-up shown' });
    await p.evaluate(() => document.querySelector('koubei-nps[name=again]').shadowRoot.querySelector('[role=radio][data-value="5"]').click());
    const response = await submitted(p);
    assert.deepEqual(response.answers, { nps: 3, again: 5 });
    assert.deepEqual(p.problems.pageErrors, []);
    assert.deepEqual(await p.evaluate(() => window.__errors), []);
    await p.close();
  });

  it('prefill="url" (an email landing page) loads dist/features/prefill.js and puts the link\'s score on screen', async () => {
    const { p, seen } = await visit(browser, `${server.url}/${DIR}/landing.html?nps=7&comment=%E5%BE%88%E5%A5%BD`, 'submit');
    await p.waitForFunction(() => document.querySelector('koubei-nps').value === 7);
    assert.deepEqual(seen, ['/dist/koubei.iife.js', '/dist/features/prefill.js']);
    assert.equal(await p.evaluate(() => document.querySelector('koubei-text').value), '很好');
    assert.deepEqual(p.problems.pageErrors, []);
    assert.deepEqual(await p.evaluate(() => window.__errors), []);
    await p.close();
  });

  it('without dist/features/ beside the script: shown inline with every question, one koubei-error each, answers still delivered', async () => {
    const { p } = await visit(browser, `${server.url}/${DIR}/lone.html`, 'submit');
    const errors = await waitFor(async () => {
      const e = await p.evaluate(() => window.__errors);
      return e.length >= 4 && e;
    }, { message: 'four load errors' });
    assert.deepEqual(
      errors.map((e) => [e.reason, e.attribute]).sort(),
      [
        ['load', 'display'],
        ['load', 'prefill'],
        ['load', 'show-when'],
        ['load', 'steps'],
      ],
    );
    for (const e of errors) assert.match(e.message, /could not be loaded/);
    assert.equal(p.problems.consoleErrors.filter((m) => /\[koubei\] <koubei-survey> (display="popover"|steps=""|prefill="url"|show-when \(not set\))/.test(m)).length, 4);
    // Inline, in the page's flow, both questions at once (the follow-up too: show-when could not load).
    assert.equal(await (await part(p, 'popover')).evaluate((c) => c === null), true);
    assert.deepEqual(await p.evaluate(() => [...document.querySelectorAll('koubei-nps, koubei-text')].map((q) => q.getBoundingClientRect().height > 0)), [true, true]);
    await p.evaluate(() => document.querySelector('koubei-nps').shadowRoot.querySelector('[role=radio][data-value="4"]').click());
    const response = await submitted(p);
    assert.deepEqual(response.answers, { nps: 4 });
    assert.deepEqual(p.problems.pageErrors, []);
    await p.close();
  });
});
