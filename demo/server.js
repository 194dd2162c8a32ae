// `npm start`: the demo pages and the Koubei collector (embedded database in demo/data/, git-ignored),
// on 127.0.0.1 only. The pages post to /api/feedback, which is the collector's POST /v1/responses;
// the demo's failure switch (/api/collector-mode) makes it answer 503 or drop the connection.
// A new data directory is seeded with a year of a shop's answers (demo/seed.js) unless
// KOUBEI_DEMO_SEED=0; the report pages (demo/report.html) get this run's admin token from
// /demo/report-config.json, which answers only requests from this machine.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCollector } from '../dist/collector.js';
import { summarize } from '../dist/scoring.js';
import { seed } from './seed.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const PORT = Number(process.env.PORT ?? 8000);
const HOST = '127.0.0.1';
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml' };

// A token for this run only: the demo's own pages read responses with it; nothing else listens.
const token = randomBytes(24).toString('hex');
const data = process.env.KOUBEI_DEMO_DATA || join(ROOT, 'demo', 'data', 'koubei');
const seeding = !existsSync(data) && process.env.KOUBEI_DEMO_SEED !== '0';
const collector = await createCollector({
  data,
  adminToken: token,
  log: process.env.KOUBEI_DEMO_QUIET ? false : undefined,
});

/** `ok`, `fail` (answers 503) or `offline` (drops the connection): the demo's failure switch. */
let mode = 'ok';

async function body(req) {
  let data = '';
  for await (const c of req) data += c;
  return data;
}

const json = (res, status, value) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(value));
};

/** Every stored response, through the collector's own admin route. */
async function allResponses(base) {
  const out = [];
  let cursor = '';
  do {
    const r = await fetch(`${base}/v1/responses?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const page = await r.json();
    out.push(...page.responses);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, `http://${HOST}`);
  const base = `http://${HOST}:${server.address().port}`;
  try {
    if (url.pathname === '/api/collector-mode' && req.method === 'POST') {
      const m = JSON.parse((await body(req)) || '{}').mode;
      if (!['ok', 'fail', 'offline'].includes(m)) return json(res, 400, { error: `mode must be ok, fail or offline, got ${JSON.stringify(m)}` });
      mode = m;
      return json(res, 200, { mode });
    }
    if (url.pathname === '/demo/report-config.json') {
      // The admin token is a secret: only for a browser on this machine that asked for this host by name
      // (a page of another site cannot read it: no CORS; a rebinding DNS name fails the Host check).
      const local = ['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(req.socket.remoteAddress ?? '');
      const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
      if (!local || !['127.0.0.1', 'localhost'].includes(host)) return json(res, 403, { error: 'the demo token is only given to this machine' });
      return json(res, 200, { src: '', token, seeding: seedState });
    }
    if (url.pathname === '/api/feedback' && req.method === 'GET') {
      const responses = await allResponses(base);
      return json(res, 200, { responses, summary: summarize(responses), mode });
    }
    const posting = req.method === 'POST' && (url.pathname === '/api/feedback' || url.pathname === '/v1/responses');
    if (posting && mode === 'offline') return void req.socket.destroy();
    if (posting && mode === 'fail') {
      req.resume();
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '5' });
      return void res.end(JSON.stringify({ error: 'simulated failure (the demo switch)' }));
    }
    if (url.pathname === '/api/feedback') req.url = '/v1/responses' + url.search;
    if (url.pathname === '/api/feedback' || url.pathname.startsWith('/v1/') || url.pathname === '/healthz') return collector.handler(req, res);
    if (url.pathname === '/') {
      res.writeHead(302, { location: '/demo/index.html' });
      return void res.end();
    }
    const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
    const allowed = [join(ROOT, 'demo') + sep, join(ROOT, 'dist') + sep].some((d) => file.startsWith(d));
    if (!allowed) return json(res, 404, { error: 'not found' });
    const data = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    res.end(data);
  } catch (e) {
    if (!res.headersSent) json(res, e.code === 'ENOENT' ? 404 : 500, { error: e.code === 'ENOENT' ? 'not found' : String(e.message) });
    else res.end();
  }
});

/** `done` once the seed is stored (or none was needed), `running` meanwhile, or the error. */
let seedState = seeding ? 'running' : 'done';

server.listen(PORT, HOST, () => {
  const base = `http://${HOST}:${server.address().port}`;
  console.log(`Koubei demo on ${base}/demo/index.html (collector at ${base}/v1/responses, data in demo/data/)`);
  console.log(`  order page: ${base}/demo/order-complete.html   responses: ${base}/demo/responses.html   report: ${base}/demo/report.html`);
  if (seeding) {
    const started = Date.now();
    seed(base, token).then(
      (out) => {
        seedState = 'done';
        console.log(`  seeded a year of answers: ${out.stored} responses, ${out.open} call-backs open (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      },
      (e) => {
        seedState = `failed: ${e.message}`;
        console.error(`  seeding failed: ${e.message}`);
      },
    );
  }
});

const stop = () => {
  server.close();
  server.closeAllConnections();
  collector.close().then(() => process.exit(0), () => process.exit(1));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
