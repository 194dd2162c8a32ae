// The landing page of a signed email, end to end: the script-tag build in headless Chromium, links signed with
// koubei/email, posting cross-origin to the real collector (embedded database) that verifies them with its link
// secret. What a mail scanner's browser records, and what a customer's clicks on two tabs and two browsers leave.
import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createCollector } from '../../dist/collector.js';
import { renderEmailNps, responseIdFor } from '../../dist/email.js';
import { freshDatabase, stored, TOKEN } from '../collector/support.js';
import { launchBrowser, ROOT, startServer, waitFor } from './support/harness.js';

const DIR = 'test/e2e/.pages/email-landing';
const SECRET = 'e2e-link-secret-0123456789abcdef';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** The revision a page gives a signed link's record from the clock: seconds since 2026-01-01T00:00:00Z. */
const clockRevision = () => Math.floor(Date.now() / 1000) - 1767225600;

const page = (surveyId, endpoint) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>评价您的订单</title><link rel="icon" href="data:,">
<script src="/dist/koubei.iife.js" data-endpoint="${endpoint}"></script></head>
<body><h1>感谢您的评分</h1>
<koubei-survey survey-id="${surveyId}" prefill="url" context-params="order-id,rid,kid,exp,sig">
  <koubei-nps required></koubei-nps>
  <koubei-likert name="delivery" question="您对物流配送满意吗？"></koubei-likert>
  <koubei-text name="comment" question="还有什么想说的？"></koubei-text>
