// The durable outbox: every response is in storage before submit() resolves,
// leaves it only when its endpoint acknowledged it (or as a dead letter), and
// one tab per origin sends at a time.
import { emit, reportError, type KoubeiErrorDetail } from '../events.js';
import { formatSchemaError, responseSchema, SCHEMA_VERSION, type KoubeiResponse, type KoubeiResponseInput } from '../schema.js';
import { cfg, now } from './config.js';
import { backoff, batchKey, classify, due, expired, group, halves, KEEPALIVE_BUDGET, pack, retryAfter, utf8 } from './policy.js';
import { readRecord, size, tag, VERSION, type DeadLetter, type OutboxRecord } from './record.js';
import { isFull, isQuota, lease, salvage, storageMode, use, type StorageMode } from './store.js';

export type { DeadLetter, OutboxRecord, StorageMode };

export interface SubmitOptions {
  /** Absolute or page-relative URL the batch is POSTed to. */
  endpoint: string;
}

type Rec = OutboxRecord;
type Result = { status: number; wait?: number; message?: string; redirected?: string };

const win = typeof window !== 'undefined' ? window : undefined;
const fire = <K extends 'koubei-queued' | 'koubei-delivered' | 'koubei-retry'>(type: K, detail: Parameters<typeof emit<K>>[2]) =>
  win && emit(win, type, detail);
const fail = (detail: KoubeiErrorDetail) => win && reportError(win, detail);

/** Counts since this page loaded. */
const counters = { enqueued: 0, delivered: 0, retried: 0, deadLettered: 0, quarantined: 0 };
/** What this page last knew to be queued: the unload path may not read storage. */
const cache = new Map<string, Rec>();
/** Submitted, its write not yet committed: a page that leaves now sends these too, or they would be lost. */
const storing = new Map<string, Rec>();
/** Id → the tags of the batch it is on its way in. */
const inflight = new Map<string, string[]>();
/**
 * Tag → its batch, as a tab had it on its way when it left: that batch may still arrive, so it goes again only whole
 * and unchanged (the same Idempotency-Key, a replay at the endpoint), never split into new batches.
 */
const pins = new Map<string, string[]>();
let bc: BroadcastChannel | undefined;
/** `id.revision` acknowledged while this page was open. */
const sent = new Set<string>();
/** Endpoint → not before (ms): one failure pauses the whole endpoint. */
const hold = new Map<string, number>();
let usage: { n: number; bytes: number } | undefined;
/** Endpoint → network-level failures in a row (no HTTP answer at all), and the endpoints already reported. */
const unreachable = new Map<string, number>();
const reportedEndpoints = new Set<string>();
/** Network failures in a row, while online, before a cross-origin endpoint is reported as probably missing CORS. */
const CORS_SUSPECT_AFTER = 3;
/** Runs reads of the queue and submits' check-and-write one at a time, so neither misses the other. */
let queue: Promise<unknown> = Promise.resolve();
const serial = <T>(fn: () => Promise<T>): Promise<T> => {
  const p = queue.then(fn);
  queue = p.catch(() => undefined);
  return p;
};
let keepaliveBytes = 0;
let leaving = false;
/**
 * Another tab is sending (our last try for the flush lock failed, or a tab said it took the lock since our last pass),
 * so the unload path, which cannot take the lock, leaves it to that tab instead of sending beside it from a stale view.
 */
let elsewhere = false;

const order = (a: Rec, b: Rec) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
const ids = (b: Rec[]) => b.map((r) => r.id);
/** To be sent now: due, its endpoint not paused, not on its way, not sent, not expired. */
const isReady = (r: Rec, t: number) =>
  due(r.nextAttemptAt, t) &&
  due(hold.get(r.endpoint) ?? 0, t) &&
  !inflight.has(r.id) &&
  !sent.has(tag(r)) &&
  !expired(r, t, cfg.ttl, cfg.minAttempts);
