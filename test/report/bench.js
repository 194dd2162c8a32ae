#!/usr/bin/env node
// The report's render benchmark (issue 13: "a year of weekly data, five drivers, 30 themes and 100
// comments render in under 100 ms of main-thread work"): a script, not a timed test. It computes the
// collector's answers with koubei/analysis over demo/seed.js's year, serves dist/report.js on
// 127.0.0.1, answers the report's requests from those fixtures (no network time), and reads the
// main thread's task time (CDP TaskDuration) from creating <koubei-report> to its numbers drawn.
//   node test/report/bench.js [--runs 10]     (needs npm run build)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { keyDrivers, summary, themes, trend } from '../../dist/analysis.js';
import { makeResponses } from '../../demo/seed.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RUNS = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 10;
const now = Date.parse('2026-12-01T12:00:00Z');
const responses = makeResponses({ now, days: 365 });
const drivers = ['delivery', 'as-described', 'service', 'packaging', 'value'];
const comments = responses.filter((r) => r.answers.comment).slice(-100).reverse();
const fixtures = {
  '/v1/summary': summary(responses),
  '/v1/trend': trend(responses, { interval: 'week' }),
  '/v1/drivers': keyDrivers(responses, { drivers }),
  '/v1/themes': themes(responses, { locale: 'zh-CN', limit: 30 }),
  '/v1/responses': { responses: comments.map((r) => ({ ...r, redactions: {}, followUp: null })), nextCursor: 'next' },
  '/v1/follow-ups': { followUps: comments.filter((r) => r.scores.nps.category === 'detractor').slice(0, 20).map((r) => ({ ...r, followUp: { status: 'open', note: null } })), nextCursor: null },
};
const page = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><body>
<script>
  const FIX = ${JSON.stringify(fixtures)};
  window.fetch = async (url) => new Response(JSON.stringify(FIX[new URL(url, location.href).pathname]), { headers: { 'content-type': 'application/json' } });
  window.mountReport = () => new Promise((ok) => {
    const t0 = performance.now();
    const el = document.createElement('koubei-report');
    el.setAttribute('from', '2025-12-02');
    el.setAttribute('to', '2026-12-01');
    el.token = 'bench';
    el.addEventListener('koubei-report-load', () => el.updateComplete.then(() => {
      const script = performance.now() - t0;
      requestAnimationFrame(() => setTimeout(() => ok({ points: el.shadowRoot.querySelectorAll('[role=img][id]').length, script, all: performance.now() - t0 })));
    }));
    document.body.replaceChildren(el);
  });
</script><script src="/dist/report.js"></script></body></html>`;

const server = createServer(async (req, res) => {
  if (req.url === '/') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
  try {
    const body = await readFile(join(ROOT, req.url.split('?')[0]));
    res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const browser = await puppeteer.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
const tab = await browser.newPage();
await tab.goto(`http://127.0.0.1:${server.address().port}/`);
await tab.evaluate(() => window.mountReport()); // warm: the catalogue module is loaded and compiled once
const times = [];
let points = 0;
for (let i = 0; i < RUNS; i++) {
  const before = (await tab.metrics()).TaskDuration;
  const r = await tab.evaluate(() => window.mountReport());
  points = r.points;
  times.push(((await tab.metrics()).TaskDuration - before) * 1000);
  if (process.argv.includes('--verbose')) console.log(`run ${i}: script ${r.script.toFixed(1)} ms, with style and layout ${r.all.toFixed(1)} ms, task time ${times.at(-1).toFixed(1)} ms`);
}
await browser.close();
server.close();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`<koubei-report>: ${fixtures['/v1/trend'].periods.length} weekly periods, ${drivers.length} drivers, ${fixtures['/v1/themes'].terms.length} themes, ${comments.length} comments, ${points} chart points`);
console.log(`main-thread task time, mount to drawn: median ${median.toFixed(1)} ms, min ${times[0].toFixed(1)} ms, max ${times.at(-1).toFixed(1)} ms over ${RUNS} runs (budget 100 ms)`);
process.exit(median < 100 ? 0 : 1);
