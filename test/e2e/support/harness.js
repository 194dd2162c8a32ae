// End-to-end harness: a real HTTP server on 127.0.0.1 (an ephemeral port) that
// serves the repository's files and records every raw receipt at collector
// endpoints, and a real headless Chromium driven by puppeteer-core.
import { createServer } from 'node:http';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS } from '../../support/chrome-args.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * A collector endpoint: records each raw POST (headers, body, time) and answers
 * with what `behave(req, body, n)` returns: { status, headers, body } or
 * 'reset' (destroy the socket) or 'stall' (never answer). Default 200.
 */
export class Collector {
  constructor() {
    this.receipts = [];
    this.behave = () => ({ status: 200 });
  }
  /** Every response id received in a 2xx-answered batch, in order. */
  acceptedIds() {
    return this.receipts.filter((r) => r.status >= 200 && r.status < 300).flatMap((r) => r.ids);
  }
  allIds() {
    return this.receipts.flatMap((r) => r.ids);
  }
}

/**
 * Starts the server. `routes` maps a path to a handler (req, res, body) for
 * anything special; `collectors` maps a path to a Collector; `headers` are
 * added to every file served (e.g. a Content-Security-Policy).
 */
export async function startServer({ routes = {}, collectors = {}, headers = {} } = {}) {
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      if (routes[url.pathname]) return await routes[url.pathname](req, res, body);
      const collector = collectors[url.pathname];
      if (collector && req.method === 'POST') {
        const n = collector.receipts.length;
        let ids = [];
        try {
          ids = JSON.parse(body).responses.map((r) => r.id);
        } catch {
          /* recorded as is */
        }
        const answer = (await collector.behave(req, body, n)) ?? { status: 200 };
        const receipt = { at: Date.now(), headers: req.headers, body, ids, bytes: Buffer.byteLength(body), status: answer.status ?? 0 };
        collector.receipts.push(receipt);
        if (answer === 'reset') {
          receipt.status = 0;
          req.socket.destroy();
          return;
        }
        if (answer === 'stall') {
          receipt.status = 0;
          return; // the socket stays open until the test ends
        }
        res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
        res.end(answer.body ?? JSON.stringify({ ok: true }));
        return;
      }
      if (collector && req.method === 'OPTIONS') {
        res.writeHead(204);
        return res.end();
      }
      const file = normalize(join(ROOT, decodeURIComponent(url.pathname)));
      if (!file.startsWith(ROOT)) {
        res.writeHead(403);
        return res.end();
      }
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store', ...headers });
      res.end(data);
    } catch (err) {
      if (!res.headersSent) res.writeHead(err.code === 'ENOENT' ? 404 : 500);
      res.end();
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  // Never outlive the test run, even if a test forgets to close it.
  server.unref();
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export { CHROME_ARGS };

/** A headless Chromium; `userDataDir` keeps IndexedDB across relaunches. */
export function launchBrowser({ userDataDir, args = [] } = {}) {
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir,
    args: [...CHROME_ARGS, ...args],
  });
}

/**
 * Opens a page that records console errors, uncaught page errors and CSP
 * violations in `page.problems`.
 */
export async function openPage(browser, url) {
  const page = await browser.newPage();
  page.problems = { pageErrors: [], consoleErrors: [], consoleWarnings: [] };
  page.on('pageerror', (e) => page.problems.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') page.problems.consoleErrors.push(m.text());
    if (m.type() === 'warn' || m.type() === 'warning') page.problems.consoleWarnings.push(m.text());
  });
  if (url) await page.goto(url, { waitUntil: 'load' });
  return page;
}

/** Polls `fn` until it returns truthy or `timeout` ms pass. */
export async function waitFor(fn, { timeout = 15000, interval = 50, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * A test site: writes `files` (name → text) under `dir` (relative to the
 * repository), serves everything with a recording Collector at /collect, and
 * opens a browser. `close()` stops both and removes the pages.
 */
export async function startSite(dir, files, { headers } = {}) {
  const abs = join(ROOT, dir);
  await mkdir(abs, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(join(abs, name), text);
  const collector = new Collector();
  const server = await startServer({ collectors: { '/collect': collector }, headers });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    collector,
    async close() {
      await browser.close();
      await server.close();
      await rm(abs, { recursive: true, force: true });
    },
  };
}