/** One endpoint's ready records in batches: pinned batches whole once all of theirs is ready, the rest packed anew. */
function batches(ready: Rec[], queued: Set<string>): Rec[][] {
  const free = new Map(ready.map((r) => [tag(r), r]));
  const out: Rec[][] = [];
  for (const p of new Set(pins.values())) {
    // Part of it is gone (acknowledged, refused, replaced): it can no longer go as it was.
    if (!p.every((t) => queued.has(t))) for (const t of p) pins.delete(t);
    else {
      const b = p.map((t) => free.get(t)!);
      if (b.every(Boolean)) out.push(b);
      for (const t of p) free.delete(t);
    }
  }
  return [...out, ...pack([...free.values()], size)];
}
// Written only while the page stays: the unload path must not touch IndexedDB.
const write = (s: 'responses' | 'dead' | 'quarantine', keys: IDBValidKey[], fn: (old: unknown, k: IDBValidKey) => unknown) =>
  leaving ? Promise.resolve() : use((kv) => kv.change(s, keys, fn));
const revision = (old: unknown) => (old as Rec | undefined)?.payload?.revision;

function quota(message: string, id: string): Error {
  fail({ reason: 'quota', message, ids: [id] });
  return Object.assign(new Error(message), { name: 'QuotaExceededError', reason: 'quota' });
}

/**
 * Stores a response durably and resolves once it is stored; delivery follows
 * in the background. Rejects with a `quota` error when the outbox is full.
 * Submitting the same response again stores and sends it once.
 */
export async function submit(response: KoubeiResponseInput, options: SubmitOptions): Promise<void> {
  const parsed = responseSchema.safeParse(response);
  if (!parsed.success) throw new TypeError(`Invalid response: ${formatSchemaError(parsed.error).join('; ')}`);
  const payload = parsed.data;
  const rec: Rec = {
    v: VERSION,
    id: payload.id,
    surveyId: payload.surveyId,
    endpoint: new URL(options.endpoint, document.baseURI).href,
    payload,
    createdAt: now(),
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
  };
  if (sent.has(tag(rec))) return;
  const bytes = size(rec);
  storing.set(rec.id, rec);
  let fresh: boolean;
  try {
    if (!usage) await readAll();
    fresh = await serial(async () => {
      const u = usage!;
      if (!cache.has(rec.id) && (u.n >= cfg.maxRecords || u.bytes + bytes > cfg.maxBytes))
        throw quota(`outbox full (${u.n} responses, ${u.bytes} bytes)`, rec.id);
      let isNew = false;
      try {
        await use((kv) =>
          kv.change('responses', [rec.id], (old) => ((isNew = !((revision(old) ?? 0) >= payload.revision)) ? rec : old), cfg.maxRecords),
        );
      } catch (e) {
        // Our own limit (other tabs filled it) says so itself; otherwise the browser's disk is full.
        throw isQuota(e) ? quota(isFull(e) ? (e as Error).message : `storage full (${String(e)})`, rec.id) : e;
      }
      if (isNew) {
        if (!cache.has(rec.id)) u.n++;
        u.bytes += bytes;
        cache.set(rec.id, rec);
      }
      return isNew;
    });
  } finally {
    if (storing.get(rec.id) === rec) storing.delete(rec.id);
  }
  if (fresh) {
    counters.enqueued++;
    fire('koubei-queued', { ids: [rec.id] });
  }
  void flush();
}

/** Reads the queue: migrates old records, quarantines unreadable ones. */
const readAll = (): Promise<Rec[]> => serial(read);

async function read(): Promise<Rec[]> {
  const rows = await use((kv) => kv.all('responses'));
  const out: Rec[] = [];
  const bad = new Map<IDBValidKey, unknown>();
  let bytes = 0;
  for (const [k, raw] of rows) {
    const r = readRecord(k, raw);
    if (r === 'newer') continue;
    if (r) {
      out.push(r);
      bytes += size(r);
    } else bad.set(k, raw);
  }
  if (bad.size) {
    const keys = [...bad.keys()];
    try {
      await write('quarantine', keys, (_, k) => ({ key: k, value: bad.get(k), at: now() }));
      await write('responses', keys, () => undefined);
    } catch {
      // Skipped this time either way: a bad record never stalls the queue.
    }
    counters.quarantined += keys.length;
    fail({ reason: 'storage', message: `${keys.length} unreadable records quarantined` });
  }
  usage = { n: out.length, bytes };
  cache.clear();
  for (const r of out) cache.set(r.id, r);
  return out.sort(order);
}

