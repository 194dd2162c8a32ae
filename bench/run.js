#!/usr/bin/env node
// `npm run bench`: what Koubei costs a page, side by side with SurveyJS, in
// headless Chromium on 127.0.0.1. A script, not a test: it prints a table and
// writes bench/results/latest.json and latest.md (the README's Performance table).
//
//   node bench/run.js [--runs 10] [--scale-runs 5] [--skip-outbox | --only-outbox]
//
// --only-outbox runs bench/outbox.js alone (`npm run bench -- --only-outbox`): its table is printed, and
// latest.json / latest.md, the page figures, are left as they are.
// Each run opens a fresh browser context (cold cache, empty IndexedDB); the
// variants are interleaved and their order rotates from run to run.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { launchBrowser, startServer, ROOT } from '../test/e2e/support/harness.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 10);
const SCALE_RUNS = arg('scale-runs', 5);
const SETTLE_MS = 500;

// ---------- pages: the order-complete demo page in several variants ----------

const demo = readFileSync(new URL('../demo/order-complete.html', import.meta.url), 'utf8');
const SCRIPT_TAG = /\s*<script src="\.\.\/dist\/koubei\.iife\.js"[^>]*><\/script>/;
const SURVEY = /<koubei-survey[\s\S]*?<\/koubei-survey>/;
const TOOLS = /\s*<section class="card">\s*<h2>演示工具[\s\S]*?<\/section>|\s*<script src="\.\/demo-tools\.js"><\/script>/g;
if (!SCRIPT_TAG.test(demo) || !SURVEY.test(demo)) throw new Error('demo/order-complete.html changed: update bench/run.js');

const NPS_QUESTION = '您有多大可能向朋友或同事推荐优选生活？';
/** Marks `rendered` once every survey has rendered, and the questions of those near the viewport. */
const KOUBEI_MARK = `<script>
  customElements.whenDefined('koubei-survey').then(async () => {
    const surveys = [...document.querySelectorAll('koubei-survey')];
    await Promise.all(surveys.map((s) => s.updateComplete));
    const shown = surveys.filter((s) => s.shadowRoot.querySelector('slot'));
    await Promise.all(shown.flatMap((s) => [...s.querySelectorAll('koubei-nps, koubei-likert, koubei-text')].map((q) => q.updateComplete)));
    performance.mark('rendered');
  });
</script>`;

const bare = demo.replace(SCRIPT_TAG, '').replace(SURVEY, '').replace(TOOLS, '');
const page = (survey, { head = '', tail = KOUBEI_MARK, script = true } = {}) =>
  demo
    .replace(TOOLS, '')
    .replace(SCRIPT_TAG, (tag) => (script ? tag : '') + head)
    .replace(SURVEY, survey)
    .replace('</body>', `${tail}\n  </body>`);

const oneNps = '<koubei-survey survey-id="post-purchase" data-order-id="A1001"><koubei-nps brand="优选生活" required></koubei-nps></koubei-survey>';
const surveyjs = page('<div id="surveyjs"></div>', {
  script: false,
  head: `
    <link rel="stylesheet" href="/node_modules/survey-core/survey-core.min.css" />
    <script src="/node_modules/survey-core/survey.core.min.js"></script>
    <script src="/node_modules/survey-js-ui/survey-js-ui.min.js"></script>`,
  tail: `<script>
    const survey = new Survey.Model({
      completeText: '提交',
      elements: [{ type: 'rating', name: 'nps', title: ${JSON.stringify(NPS_QUESTION)}, isRequired: true,
        rateMin: 0, rateMax: 10, minRateDescription: '完全不可能', maxRateDescription: '极有可能' }],
    });
    survey.onAfterRenderSurvey.add(() => performance.mark('rendered'));
    survey.render(document.getElementById('surveyjs'));
  </script>`,
});
/** The evaluation-time comparison: each script set on an empty page, the CPU slowed 4× (a low-end phone). */
const EVAL_SCRIPTS = {
  koubei: ['/dist/koubei.iife.js'],
  nps: ['/dist/nps.iife.js'],
  surveyjs: ['/node_modules/survey-core/survey.core.min.js', '/node_modules/survey-js-ui/survey-js-ui.min.js'],
};
const CPU_SLOWDOWN = 4;
const fourQuestions = demo.match(SURVEY)[0];
const many = (n) =>
  page(
    Array.from({ length: n }, (_, i) => fourQuestions.replace('survey-id="post-purchase"', `survey-id="s${i}"`)).join('\n'),
  );

