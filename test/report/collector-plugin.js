// A real collector for the report's browser tests (test/report/): created from dist/collector.js on a
// fresh PGlite directory the first time a test asks for it (other test files never pay the start), one per
// browser (Chromium and Firefox run at once, and a test that marks a call-back done in one would change what
// the other reads between two requests),
// seeded with demo/seed.js's generator, and stopped with the test server. It allows the test page's
// origin, so the report reads it across origins as a shop's admin page would.
//   GET /report-collector/config  → { url, token, survey, from, to, today }
//   /report-fake/<mode>/v1/...     → a collector that answers badly: mode bad (a wrong shape),
//                                    down (503 with Retry-After), notoken (503 no_token), html (not JSON)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOKEN = 'report-test-token-0123456789abcdef';
const DAY = 86_400_000;

export function reportCollectorPlugin() {
  /** By browser: its collector, on its own directory. */
  const started = new Map();
  const dirs = [];
  const start = async (origin) => {
    const { createCollector } = await import('../../dist/collector.js');
    const { makeResponses, seed } = await import('../../demo/seed.js');
    const dir = await mkdtemp(join(tmpdir(), 'koubei-report-test-'));
    dirs.push(dir);
    const allowOrigins = [origin, origin.replace('localhost', '127.0.0.1'), origin.replace('127.0.0.1', 'localhost')];
    const collector = await createCollector({ data: join(dir, 'db'), adminToken: TOKEN, allowOrigins, log: false, rateLimit: 0 });
    const { url } = await collector.listen(0, '127.0.0.1');
    const now = Date.now();
    // 120 days at 5 a day: about 600 responses, enough for every part, quick to store.
    const responses = makeResponses({ seed: 13, now, days: 120, perDay: 5 });
    const out = await seed(url, TOKEN, { responses, now, openDays: 6 });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now));
    const from = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(now - 59 * DAY));
    return { collector, config: { url, token: TOKEN, survey: 'post-purchase', from, to: today, today, stored: out.stored, open: out.open } };
  };
  return {
    name: 'koubei-report-collector',
    async serve(context) {
      if (context.path === '/report-collector/config') {
        const browser = /firefox/i.test(context.request.header['user-agent'] ?? '') ? 'firefox' : 'chromium';
        if (!started.has(browser)) started.set(browser, start(`http://${context.request.header.host}`));
        const { config } = await started.get(browser);
        return { body: JSON.stringify(config), type: 'json' };
      }
      const fake = context.path.match(/^\/report-fake\/(bad|down|notoken|html)\/v1\//);
      if (!fake) return undefined;
      // The dev server answers a plugin's serve with 200: transform() below sets the status.
      const headers = { 'cache-control': 'no-store' };
      if (fake[1] === 'down') {
        return { body: JSON.stringify({ error: 'the database is unreachable; nothing was stored, retry after 7 s', code: 'unavailable' }), type: 'json', headers: { ...headers, 'retry-after': '7' } };
      }
      if (fake[1] === 'notoken') return { body: JSON.stringify({ error: 'admin routes are off', code: 'no_token' }), type: 'json', headers };
      if (fake[1] === 'html') return { body: '<!doctype html><p>proxy login</p>', type: 'html' };
      // A summary whose n is a string, and a trend without periods: shapes the report must refuse.
      return { body: JSON.stringify({ n: 'many', insufficient: false, minN: 30, nps: null, csat: {}, responses: [], nextCursor: null, followUps: [] }), type: 'json' };
    },
    transform(context) {
      if (/^\/report-fake\/(down|notoken)\//.test(context.path)) context.status = 503;
    },
    async serverStop() {
      for (const s of started.values()) {
        const { collector } = await s;
        await collector.close();
      }
      for (const dir of dirs) await rm(dir, { recursive: true, force: true });
    },
  };
}