let running: Promise<void> | undefined;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let salvaged = false;

function schedule(ms: number): void {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), Math.max(ms, 0));
}

/** Sends everything that is due now, from one tab at a time; resolves when done (or another tab is on it). */
export function flush(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    do {
      again = false;
      if (leaving || navigator.onLine === false) return; // `online` brings us back
      if ((elsewhere = !(await locked()))) return schedule(cfg.lockRetry);
    } while (again);
    let next = Infinity;
    const t = now();
    for (const r of cache.values()) if (!inflight.has(r.id)) next = Math.min(next, Math.max(r.nextAttemptAt, hold.get(r.endpoint) ?? 0) - t);
    if (next < Infinity) schedule(next);
  })()
    .catch((e: unknown) => {
      fail({ reason: 'storage', message: `flush failed: ${String(e)}` });
      schedule(cfg.cap / 10); // try again later rather than wait for the next page
    })
    .finally(() => (running = undefined));
  return running;
}

/** Web Locks exist but are refused here (a sandboxed iframe: SecurityError): coordinate as if they were missing. */
let locksDenied = false;
const hasLocks = () => !!navigator.locks && !locksDenied;
const useLease = () => !hasLocks() && storageMode() === 'indexeddb';
// A lease that cannot be stored does not stop delivery: the pass then falls back from IndexedDB, where no lease is used.
const takeLease = () => lease(true).catch(() => true);

const run = () => {
  elsewhere = false;
  bc?.postMessage(0); // other tabs: this one is sending now
  return pass();
};

/** Runs one pass holding the origin's flush lock: a Web Lock, else a lease; false if another tab has it. */
async function locked(): Promise<boolean> {
  if (hasLocks()) {
    let granted = false;
    try {
      return await navigator.locks.request('koubei-outbox', { ifAvailable: true }, async (l) => !!l && ((granted = true), await run(), true));
    } catch (e) {
      if (granted) throw e; // the pass failed, not the lock
      locksDenied = true;
    }
  }
  if (useLease() && !(await takeLease())) return false;
  try {
    await run();
  } finally {
    if (useLease()) await lease(false).catch(() => undefined);
  }
  return true;
}

async function pass(): Promise<void> {
  for (let progress = true; progress; ) {
    // Each round until it succeeds: a move that timed out may still commit later, and records this page already
    // sent are recognised by `sent` below, so trying again never sends one twice.
    if (!salvaged) salvaged = await salvage().then(() => true, () => false);
    progress = false;
    const t = now();
    const all = await readAll();
    const old: Rec[] = [];
    const done: Rec[] = [];
    const ready: Rec[] = [];
    for (const r of all) {
      if (sent.has(tag(r))) done.push(r); // acknowledged, but the delete failed
      else if (expired(r, t, cfg.ttl, cfg.minAttempts)) old.push(r);
      else if (isReady(r, t)) ready.push(r);
    }
    if (done.length) await drop(done).catch(() => undefined);
    if (old.length) await bury(old, 'expired');
    const queued = new Set(all.map(tag));
    for (const [endpoint, recs] of group(ready, (r) => r.endpoint)) {
      const queue = batches(recs, queued);
      for (let b; (b = queue.shift()); ) {
        if (b.some((r) => inflight.has(r.id))) continue;
        if (useLease() && !(await takeLease())) return;
        const more = await deliver(endpoint, b);
        if (!more) break; // the endpoint failed: it waits
        queue.unshift(...more);
        progress = true;
      }
    }
  }
}

/**
 * POSTs one batch and settles it. Resolves to batches still to send now (the
 * halves after a 413, or none), or undefined when the endpoint should wait.
 * From the unload path (`unloading`), sends only within the keepalive budget.
 */
