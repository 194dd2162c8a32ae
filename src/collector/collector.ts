// createCollector: the handler and router over the database; everything stateful belongs to the
// object it returns and ends with its close().
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deleteResponses, exportResponses, listFollowUps, listResponses, patchResponse } from './admin.js';
import { analysisRoute } from './analytics.js';
import { isUnavailable, migrate, openPglite, openPostgres, type Database } from './db.js';
import { checkQuery } from './filters.js';
import { corsHeaders, HttpError, PREFLIGHT, readJsonBody, sendError, sendJson } from './http.js';
import { ingest, validateBatch } from './ingest.js';
import { RateLimiter } from './limiter.js';
import { Notifier } from './notifier.js';
import { resolveSettings, type CollectorOptions, type Settings } from './options.js';


export interface Collector {
  /** Mount in Express, Koa (`app.use((ctx) => c.handler(ctx.req, ctx.res))`), Fastify or a Node server; `next` is called for paths it does not serve. */
  handler: (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => void;
  /** Starts a server on the options' port and host (8787 on 127.0.0.1); resolves with its URL. */
  listen(port?: number, host?: string): Promise<{ url: string; port: number; host: string }>;
  /** Stops the server, the timers and the notifier, and closes the database. */
  close(): Promise<void>;
  /** Which database this collector writes to. */
  readonly database: 'pglite' | 'postgres';
  /** Runs the retention delete now (it also runs at start and daily); resolves with the number deleted. */
  purge(): Promise<number>;
  /** Waits until the follow-up queue's current pass is done (tests, graceful shutdown). */
  notified(): Promise<void>;
}

const RETRY_AFTER_UNAVAILABLE = 5;
const DAY = 24 * 3600 * 1000;

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function createCollector(options: CollectorOptions = {}): Promise<Collector> {
  const s = resolveSettings(options);
  const db = s.databaseUrl ? await openPostgres(s.databaseUrl) : await openPglite(s.data);
  try {
    const applied = await migrate(db);
    if (applied.length) s.log({ event: 'migrate', applied });
  } catch (e) {
    await db.close();
    throw e;
  }
  return assemble(db, s);
}

function assemble(db: Database, s: Settings): Collector {
  const limiter = s.rateLimit ? new RateLimiter(s.rateLimit, 60) : null;
  const notifier = s.notifyUrl ? new Notifier(db, { url: s.notifyUrl, secret: s.notifySecret, log: s.log, backoffSeconds: s.notifyBackoffSeconds, intervalMs: Math.min(5000, s.notifyBackoffSeconds * 1000) }) : null;
  const token = s.adminToken ? digest(s.adminToken) : null;
  let server: Server | undefined;

  if (!s.adminToken) s.log({ event: 'admin.off', message: 'admin routes answer 503: set --admin-token or KOUBEI_ADMIN_TOKEN to read, export and erase responses' });
  if (!s.allowOrigins.size) s.log({ event: 'cors.off', message: 'no --allow-origin: only same-origin pages and servers can post' });

  const purge = async () => {
    const [r] = await db.query<{ n: number }>(
      `WITH gone AS (DELETE FROM koubei_responses WHERE created_at < now() - make_interval(days => $1) RETURNING id),
       n AS (DELETE FROM koubei_notifications WHERE response_id IN (SELECT id FROM gone) OR delivered_at < now() - interval '30 days' OR failed_at < now() - interval '30 days')
       SELECT count(*)::int AS n FROM gone`,
      [s.retentionDays],
    );
    await db.query("DELETE FROM koubei_idempotency WHERE created_at < now() - interval '1 day'");
    if (r.n) s.log({ event: 'retention', deleted: r.n, retentionDays: s.retentionDays });
    return r.n;
  };
  const purgeSoon = () => purge().catch((e) => s.log({ event: 'retention.error', message: String((e as Error).message) }));
  void purgeSoon();
  const daily = setInterval(purgeSoon, DAY);
  daily.unref();
  // PGlite runs no autovacuum, so its planner would never learn the tables' sizes and spreads (the
  // analysis routes' plans depend on them): sample them at start and every few hours (about a second
  // for a million responses).
  let analyzing: Promise<unknown> = Promise.resolve();
  const analyze = () => {
    const t = Date.now();
    analyzing = db.query('ANALYZE koubei_responses, koubei_facts, koubei_order_responses').then(
      () => s.log({ event: 'analyze', ms: Date.now() - t }),
      (e) => s.log({ event: 'analyze.error', message: String((e as Error).message) }),
    );
  };
  const statistics = db.kind === 'pglite' ? setInterval(analyze, DAY / 4) : undefined;
  statistics?.unref();
  if (statistics) void analyze();
  notifier?.start();

  const clientOf = (req: IncomingMessage) =>
    (s.trustProxy ? String(req.headers['x-forwarded-for'] ?? '').split(',')[0].trim() : '') || req.socket.remoteAddress || 'unknown';

  function authorize(req: IncomingMessage): void {
    if (!token) throw new HttpError(503, 'no_token');
    const m = /^Bearer\s+(\S+)\s*$/i.exec(String(req.headers.authorization ?? ''));
    // Both sides hashed to one length, so the comparison takes the same time whatever was sent.
    if (!m || !timingSafeEqual(digest(m[1]), token)) throw new HttpError(401, 'auth', {}, undefined, { 'www-authenticate': 'Bearer' });
  }

  async function route(req: IncomingMessage, res: ServerResponse, cors: Record<string, string>, url: URL): Promise<boolean> {
    const { pathname: path } = url;
    const method = req.method ?? 'GET';
    const only = (...methods: string[]) => {
      if (!methods.includes(method)) throw new HttpError(405, 'method', { method, path }, undefined, { allow: methods.join(', ') });
    };
    if (path === '/healthz') {
      only('GET', 'HEAD');
      try {
        await db.query('SELECT 1');
        sendJson(res, 200, { ok: true, database: db.kind }, cors);
      } catch {
        sendJson(res, 503, { ok: false, database: db.kind }, { ...cors, 'retry-after': String(RETRY_AFTER_UNAVAILABLE) });
      }
      return true;
    }
    if (path === '/v1/responses' && method === 'POST') {
      if (limiter) {
        const wait = limiter.take(clientOf(req));
        if (wait) throw new HttpError(429, 'rate_limit', { seconds: wait }, undefined, { 'retry-after': String(wait) });
      }
      const responses = validateBatch(await readJsonBody(req, s.maxBodyBytes), Date.now(), s.retentionDays);
      const key = req.headers['idempotency-key'];
      const out = await ingest(db, responses, typeof key === 'string' && key ? key.slice(0, 200) : null, { notifying: !!notifier, linkKeys: s.linkSecrets });
      if (out.queued) notifier?.nudge();
      s.log({
        event: 'ingest',
        accepted: out.accepted,
        stored: out.stored,
        replayed: out.replayed ?? false,
        ...(out.unverified ? { unverified: out.unverified } : {}),
        ...(out.keptOut ? { keptOut: out.keptOut } : {}),
      });
      sendJson(res, 200, { accepted: out.accepted, ids: out.ids, stored: out.stored, keptOut: out.keptOut }, cors);
      return true;
    }
    // Every route of ours below reads its parameters (or its path) decoded: a malformed %-encoding is the request's
    // fault. Not on other paths: those go to the framework's next().
    if (isOurs(path)) checkQuery(url.search);
    if (path === '/v1/responses') {
      only('GET', 'DELETE', 'POST');
      authorize(req);
      sendJson(res, 200, method === 'GET' ? await listResponses(db, url.searchParams) : await deleteResponses(db, url.searchParams), cors);
      if (method === 'DELETE') s.log({ event: 'erase' });
      return true;
    }
    const one = /^\/v1\/responses\/([^/]+)$/.exec(path);
    if (one) {
      only('PATCH');
      authorize(req);
      let id: string;
      try {
        id = decodeURIComponent(one[1]);
      } catch {
        throw new HttpError(400, 'invalid_body', {}, [`id: "${one[1].slice(0, 80)}" is not a response id (a UUID)`]);
      }
      sendJson(res, 200, await patchResponse(db, id, await readJsonBody(req, 64 * 1024)), cors);
      return true;
    }
    if (path === '/v1/export') {
      only('GET');
      authorize(req);
      await exportResponses(db, url.searchParams, res, cors);
      return true;
    }
    const analysis = analysisRoute(path);
    if (analysis) {
      only('GET');
      authorize(req);
      sendJson(res, 200, await analysis(db, url.searchParams), cors);
      return true;
    }
    if (path === '/v1/follow-ups') {
      only('GET');
      authorize(req);
      sendJson(res, 200, await listFollowUps(db, url.searchParams), cors);
      return true;
    }
    return false;
  }

  const handler: Collector['handler'] = (req, res, next) => {
    const origin = req.headers.origin;
    const sameOrigin = !!origin && safeHost(origin) === req.headers.host;
    const cors = sameOrigin ? {} : corsHeaders(origin, s.allowOrigins);
    const url = new URL(req.url ?? '/', 'http://collector');
    const fail = (e: unknown) => {
      // The message goes along: sendError sends it for a code its catalogue lacks.
      if (e instanceof HttpError) return sendError(req, res, Object.assign(new HttpError(e.status, e.code, e.values, e.issues, { ...(cors ?? {}), ...e.headers }), { message: e.message }));
      if (isUnavailable(e)) {
        s.log({ event: 'database.unavailable', message: String((e as Error).message) });
        return sendError(req, res, new HttpError(503, 'unavailable', { seconds: RETRY_AFTER_UNAVAILABLE }, undefined, { ...(cors ?? {}), 'retry-after': String(RETRY_AFTER_UNAVAILABLE) }));
      }
      s.log({ event: 'error', path: url.pathname, message: String((e as Error)?.message ?? e) });
      sendError(req, res, new HttpError(500, 'internal', {}, undefined, cors ?? {}));
    };
    if (!cors) {
      // Nothing from another origin is read or stored: the page must be allowed first.
      if (!isOurs(url.pathname)) return next ? next() : fail(new HttpError(404, 'not_found', { method: req.method ?? '', path: url.pathname }));
      req.resume();
      return fail(new HttpError(403, 'origin', { origin: origin! }));
    }
    if (req.method === 'OPTIONS' && isOurs(url.pathname)) {
      res.writeHead(204, { ...cors, ...PREFLIGHT });
      return void res.end();
    }
    route(req, res, cors, url).then(
      (done) => {
        if (done) return;
        // /v1/* and /healthz are ours, in a shop's own server too: only other paths are the framework's.
        if (next && !isOurs(url.pathname)) return next();
        fail(new HttpError(404, 'not_found', { method: req.method ?? '', path: url.pathname }));
      },
      (e) => {
        // A refused body is not read on: drain what is left, or close when it is too large.
        if (e instanceof HttpError && e.status === 413) res.once('finish', () => req.destroy());
        else req.resume();
        fail(e);
      },
    );
  };

  return {
    handler,
    database: db.kind,
    purge,
    notified: async () => notifier?.idle(),
    listen(port = s.port, host = s.host) {
      return new Promise((resolve, reject) => {
        server = createServer(handler);
        server.keepAliveTimeout = 5000;
        server.headersTimeout = 10000;
        server.requestTimeout = 30000;
        server.once('error', reject);
        server.listen(port, host, () => {
          const a = server!.address() as AddressInfo;
          const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          s.log({ event: 'listen', url: `http://${shown}:${a.port}`, database: db.kind });
          resolve({ url: `http://${shown}:${a.port}`, port: a.port, host: a.address });
        });
      });
    },
    async close() {
      clearInterval(daily);
      clearInterval(statistics);
      if (server) {
        const closed = new Promise((r) => server!.close(r));
        server.closeIdleConnections();
        const t = setTimeout(() => server?.closeAllConnections(), 2000);
        await closed;
        clearTimeout(t);
      }
      await notifier?.close();
      await analyzing;
      await db.close();
    },
  };
}

const isOurs = (path: string) => path === '/healthz' || path.startsWith('/v1/');

function safeHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