</koubei-survey></body></html>`;

describe('a signed email\'s landing page, through the real collector', () => {
  let site, browser, database, collector, base, t;
  /** The eleven signed links of one email (score 0 to 10) and the response id they carry. */
  const email = async (surveyId, orderId) => {
    const { links } = await renderEmailNps({
      surveyUrl: `${site.url}/${DIR}/${surveyId}.html`,
      locale: 'zh-CN',
      surveyId,
      orderId,
      params: { 'order-id': orderId },
      sign: { secret: SECRET, keyId: 'k1', expiresIn: '30d' },
    });
    return { links, rid: await responseIdFor(orderId, SECRET) };
  };
  /** A page of `context` at `href`, once the survey shows the link's score (unless `scored` is false). */
  const open = async (context, href, scored = true) => {
    const p = await context.newPage();
    p.problems = [];
    p.on('pageerror', (e) => p.problems.push(e.message));
    await p.goto(href, { waitUntil: 'load' });
    if (scored) await p.waitForFunction(() => typeof document.querySelector('koubei-nps')?.value === 'number');
    return p;
  };
  const rows = (surveyId) => stored(t, surveyId);

  before(async () => {
    site = await startServer();
    database = await freshDatabase();
    collector = await createCollector({ ...database.options, adminToken: TOKEN, allowOrigins: [site.url], linkSecrets: { k1: SECRET }, rateLimit: 0, log: false });
    ({ url: base } = await collector.listen(0, '127.0.0.1'));
    t = { admin: (path) => fetch(base + path, { headers: { authorization: `Bearer ${TOKEN}` } }).then(async (r) => ({ status: r.status, body: await r.json() })) };
    await mkdir(join(ROOT, DIR), { recursive: true });
    for (const id of ['scan-idle', 'scan-click', 'customer']) await writeFile(join(ROOT, DIR, `${id}.html`), page(id, `${base}/v1/responses`));
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await collector?.close();
    await database?.drop();
    await site?.close();
    await rm(join(ROOT, DIR), { recursive: true, force: true });
  });

  it('a scanner opening all eleven links at once, each left as soon as its score shows, records nothing', { timeout: 90000 }, async () => {
    const { links } = await email('scan-idle', 'S-1');
    const scanner = await browser.createBrowserContext();
    // Opened first (so in the background once the others open): the same site without a score, to ask its outbox later.
    const check = await open(scanner, links[0].replace(/\?.*/, ''), false);
    const seen = [];
    // Tabs set up one by one (puppeteer could hang setting up several at once), then all eleven links opened at once.
    // Each tab leaves from inside the page the moment the survey shows the score (no round trip to the test, so a
    // loaded machine cannot stretch a tab's life past the two seconds that would count as a person).
    const tabs = [];
    for (let i = 0; i < 11; i++) {
      const tab = await scanner.newPage();
      tab.on('console', (m) => m.text().startsWith('seen ') && seen.push(Number(m.text().slice(5))));
      await tab.evaluateOnNewDocument(() => {
        const poll = setInterval(() => {
          const v = document.querySelector('koubei-nps')?.value;
          if (typeof v !== 'number') return;
          clearInterval(poll);
          console.log(`seen ${v}`);
          location.replace('about:blank');
        }, 10);
      });
      tabs.push(tab);
    }
    const started = Date.now();
    // A tab navigates away by itself, maybe before its load event: not a failure here.
    await Promise.all(tabs.map((tab, score) => tab.goto(links[score], { waitUntil: 'domcontentloaded', timeout: 30000 }).catch(() => undefined)));
    await waitFor(() => seen.length === 11, { message: 'every tab showed its score' });
    const opened = Date.now() - started;
    // One by one: puppeteer could hang opening or closing a tab while several close at once.
    for (const tab of tabs) await tab.close();
    // Every page ran the survey and showed its link's score, so "nothing" is not "nothing loaded".
    assert.deepEqual(seen.sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // Nothing waiting in the browser to be sent later, nothing at the collector (some seconds on, in case).
    await check.waitForFunction(() => window.Koubei?.pending);
    assert.deepEqual(await check.evaluate(async () => (await window.Koubei.pending()).length), 0);
    await sleep(3000);
    assert.deepEqual(await rows('scan-idle'), [], `eleven links opened and left in ${opened} ms`);
    await scanner.close();
  });

  it('a scanner that keeps the eleven pages open and clicks three: one response, the last click, with context.confirmed', { timeout: 90000 }, async () => {
    const { links, rid } = await email('scan-click', 'S-2');
    const scanner = await browser.createBrowserContext();
    // Tabs first, then the links: the last tab (score 10) is the one in the foreground, as in a browser.
    const tabs = [];
    for (let i = 0; i < 11; i++) tabs.push(await scanner.newPage());
    const posted = [];
    for (const tab of tabs)
      tab.on('request', (r) => {
        if (r.method() === 'POST' && r.url().startsWith(base)) for (const x of JSON.parse(r.postData()).responses) posted.push(x);
      });
    await Promise.all(tabs.map((tab, score) => tab.goto(links[score], { waitUntil: 'load' })));
    // About two seconds in the foreground count as a person: the score-10 tab, and only it (the others are hidden).
    await waitFor(async () => (await rows('scan-click')).length === 1, { message: 'the foreground tab recorded' });
    for (const score of [2, 5, 8]) {
      await tabs[score].bringToFront();
      await tabs[score].click('h1');
      await waitFor(async () => (await rows('scan-click'))[0]?.answers.nps === score, { message: `the click on ${score} stored` });
    }
    const [row, ...more] = await rows('scan-click');
    assert.deepEqual(more, [], 'one response for the eleven links');
    assert.equal(row.id, rid);
    assert.deepEqual(row.answers, { nps: 8 });
    assert.equal(row.complete, false);
    assert.equal(row.context.confirmed, 'pointer');
    assert.deepEqual(row.link, { status: 'verified', reason: null });
    // What the browser sent: one record per sign of a person, each a higher revision of the same id.
    const records = [...new Map(posted.map((r) => [r.revision, r])).values()].sort((a, b) => a.revision - b.revision);
    assert.deepEqual(records.map((r) => [r.id, r.answers.nps, r.context.confirmed]), [
      [rid, 10, 'time'],
      [rid, 2, 'pointer'],
      [rid, 5, 'pointer'],
      [rid, 8, 'pointer'],
    ]);
    assert.equal(row.revision, records[3].revision);
    assert.deepEqual(tabs.flatMap((p) => p.problems ?? []), []);
    await scanner.close();
  });

  it('a customer: 3, a comment, submit; then 9 in a second tab, submit; then 6 in a second browser: one response throughout', { timeout: 120000 }, async () => {
    const { links, rid } = await email('customer', 'C-1');
    const one = await browser.createBrowserContext();
    const first = await open(one, links[3]);
    await sleep(300);
    assert.deepEqual(await rows('customer'), [], 'nothing before the customer does anything');
    await first.click('h1');
    await waitFor(async () => (await rows('customer'))[0]?.complete === false, { message: 'the 3 stored' });
    let [row] = await rows('customer');
    assert.equal(row.id, rid);
    assert.deepEqual(row.answers, { nps: 3 });
    assert.equal(row.context.confirmed, 'pointer');
    assert.deepEqual(row.link, { status: 'verified', reason: null });

    await first.click('koubei-likert[name="delivery"] >>> [role=radio][data-value="4"]');
    await first.type('koubei-text[name="comment"] >>> textarea', '包装很好');
    await first.click('koubei-survey >>> [part~="submit"]');
    await first.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="thank-you"]'));
    await waitFor(async () => (await rows('customer'))[0]?.complete === true, { message: 'the complete 3 stored' });

    // The 9 in the same email, a day later, in a new tab: the comment and the touchpoint are there.
    const second = await open(one, links[9]);
    assert.equal(await second.$eval('koubei-likert[name="delivery"]', (el) => el.value), 4);
    assert.equal(await second.$eval('koubei-text[name="comment"]', (el) => el.value), '包装很好');
    await second.click('koubei-survey >>> [part~="submit"]');
    await second.waitForFunction(() => document.querySelector('koubei-survey').shadowRoot.querySelector('[part~="thank-you"]'));
    await waitFor(async () => (await rows('customer'))[0]?.answers.nps === 9, { message: 'the 9 stored' });
    const all = await rows('customer');
    assert.equal(all.length, 1);
    [row] = all;
    assert.equal(row.id, rid);
    assert.deepEqual(row.answers, { nps: 9, delivery: 4, comment: '包装很好' });
    assert.equal(row.complete, true);
    assert.deepEqual(row.link, { status: 'verified', reason: null });

    // A second browser (another device) knows only the link's id. Its clock revision must pass the one the first
    // browser reached (its records may run a few ahead of the clock when they come faster than one a second).
    await waitFor(() => clockRevision() > row.revision, { timeout: 20000, message: 'the clock past the stored revision' });
    const two = await browser.createBrowserContext();
    const other = await open(two, links[6]);
    await other.click('h1');
    await waitFor(async () => (await rows('customer'))[0]?.answers.nps === 6, { message: 'the 6 from the second browser stored' });
    const last = await rows('customer');
    assert.equal(last.length, 1, 'still one response');
    assert.equal(last[0].id, rid);
    assert.ok(last[0].revision > row.revision);
    assert.equal(last[0].context.confirmed, 'pointer');
    assert.deepEqual(last[0].link, { status: 'verified', reason: null });
    // The second browser's partial carries only the new score; the collector keeps the answers it does not carry.
    assert.deepEqual(last[0].answers, { nps: 6, delivery: 4, comment: '包装很好' });
    assert.equal(last[0].complete, true);
    assert.deepEqual([...first.problems, ...second.problems, ...other.problems], []);
    await one.close();
    await two.close();
  });
});