function deliver(endpoint: string, batch: Rec[], unloading?: boolean): Promise<Rec[][] | undefined> {
  const body = JSON.stringify({ schema: SCHEMA_VERSION, sentAt: new Date(now()).toISOString(), responses: batch.map((r) => r.payload) });
  const bytes = utf8(body);
  const keepalive = keepaliveBytes + bytes <= KEEPALIVE_BUDGET;
  if (unloading && !keepalive) return Promise.resolve([]);
  if (keepalive) keepaliveBytes += bytes;
  const tags = batch.map(tag);
  for (const r of batch) inflight.set(r.id, tags);
  const abort = new AbortController();
  const t = setTimeout(() => abort.abort(), cfg.fetchTimeout);
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': batchKey(tags) },
    body,
    keepalive,
    signal: abort.signal,
  })
    .then(
      async (res): Promise<Result> => ({
        status: res.status,
        wait: retryAfter(res.headers.get('Retry-After'), now()),
        // Always read: Chromium counts a keepalive request against its 64 KiB until its body is read.
        message: (await res.text().catch(() => '')).slice(0, 300),
        redirected: res.redirected ? res.url : undefined,
      }),
      (e: unknown): Result => ({ status: 0, message: String(e) }),
    )
    .then((res) => {
      clearTimeout(t);
      if (keepalive) keepaliveBytes -= bytes;
      return settle(endpoint, batch, res);
    })
    .finally(() => {
      for (const r of batch) inflight.delete(r.id);
    });
}

async function settle(endpoint: string, batch: Rec[], res: Result): Promise<Rec[][] | undefined> {
  // fetch follows redirects, and a 301/302/303 turns the POST into a GET without its body: whatever that GET
  // answers, the batch may never have arrived. Kept as dead letters, never deleted.
  if (res.redirected) {
    const why = `${endpoint} redirected to ${res.redirected}, so it is not counted as delivered (a redirected POST can arrive as a GET without its body): set the endpoint to the final URL.`;
    await bury(batch, 'redirect', res.status, why);
    return [];
  }
  noteReachable(endpoint, res.status);
  const verdict = classify(res.status);
  if (verdict === 'ok') {
    for (const r of batch) sent.add(tag(r));
    counters.delivered += batch.length;
    hold.delete(endpoint);
    // If this fails the record stays; `sent` keeps this page from sending it again.
    await drop(batch).catch(() => undefined);
    fire('koubei-delivered', { ids: ids(batch) });
    return [];
  }
  if (verdict === 'retry') {
    const t = now();
    const attempt = Math.max(...batch.map((r) => r.attempts)) + 1;
    const delay = res.wait === undefined ? backoff(attempt, cfg.base, cfg.cap) : Math.max(res.wait, cfg.base);
    const lastError = res.status ? `HTTP ${res.status}` : 'network';
    hold.set(endpoint, t + delay);
    const next = new Map(batch.map((r) => [r.id, { ...r, attempts: r.attempts + 1, nextAttemptAt: t + delay, lastError }]));
    for (const [id, r] of next) if (cache.has(id)) cache.set(id, r);
    counters.retried += batch.length;
    fire('koubei-retry', { ids: ids(batch), attempt, delay, reason: lastError });
    // Bookkeeping only: if storage refuses, the record is simply retried sooner.
    await write('responses', ids(batch), (old, k) => (revision(old) === next.get(k as string)!.payload.revision ? next.get(k as string) : old)).catch(
      () => undefined,
    );
    return undefined;
  }
  if (verdict === 'split' && batch.length > 1) return halves(batch);
  await bury(batch, String(res.status), res.status, res.message);
  return [];
}

/**
 * A cross-origin endpoint that never answers at the HTTP level while the browser is online is most often one that
 * does not answer CORS (the browser hides why): the customer was thanked and the responses wait in the browser, so
 * say it once per page and endpoint, naming the likely cause. Delivery keeps retrying.
 */
function noteReachable(endpoint: string, status: number): void {
  if (status || !win || navigator.onLine === false) return void unreachable.delete(endpoint);
  const n = (unreachable.get(endpoint) ?? 0) + 1;
  unreachable.set(endpoint, n);
  let origin = '';
  try {
    origin = new URL(endpoint, document.baseURI).origin;
  } catch {
    /* not a URL: never cross-origin */
  }
  if (n < CORS_SUSPECT_AFTER || !origin || origin === location.origin || reportedEndpoints.has(endpoint)) return;
  reportedEndpoints.add(endpoint);
  fail({
    reason: 'endpoint',
    value: endpoint,
    message: `${endpoint} gave no HTTP answer ${n} times while online. From ${location.origin} it is cross-origin: most likely it does not answer CORS. See "Troubleshooting" in the Koubei README. The responses are kept and retried.`,
  });
}