const PAGES = {
  bare,
  koubei: page(oneNps),
  surveyjs,
  demo: page(fourQuestions),
  'demo-defer': page(fourQuestions).replace('koubei.iife.js"', 'koubei.iife.js" defer'),
  many1: many(1),
  many10: many(10),
  many100: many(100),
  // Only the script(s), in <head>: what evaluating them costs before anything renders.
  ...Object.fromEntries(
    Object.entries(EVAL_SCRIPTS).map(([name, srcs]) => [
      `eval-${name}`,
      `<!doctype html><html><head><meta charset="utf-8">${srcs.map((s) => `<script src="${s}"></script>`).join('')}</head><body></body></html>`,
    ]),
  ),
};

// ---------- measuring one page load ----------

/** Runs in the page before anything else: layout shifts, long tasks, IndexedDB opens. */
function probe() {
  const b = (window.__bench = { cls: 0, longtasks: [], idbOpens: [] });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (!e.hadRecentInput) b.cls += e.value;
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) b.longtasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    b.idbOpens.push([args[0], performance.now()]);
    return open.apply(this, args);
  };
}

async function load(browser, base, name, { scrollAll = false } = {}) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    await tab.setViewport({ width: 1280, height: 800 });
    const cdp = await tab.createCDPSession();
    await cdp.send('Performance.enable');
    await tab.evaluateOnNewDocument(probe);
    const bytes = [];
    tab.on('response', async (r) => {
      if (r.request().method() !== 'GET' || r.status() !== 200) return;
      bytes.push(
        r.buffer().then(
          (b) => ({ url: r.url(), raw: b.length, gzip: gzipSync(b, { level: 6 }).length }),
          () => null,
        ),
      );
    });
    await tab.goto(`${base}/demo/${name}.html`, { waitUntil: 'load' });
    const rendered = await tab.evaluate(async (isBare) => {
      if (isBare) return NaN;
      for (let i = 0; i < 200 && !performance.getEntriesByName('rendered').length; i++) await new Promise((r) => setTimeout(r, 25));
      return performance.getEntriesByName('rendered')[0]?.startTime ?? NaN;
    }, name === 'bare');
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const first = await tab.evaluate(() => {
      const loadAt = performance.getEntriesByType('navigation')[0].loadEventStart;
      return { ...window.__bench, idbBeforeLoad: window.__bench.idbOpens.filter(([, t]) => t < loadAt).length };
    });
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const out = {
      rendered,
      mainThread: (metrics.ScriptDuration + metrics.LayoutDuration + metrics.RecalcStyleDuration) * 1000,
      script: metrics.ScriptDuration * 1000,
      tbt: first.longtasks.reduce((n, d) => n + Math.max(0, d - 50), 0),
      longest: Math.max(0, ...first.longtasks),
      cls: first.cls,
      heap,
      idbOpens: first.idbOpens.length,
      idbBeforeLoad: first.idbBeforeLoad,
    };
    const loaded = (await Promise.all(bytes)).filter(Boolean);
    out.bytesRaw = loaded.reduce((n, r) => n + r.raw, 0);
    out.bytesGzip = loaded.reduce((n, r) => n + r.gzip, 0);
    if (scrollAll) {
      // Scroll through the page so that every survey comes near the viewport and renders.
      const t = await tab.evaluate(async () => {
        const start = performance.now();
        const all = [...document.querySelectorAll('koubei-survey')];
        for (const s of all) {
          s.scrollIntoView();
          await s.updateComplete;
          await Promise.all([...s.querySelectorAll('koubei-nps, koubei-likert, koubei-text')].map((q) => q.updateComplete));
        }
        return { ms: performance.now() - start, rendered: all.filter((s) => s.shadowRoot?.querySelector('slot')).length };
      });
      const m2 = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      await cdp.send('HeapProfiler.collectGarbage');
      out.allRenderedMs = t.ms;
      out.allRendered = t.rendered;
      out.allMainThread = (m2.ScriptDuration + m2.LayoutDuration + m2.RecalcStyleDuration) * 1000;
      out.allHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    }
    return out;
  } finally {
    await context.close();
  }
}

/**
 * Main-thread time spent evaluating the page's scripts (compiling and running their top level), from a
 * Chrome trace with the CPU slowed: the `EvaluateScript` tasks of the renderer's main thread. Wall time
 * (`dur`), since the throttle works by descheduling the thread, which its CPU time would not show.
 */
