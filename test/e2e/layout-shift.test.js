// No layout shift: the survey appears whole, in one frame, even when the page
// arrives slowly and the browser paints while the survey's questions are still
// being parsed; the order-complete demo page measures CLS 0.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startServer, waitFor } from './support/harness.js';

const HEAD = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<link rel="stylesheet" href="./shop.css" />
<script src="../dist/koubei.iife.js" data-endpoint="/api/feedback"></script></head>
<body><main><section class="card"><h1>订单已完成</h1></section><section class="card">`;

/** Runs before the page's scripts: sums layout shifts and records each. */
function recordShifts() {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
  }).observe({ type: 'layout-shift', buffered: true });
}

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

describe('layout shift', () => {
  let server, browser;
  before(async () => {
    server = await startServer({
      routes: {
        // The survey arrives in three parts with pauses between: the browser paints in between.
        '/demo/slow-survey.html': async (req, res) => {
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
          res.write(`${HEAD}<koubei-survey survey-id="post-purchase" data-order-id="A1001"><koubei-nps brand="优选生活" required></koubei-nps>`);
          await pause(400);
          res.write('<koubei-likert name="delivery" question="您对物流配送满意吗？"></koubei-likert><koubei-text name="comment"></koubei-text>');
          await pause(400);
          res.write(`</koubei-survey></section><section class="card"><h2>为您推荐</h2><p>${'猜你喜欢 '.repeat(40)}</p></section>`);
          await pause(400);
          res.end('</main></body></html>');
        },
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [what, path] of [
    ['a survey whose questions arrive over 800 ms', '/demo/slow-survey.html'],
    ['the order-complete demo page', '/demo/order-complete.html'],
  ]) {
    it(`${what}: CLS 0, and the survey shows every question`, async () => {
      const context = await browser.createBrowserContext();
      try {
        const page = await context.newPage();
        await page.setViewport({ width: 1280, height: 800 });
        await page.evaluateOnNewDocument(recordShifts);
        await page.goto(server.url + path, { waitUntil: 'load' });
        await waitFor(() =>
          page.evaluate(() => [...document.querySelectorAll('koubei-nps, koubei-likert, koubei-text')].every((q) => q.shadowRoot?.querySelector('.base'))),
        );
        await pause(300);
        const shifts = await page.evaluate(() => window.__shifts);
        assert.deepEqual(shifts, [], 'no layout shift');
        const slot = await page.evaluate(() => document.querySelector('koubei-survey').shadowRoot.querySelector('slot')?.assignedElements().length);
        assert.ok(slot >= 3, 'questions shown in the survey');
      } finally {
        await context.close();
      }
    });
  }
});