/** Deletes records that were sent, unless a newer revision replaced them meanwhile. */
async function drop(batch: Rec[]): Promise<void> {
  const revs = new Map(batch.map((r) => [r.id, r.payload.revision]));
  for (const r of batch) if (cache.get(r.id)?.payload.revision === r.payload.revision) cache.delete(r.id);
  await write('responses', [...revs.keys()], (old, k) => ((revision(old) ?? 0) <= revs.get(k as string)! ? undefined : old));
}

/** Moves records to the dead-letter store and reports them. */
async function bury(batch: Rec[], reason: string, status?: number, message?: string): Promise<void> {
  const t = now();
  for (const r of batch) cache.delete(r.id);
  const dead = new Map(batch.map((r): [string, DeadLetter] => [r.id, { ...r, reason, status, message, deadAt: t }]));
  try {
    await write('dead', [...dead.keys()], (_, k) => dead.get(k as string));
    await drop(batch);
  } catch {
    // Still queued: tried again on the next pass.
  }
  counters.deadLettered += batch.length;
  fail(
    reason === 'expired'
      ? { reason: 'expired', ids: ids(batch), message: `${batch.length} responses expired undelivered` }
      : { reason: 'dead-letter', ids: ids(batch), status, message: reason === 'redirect' ? message! : `HTTP ${status} from ${batch[0]!.endpoint}: ${message}` },
  );
}

/**
 * Page hidden or leaving: send what is due with keepalive, within its budget, writing nothing. A response whose
 * write has not committed goes too, even when another tab is sending: that tab cannot see it.
 */
function leave(): void {
  if (leaving) return; // Chromium fires visibilitychange after pagehide
  if (navigator.onLine !== false) {
    const t = now();
    const recs = [...(elsewhere ? [] : cache.values()), ...[...storing.values()].filter((r) => !cache.has(r.id))];
    const queued = new Set(recs.map(tag));
    for (const [endpoint, ready] of group(recs.filter((r) => isReady(r, t)).sort(order), (r) => r.endpoint))
      for (const b of batches(ready, queued)) void deliver(endpoint, b, true).then(() => void flush());
  }
  // What is on its way may arrive after this page is gone: the tab that takes over sends it again only as these batches.
  if (inflight.size) bc?.postMessage([...new Set(inflight.values())]);
}

/** Hears other tabs: one took the lock (0), or left with these batches on their way. */
function listen(): void {
  bc?.close();
  if (typeof BroadcastChannel != 'function') return;
  bc = new BroadcastChannel('koubei-outbox');
  bc.onmessage = (e: MessageEvent<0 | string[][]>) => {
    if (!e.data) elsewhere = true;
    else for (const b of e.data) for (const t of b) pins.set(t, b);
  };
}

/** Responses waiting for delivery. */
export async function pending(): Promise<KoubeiResponse[]> {
  return (await readAll()).map((r) => r.payload);
}

/** Responses the endpoint refused or that expired, kept in their own store. */
export async function deadLetters(): Promise<DeadLetter[]> {
  return (await use((kv) => kv.all('dead'))).map(([, v]) => v as DeadLetter);
}

/** The outbox: submit, flush, what waits, what was refused, and how it is doing. */
export const outbox = {
  submit,
  flush,
  pending,
  deadLetters,
  counters,
  /** Where responses are kept: `indexeddb`, else `localstorage`, else `memory`. */
  get storageMode(): StorageMode {
    return storageMode();
  },
};

if (win) {
  const start = () => void flush();
  if (document.readyState === 'complete') setTimeout(start);
  else addEventListener('load', start, { once: true });
  addEventListener('online', () => setTimeout(start, Math.random() * cfg.onlineDelay));
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && leave());
  listen();
  addEventListener('pagehide', () => {
    leave();
    leaving = true;
    bc?.close(); // an open channel can keep the page out of the back/forward cache
    bc = undefined;
  });
  addEventListener('pageshow', (e) => {
    leaving = false; // back from the back/forward cache
    if (e.persisted) listen();
    start();
  });
}