async function evaluation(browser, base, name) {
  const context = await browser.createBrowserContext();
  try {
    const tab = await context.newPage();
    const cdp = await tab.createCDPSession();
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await tab.tracing.start({ categories: ['devtools.timeline'] });
    await tab.goto(`${base}/demo/eval-${name}.html`, { waitUntil: 'load' });
    const events = JSON.parse(Buffer.from(await tab.tracing.stop()).toString('utf8')).traceEvents;
    const scripts = EVAL_SCRIPTS[name].map((s) => `${base}${s}`);
    const evaluations = events.filter((e) => e.ph === 'X' && e.name === 'EvaluateScript' && scripts.includes(e.args?.data?.url));
    if (evaluations.length !== scripts.length) throw new Error(`eval-${name}: ${evaluations.length} EvaluateScript events for ${scripts.length} scripts`);
    return { evaluate: evaluations.reduce((n, e) => n + e.dur, 0) / 1000 };
  } finally {
    await context.close();
  }
}

// ---------- statistics and formatting ----------

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const medians = (runs) => Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const ms = (n) => (Number.isFinite(n) ? `${n.toFixed(1)} ms` : '–');
const ratio = (a, b) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '–');

function machine(version) {
  let model = cpus()[0]?.model ?? 'unknown';
  try {
    model = execSync('lscpu', { encoding: 'utf8' }).match(/Model name:\s*(.+)/)?.[1]?.trim() ?? model;
  } catch {
    /* lscpu missing: keep Node's answer */
  }
  return { date: new Date().toISOString().slice(0, 10), cpu: model, cores: cpus().length, chromium: version, node: process.version };
}

function outboxFigures() {
  if (process.argv.includes('--skip-outbox')) return { status: 'skipped' };
  const script = new URL('./outbox.js', import.meta.url);
  if (!existsSync(script)) return { status: 'pending: bench/outbox.js does not exist yet' };
  const file = new URL('./results/outbox.json', import.meta.url);
  rmSync(file, { force: true });
  const r = spawnSync(process.execPath, [script.pathname], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    status: r.status === 0 ? 'ok' : `failed (exit ${r.status})`,
    output: `${r.stdout ?? ''}${r.status === 0 ? '' : r.stderr ?? ''}`.trim(),
    json: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined,
  };
}

// ---------- the run ----------

if (process.argv.includes('--only-outbox')) {
  const o = outboxFigures();
  console.log(o.status === 'ok' ? o.json?.table ?? o.output : `outbox: ${o.status}\n${o.output}`);
  process.exit(o.status === 'ok' ? 0 : 1);
}

const server = await startServer({ routes: Object.fromEntries(Object.entries(PAGES).map(([name, html]) => [`/demo/${name}.html`, (req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}])) });
const browser = await launchBrowser();
const results = { machine: machine(await browser.version()), runs: RUNS, scaleRuns: SCALE_RUNS };
try {
  // Warm-up: the first page a new browser opens is slower for everyone.
  for (const name of ['bare', 'koubei', 'surveyjs']) await load(browser, server.url, name);

  const side = ['bare', 'koubei', 'surveyjs', 'demo', 'demo-defer'];
  const raw = Object.fromEntries(side.map((n) => [n, []]));
  for (let i = 0; i < RUNS; i++) {
    const order = side.map((_, j) => side[(i + j) % side.length]);
    for (const name of order) raw[name].push(await load(browser, server.url, name));
    process.stdout.write(`\rside by side: run ${i + 1}/${RUNS}`);
  }
  console.log();
  results.side = Object.fromEntries(side.map((n) => [n, medians(raw[n])]));
  results.longestTaskDemo = Math.max(...raw.demo.map((r) => r.longest));
  results.demoRunsWithLongTask = raw.demo.filter((r) => r.longest > 50).length;
  results.maxClsDemo = Math.max(...raw.demo.map((r) => r.cls));

  const scale = ['many1', 'many10', 'many100'];
  const sraw = Object.fromEntries(scale.map((n) => [n, []]));
  for (let i = 0; i < SCALE_RUNS; i++) {
    for (const name of scale.map((_, j) => scale[(i + j) % scale.length])) sraw[name].push(await load(browser, server.url, name, { scrollAll: true }));
    process.stdout.write(`\rsurveys per page: run ${i + 1}/${SCALE_RUNS}`);
  }
  console.log();
  results.scale = Object.fromEntries(scale.map((n) => [n, medians(sraw[n])]));

  const evals = Object.keys(EVAL_SCRIPTS);
  const eraw = Object.fromEntries(evals.map((n) => [n, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const name of evals.map((_, j) => evals[(i + j) % evals.length])) eraw[name].push(await evaluation(browser, server.url, name));
    process.stdout.write(`\rscript evaluation at ${CPU_SLOWDOWN}× CPU slowdown: run ${i + 1}/${RUNS}`);
  }
  console.log();
  results.evaluation = { slowdown: CPU_SLOWDOWN, ...Object.fromEntries(evals.map((n) => [n, medians(eraw[n])])) };
} finally {
  await browser.close();
  await server.close();
}
results.outbox = outboxFigures();

// ---------- report ----------

const { bare: B, koubei: K, surveyjs: S, demo: D } = results.side;
const rows = [
  ['bytes loaded (gzip)', kb, 'bytesGzip'],
  ['bytes loaded (raw)', kb, 'bytesRaw'],
  ['widget rendered after', ms, 'rendered'],
  ['main-thread script + style + layout', ms, 'mainThread'],
  ['  of which script', ms, 'script'],
  ['total blocking time', ms, 'tbt'],
  ['longest task', ms, 'longest'],
  ['cumulative layout shift', (n) => n.toFixed(4), 'cls'],
  ['JS heap after render', mb, 'heap'],
];
const m = results.machine;
const md = [
  `Measured ${m.date} on ${m.cpu} (${m.cores} cores), Chromium ${m.chromium.replace(/^(Headless)?Chrome\//, '')}, headless, no throttling, pages served from 127.0.0.1 (no network latency).`,
  `Median of ${RUNS} runs each, interleaved, each in a fresh browser context (cold cache). Reproduce: \`npm run bench\`.`,
  '',
  '**One NPS question on the order-complete page**',
  '',
  '| | bare page | + Koubei | + SurveyJS | Koubei ÷ SurveyJS | Koubei ÷ bare |',
  '|---|---:|---:|---:|---:|---:|',
  ...rows.map(([label, f, k]) => `| ${label.trim()} | ${f(B[k])} | ${f(K[k])} | ${f(S[k])} | ${ratio(K[k], S[k])} | ${ratio(K[k], B[k])} |`),
  '',
  `**The demo page's four-question survey** (NPS, two Likert, text): rendered after ${ms(D.rendered)}, main-thread work ${ms(D.mainThread)}, ` +
    `longest task: median ${ms(D.longest)}, worst run ${ms(results.longestTaskDemo)}, runs with a task over 50 ms: ${results.demoRunsWithLongTask} of ${RUNS}; total blocking time ${ms(D.tbt)}, CLS ${D.cls.toFixed(4)} ` +
    `(worst run ${results.maxClsDemo.toFixed(4)}); with the script tag \`defer\`red: CLS ${results.side['demo-defer'].cls.toFixed(4)}. ` +
    `IndexedDB: opened ${D.idbBeforeLoad} time(s) before the \`load\` event and ${D.idbOpens} in all before any answer ` +
    `(the outbox looks for leftovers to re-send once the page has loaded).`,
  '',
  `**Surveys per page** (four questions each; median of ${SCALE_RUNS}): off-screen surveys wait until they come near the viewport.`,
  '',
  '| surveys | first render after | main-thread work at load | JS heap at load | all rendered (scrolled through) | main-thread work, all | JS heap, all |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  ...Object.entries(results.scale).map(
    ([n, r]) => `| ${n.replace('many', '')} | ${ms(r.rendered)} | ${ms(r.mainThread)} | ${mb(r.heap)} | ${ms(r.allRenderedMs)} | ${ms(r.allMainThread)} | ${mb(r.allHeap)} |`,
  ),
  '',
  `**Evaluating the script** (main-thread time of compiling and running its top level, on an empty page, the CPU slowed ${CPU_SLOWDOWN}× ` +
    `as on a low-end phone; median of ${RUNS}): what parsing costs beyond the bytes.`,
  '',
  '| | Koubei script tag (`koubei.iife.js`) | `koubei/nps` (`nps.iife.js`) | SurveyJS (core + UI) | Koubei ÷ SurveyJS |',
  '|---|---:|---:|---:|---:|',
  `| evaluation at ${CPU_SLOWDOWN}× slowdown | ${ms(results.evaluation.koubei.evaluate)} | ${ms(results.evaluation.nps.evaluate)} | ${ms(results.evaluation.surveyjs.evaluate)} | ${ratio(results.evaluation.koubei.evaluate, results.evaluation.surveyjs.evaluate)} |`,
  '',
  '**Outbox**',
  '',
  results.outbox.status === 'ok' ? results.outbox.json?.table ?? results.outbox.output : `_${results.outbox.status}_`,
  '',
];
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL('./results/latest.md', import.meta.url), md.join('\n'));
console.log(`\n${md.join('\n')}\nwritten: bench/results/latest.json, bench/results/latest.md`);
