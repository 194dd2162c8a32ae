// The durable outbox as an instance: every response is in storage before submit() resolves, leaves it only when its
// endpoint acknowledged it (or as a dead letter), and one tab per origin sends at a time. Its storage, clock, fetch,
// Web Locks and BroadcastChannel are passed in (each has the browser's as its default), so a test can give fakes;
// the page's listeners are installed by the entry that needs them (index.ts: installOutbox), never on import.
import { clock as koubeiClock, type Clock } from '../clock.js';
import { emit, reportError, type KoubeiErrorDetail } from '../events.js';
import type { KoubeiResponse, KoubeiResponseInput } from '../schema.js';
import { formatSchemaError, responseSchema, SCHEMA_VERSION } from '../schema-lite.js';
import { defaults, type OutboxConfig } from './config.js';
import { backoff, batchKey, classify, due, expired, group, halves, KEEPALIVE_BUDGET, pack, retryAfter, utf8 } from './policy.js';
import { readRecord, size, tag, VERSION, type DeadLetter, type OutboxRecord } from './record.js';
import { createStorage, isFull, isQuota, lease, type OutboxStorage, type StorageMode } from './store.js';

export interface SubmitOptions {
  /** Absolute or page-relative URL the batch is POSTed to. */
  endpoint: string;
}

export type { Clock };

/** What the outbox reads of a fetch answer. */
export interface FetchAnswer {
  status: number;
  redirected: boolean;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** The part of the Web Locks API the outbox uses (`navigator.locks`). */
export interface Locks {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** The part of BroadcastChannel the outbox uses. */
export interface Channel {
  postMessage(message: unknown): void;
  close(): void;
  onmessage: ((e: MessageEvent) => void) | null;
}

export interface OutboxOptions {
  /** Where records are kept (default: createStorage(), IndexedDB then localStorage then memory). */
  storage?: OutboxStorage;
  /** The time and timers. Default Koubei's clock (src/clock.ts), read at each call. */
  clock?: Clock;
  fetch?: (url: string, init: RequestInit) => Promise<FetchAnswer>;
  /** Web Locks; null: none (a lease in IndexedDB instead, none elsewhere). Default `navigator.locks`. */
  locks?: Locks | null;
  /** Opens the channel tabs tell each other on; undefined: none. Default a BroadcastChannel named `name`. */
  channel?: () => Channel | undefined;
  /** Where the koubei-* events are fired. Default `window`. */
  target?: EventTarget;
  /** Whether the browser is online. Default `navigator.onLine`. */
  online?: () => boolean;
  /** The page's base URL (relative endpoints) and origin (cross-origin endpoints). Default the document's. */
  baseURI?: () => string;
  origin?: () => string;
  /** Any subset of the tunables; a complete object is read live (the page's outbox and its test hook). */
  config?: Partial<OutboxConfig>;
  /** For the backoff jitter and the lease owner. Default Math.random. */
  random?: () => number;
  /** The Web Lock, the channel and the default storage's database. Default `koubei-outbox`. */
  name?: string;
}

/** Counts since this outbox was made. */
export interface OutboxCounters {
  enqueued: number;
  delivered: number;
  retried: number;
  deadLettered: number;
  quarantined: number;
}

/** One outbox: what `window.Koubei.outbox` is, with the page's hooks its listeners call. */
export interface Outbox {
  submit(response: KoubeiResponseInput, options: SubmitOptions): Promise<void>;
  flush(): Promise<void>;
  pending(): Promise<KoubeiResponse[]>;
  deadLetters(): Promise<DeadLetter[]>;
  readonly counters: OutboxCounters;
  readonly storageMode: StorageMode;
  /** The page is hidden: send what is due with keepalive, writing nothing. */
  hide(): void;
  /** The page is leaving (pagehide): as hide(), then write nothing and close the channel until pageshow. */
  leave(): void;
  /** The page is shown (pageshow, `persisted` after the back/forward cache) or loaded: deliver what waits. */
  resume(persisted?: boolean): void;
  /** The browser is back online: deliver after a random 0..onlineDelay ms, so a fleet does not return at once. */
  online(): void;
}

type Rec = OutboxRecord;
type Key = IDBValidKey;
type Result = { status: number; wait?: number; message?: string; redirected?: string };

/** Network failures in a row, while online, before a cross-origin endpoint is reported (down, or refusing CORS). */
const CORS_SUSPECT_AFTER = 3;
/** Records the unload path may send without reading storage: more than its keepalive budget holds. */
const CACHE_MAX = 200;

const order = (a: Rec, b: Rec) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1);
/** Key order, as IndexedDB compares string keys. */
const byId = (a: Rec, b: Rec) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const ids = (b: Rec[]) => b.map((r) => r.id);
const revision = (old: unknown) => (old as Rec | undefined)?.payload?.revision;
const bytesOf = (old: unknown) => size(old as Rec);

/**
 * createOutbox: a durable outbox over `options.storage` (see OutboxOptions for each dependency and its default).
 * Nothing touches storage, the network or the page until the first call. The page's own outbox is index.ts's.
 */
export function createOutbox(options: OutboxOptions = {}): Outbox {
  const given = options.config ?? {};
  const cfg: OutboxConfig = Object.keys(defaults).every((k) => k in given) ? (given as OutboxConfig) : { ...defaults, ...given };
  const name = options.name ?? 'koubei-outbox';
  const clock = options.clock ?? koubeiClock;
  const now = () => clock.now();
  const random = options.random ?? Math.random;
  const target = () => options.target ?? window;
  const fire = <K extends 'koubei-queued' | 'koubei-delivered' | 'koubei-retry'>(type: K, detail: Parameters<typeof emit<K>>[2]) => emit(target(), type, detail);
  const fail = (detail: KoubeiErrorDetail) => reportError(target(), detail);
  const storage =
    options.storage ?? createStorage({ name, timeout: () => cfg.timeout, onFallback: (message) => fail({ reason: 'storage', message }) });
  const doFetch = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const locks = options.locks === undefined ? (globalThis.navigator?.locks as Locks | undefined) : options.locks;
  const openChannel = options.channel ?? (() => (typeof BroadcastChannel == 'function' ? new BroadcastChannel(name) : undefined));
  const isOnline = options.online ?? (() => globalThis.navigator?.onLine !== false);
  const baseURI = options.baseURI ?? (() => document.baseURI);
  const pageOrigin = options.origin ?? (() => location.origin);
  const me = random().toString(36).slice(2);

  const counters: OutboxCounters = { enqueued: 0, delivered: 0, retried: 0, deadLettered: 0, quarantined: 0 };
  /** What the unload path may send (it cannot read storage): this page's recent records, at most CACHE_MAX. */
  const cache = new Map<string, Rec>();
  /** Submitted, its write not yet committed: a page that leaves now sends these too, or they would be lost. */
  const storing = new Map<string, Rec>();
  /** Id → the tags of the batch it is on its way in. */
  const inflight = new Map<string, string[]>();
  /**
   * Tag → its batch, as a tab had it on its way when it left: that batch may still arrive, so it goes again only
   * whole and unchanged (the same Idempotency-Key, a replay at the endpoint), never split into new batches.
   */
  const pins = new Map<string, string[]>();
  let bc: Channel | undefined;
  /** `id.revision` acknowledged, its delete not yet known to have committed. */
  const sent = new Set<string>();
  /** `id.revision` this page submitted → acknowledged: submitting it again stores and sends nothing. */
  const own = new Map<string, boolean>();
  const isSent = (t: string) => own.get(t) === true || sent.has(t);
  /** Endpoint → not before (ms): one failure pauses the whole endpoint. */
  const hold = new Map<string, number>();
  /** The queue's records and bytes, as this tab counts them (a full count after another tab sent). */
  let usage: { n: number; bytes: number } | undefined;
  let measuring: Promise<void> | undefined;
  /** Endpoint → network-level failures in a row (no HTTP answer at all), and the endpoints already reported. */
  const unreachable = new Map<string, number>();
  const reportedEndpoints = new Set<string>();
  /** Submits' check-and-write run one at a time, and the full count between them, so neither misses the other. */
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = queue.then(fn);
    queue = p.catch(() => undefined);
    return p;
  };
  let keepaliveBytes = 0;
  let leaving = false;
  /**
   * Another tab is sending (our last try for the flush lock failed, or a tab said it took the lock since our last
   * pass), so the unload path, which cannot take the lock, leaves it to that tab instead of sending beside it.
   */
  let elsewhere = false;
  /** Keys of unreadable records this outbox quarantined (or tried to). */
  const quarantined = new Set<Key>();
  /** Endpoints whose last answer was a 2xx: several batches go to them at once; to any other, one at a time. */
  const proven = new Set<string>();
  const sizes = new WeakMap<Rec, number>();
  const sizeOf = (r: Rec) => sizes.get(r) ?? (sizes.set(r, size(r)), sizes.get(r)!);
  /**
   * Row number of each record a pass read (a gap at each unreadable row and between reads): batches whose numbers
   * follow on are neighbours in storage, so their deletes go together as one span.
   */
  const rows = new WeakMap<Rec, number>();
  let row = 0;
  const remember = (r: Rec) => {
    cache.delete(r.id);
    cache.set(r.id, r);
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  };

  /** To be sent now: due, its endpoint not paused, not on its way, not sent, not expired. */
  const isReady = (r: Rec, t: number) =>
    due(r.nextAttemptAt, t) && due(hold.get(r.endpoint) ?? 0, t) && !inflight.has(r.id) && !isSent(tag(r)) && !expired(r, t, cfg.ttl, cfg.minAttempts);

  /** Written only while the page stays (the unload path must not touch IndexedDB): false when nothing was written. */
  const write = async (s: 'responses' | 'dead' | 'quarantine', keys: Key[], fn: (old: unknown, k: Key) => unknown): Promise<boolean> => {
    if (leaving) return false;
    await storage.change(s, keys, fn);
    return true;
  };

  function quota(message: string, id: string): Error {
    fail({ reason: 'quota', message, ids: [id] });
    return Object.assign(new Error(message), { name: 'QuotaExceededError', reason: 'quota' });
  }

  /**
   * Outbox.submit: stores a response durably and resolves once it is stored; delivery follows in the background.
   * Rejects with a `quota` error when the outbox is full. Submitting the same response again stores and sends it once.
   */
  async function submit(response: KoubeiResponseInput, opts: SubmitOptions): Promise<void> {
    if (!opts || typeof opts.endpoint !== 'string') throw new TypeError('submit: options.endpoint must be a URL');
    const parsed = responseSchema.safeParse(response);
    if (!parsed.success) throw new TypeError(`Invalid response: ${formatSchemaError(parsed.error).join('; ')}`);
    const payload = parsed.data;
    const rec: Rec = {
      v: VERSION,
      id: payload.id,
      surveyId: payload.surveyId,
      endpoint: new URL(opts.endpoint, baseURI()).href,
      payload,
      createdAt: now(),
      attempts: 0,
      nextAttemptAt: 0,
      lastError: null,
    };
    const t = tag(rec);
    if (isSent(t)) return;
    const bytes = sizeOf(rec);
    storing.set(rec.id, rec);
    let fresh: boolean;
    try {
      await measure();
      fresh = await serial(async () => {
        const u = usage!;
        let isNew = false;
        let added = false;
        let oldBytes = 0;
        try {
          await storage.change(
            'responses',
            [rec.id],
            (old) => {
              isNew = !((revision(old) ?? 0) >= payload.revision);
              if (!isNew) return old;
              added = old === undefined;
              oldBytes = added ? 0 : bytesOf(old);
              // A named QuotaExceededError: never retried, never a reason to fall back to another backend.
              if (added && (u.n >= cfg.maxRecords || u.bytes + bytes > cfg.maxBytes))
                throw Object.assign(new Error(`full (${u.n} responses, ${u.bytes} bytes)`), { name: 'QuotaExceededError', full: u.n });
              return rec;
            },
            cfg.maxRecords,
          );
        } catch (e) {
          // Our own limit (this tab's count, or other tabs filled it) says so itself; otherwise the browser's disk is full.
          throw isQuota(e) ? quota(isFull(e) ? `outbox ${e.message}` : `storage full (${String(e)})`, rec.id) : e;
        }
        if (!own.has(t)) own.set(t, false);
        if (isNew) {
          if (added) u.n++;
          u.bytes += bytes - oldBytes;
          remember(rec);
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

  /** One page of the queue after `after`: migrated records, the unreadable ones quarantined. */
  async function readPage(after: Key | undefined): Promise<{ recs: Rec[]; last?: Key; more: boolean }> {
    const got = await storage.page('responses', after, cfg.pageSize);
    const recs: Rec[] = [];
    const bad = new Map<Key, unknown>();
    for (const [k, raw] of got) {
      const r = readRecord(k, raw);
      row++;
      if (r === 'newer') continue;
      if (r) recs.push(r), rows.set(r, row);
      // Two reads at once (a count and a pass) see the same bad record: it is quarantined and counted once.
      else if (!quarantined.has(k)) quarantined.add(k), bad.set(k, raw);
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
    return { recs, last: got.length ? got[got.length - 1]![0] : undefined, more: got.length >= cfg.pageSize };
  }

  /**
   * Calls `each` with every page of the queue, in key order; memory stays one page. A pass reads the next page while
   * the batches of the last are on their way (`each` resolves once they are all sent, not answered).
   */
  async function scan(each: (recs: Rec[]) => Promise<void> | void): Promise<void> {
    row++;
    for (let after: Key | undefined, more = true; more; ) {
      const p = await readPage(after);
      await each(p.recs);
      ({ last: after, more } = p);
    }
  }

  /** Counts the queue (records and bytes) when this tab does not know it: at the first submit, after another tab sent. */
  function measure(): Promise<void> {
    if (usage) return Promise.resolve();
    return (measuring ??= serial(async () => {
      let n = 0;
      let bytes = 0;
      await scan((recs) => {
        n += recs.length;
        for (const r of recs) bytes += sizeOf(r);
      });
      usage = { n, bytes };
    }).finally(() => (measuring = undefined)));
  }

  let running: Promise<void> | undefined;
  let again = false;
  let timer: unknown;
  let salvaged = false;
  /** The earliest time (ms) the last pass saw something become due. */
  let next = Infinity;

  function schedule(ms: number): void {
    clock.clearTimeout(timer);
    timer = clock.setTimeout(() => void flush(), Math.max(ms, 0));
  }

  /** Outbox.flush: sends everything that is due now, from one tab at a time; resolves when done (or another tab is on it). */
  function flush(): Promise<void> {
    if (running) {
      // Asked again while a flush runs: it goes round once more, or, if it ended early (offline then), this one runs.
      again = true;
      return running.then(() => (again ? flush() : undefined));
    }
    running = (async () => {
      if (!bc && !leaving) listen();
      do {
        again = false;
        if (leaving || !isOnline()) return; // `online` brings us back
        if ((elsewhere = !(await locked()))) return schedule(cfg.lockRetry);
      } while (again);
      const t = now();
      for (const r of cache.values()) if (!inflight.has(r.id)) next = Math.min(next, Math.max(r.nextAttemptAt, hold.get(r.endpoint) ?? 0));
      if (next < Infinity) schedule(next - t);
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
  const hasLocks = () => !!locks && !locksDenied;
  const useLease = () => !hasLocks() && storage.mode === 'indexeddb';
  // A lease that cannot be stored does not stop delivery: the pass then falls back from IndexedDB, where no lease is used.
  const takeLease = () => lease(storage, me, true, now(), cfg.lease).catch(() => true);

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
        return await locks!.request(name, { ifAvailable: true }, async (l) => !!l && ((granted = true), await run(), true));
      } catch (e) {
        if (granted) throw e; // the pass failed, not the lock
        locksDenied = true;
      }
    }
    if (useLease() && !(await takeLease())) return false;
    try {
      await run();
    } finally {
      if (useLease()) await lease(storage, me, false, now(), cfg.lease).catch(() => undefined);
    }
    return true;
  }

  /**
   * Reads the queue a page at a time and keeps up to cfg.inFlight batches on their way while it reads the next; a
   * 429/503 (or any retry) pauses its endpoint for every batch not yet sent. Goes round again while it made progress,
   * for what was submitted behind the read.
   */
  async function pass(): Promise<void> {
    // Each pass until it succeeds: a move that timed out may still commit later, and records this page already sent
    // are recognised by `isSent`, so trying again never sends one twice.
    if (!salvaged) salvaged = await storage.salvage().then(() => true, () => false);
    for (let progress = true; progress; ) {
      progress = false;
      next = Infinity;
      let stopped = false;
      const todo: [string, Rec[]][] = [];
      const flying = new Set<Promise<void>>();
      /**
       * Sends what `todo` holds, at most cfg.inFlight at once, and one at a time to an endpoint that has not just
       * answered 2xx (a stalled or failing endpoint gets one batch, not a burst); with `all`, until nothing is on its
       * way either.
       */
      const drain = async (all: boolean) => {
        for (;;) {
          // Acknowledged batches whose delete waits hold their records in memory: a few, then the deletes catch up.
          while (todo.length && flying.size < (proven.has(todo[0]![0]) ? cfg.inFlight : 1) && unwritten < cfg.inFlight && !stopped) {
            const [endpoint, b] = todo.shift()!;
            const h = hold.get(endpoint) ?? 0;
            if (!due(h, now())) {
              next = Math.min(next, h);
              continue;
            }
            if (b.some((r) => inflight.has(r.id))) continue;
            if (useLease() && !(await takeLease())) stopped = true;
            else {
              const p: Promise<void> = deliver(endpoint, b)
                .then((more) => {
                  if (!more) return;
                  progress = true;
                  todo.unshift(...more.map((m): [string, Rec[]] => [endpoint, m]));
                })
                .finally(() => flying.delete(p));
              flying.add(p);
            }
          }
          if ((!flying.size && (stopped || !todo.length)) || (!all && !todo.length)) return;
          // A slot frees, or the deletes catch up (when they alone hold batches back, nothing new is acknowledged).
          await Promise.race(deleting ? [...flying, deleting] : flying);
        }
      };
      /** Endpoint → ready records not yet in a full batch (a batch may span two pages). */
      const carry = new Map<string, Rec[]>();
      /** Pinned tags in the queue, and the ready records among them. */
      const pinnedSeen = new Set<string>();
      const pinnedReady = new Map<string, Rec>();
      let failure: unknown;
      try {
        await scan(async (recs) => {
          const t = now();
          const done: Rec[] = [];
          const old: Rec[] = [];
          // In key order, as read: a batch is then a span of keys, which storage deletes in one request.
          for (const r of recs) {
            const tg = tag(r);
            if (isSent(tg)) done.push(r); // acknowledged, but the delete failed
            else if (expired(r, t, cfg.ttl, cfg.minAttempts)) old.push(r);
            else if (pins.has(tg)) {
              pinnedSeen.add(tg);
              if (isReady(r, t)) pinnedReady.set(tg, r);
            } else if (isReady(r, t)) carry.get(r.endpoint)?.push(r) ?? carry.set(r.endpoint, [r]);
            else if (!inflight.has(r.id)) next = Math.min(next, Math.max(r.nextAttemptAt, hold.get(r.endpoint) ?? 0));
          }
          if (done.length) await drop(done).catch(() => undefined);
          if (old.length) await bury(old, 'expired');
          for (const [endpoint, rs] of carry) {
            const bs = pack(rs, sizeOf);
            // The last batch may fill up from the next page.
            carry.set(endpoint, bs.pop()!);
            for (const b of bs) todo.push([endpoint, b]);
          }
          await drain(false);
        });
        for (const [endpoint, rs] of group([...pinnedReady.values()], (r) => r.endpoint))
          for (const b of batches(rs.sort(byId), pinnedSeen)) todo.push([endpoint, b]);
        for (const [endpoint, rs] of carry) for (const b of pack(rs, sizeOf)) todo.push([endpoint, b]);
      } catch (e) {
        failure = e;
      }
      // Whatever happened, what is on its way settles before the lock is let go.
      await drain(!failure);
      await Promise.all(flying);
      while (deleting) await deleting;
      if (failure) throw failure;
      if (stopped) return;
    }
  }

  /**
   * POSTs one batch and settles it. Resolves to batches still to send now (the halves after a 413, or none), or
   * undefined when the endpoint should wait. From the unload path (`unloading`), sends only within the keepalive budget.
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
    const t = clock.setTimeout(() => abort.abort(), cfg.fetchTimeout);
    return Promise.resolve()
      .then(() =>
        doFetch(endpoint, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': batchKey(tags) },
          body,
          keepalive,
          signal: abort.signal,
        }),
      )
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
        clock.clearTimeout(t);
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
      return (await bury(batch, 'redirect', res.status, why)) ? [] : undefined;
    }
    noteReachable(endpoint, res.status);
    const verdict = classify(res.status);
    if (verdict !== 'ok') proven.delete(endpoint);
    if (verdict === 'ok') {
      for (const r of batch) {
        const tg = tag(r);
        if (own.has(tg)) own.set(tg, true);
        else sent.add(tg);
      }
      counters.delivered += batch.length;
      hold.delete(endpoint);
      proven.add(endpoint);
      dropAcked(batch);
      return [];
    }
    if (verdict === 'retry') {
      const t = now();
      const attempt = Math.max(...batch.map((r) => r.attempts)) + 1;
      const delay = res.wait === undefined ? backoff(attempt, cfg.base, cfg.cap, random) : Math.max(res.wait, cfg.base);
      const lastError = res.status ? `HTTP ${res.status}` : 'network';
      // The pause only grows: batches on their way beside this one may answer with a shorter Retry-After.
      hold.set(endpoint, Math.max(hold.get(endpoint) ?? 0, t + delay));
      const nextRecs = new Map(batch.map((r) => [r.id, { ...r, attempts: r.attempts + 1, nextAttemptAt: t + delay, lastError }]));
      for (const [id, r] of nextRecs) if (cache.has(id)) cache.set(id, r);
      // The flush sets its timer from `next` and from this page's cache: a response an earlier page queued is only here.
      next = Math.min(next, t + delay);
      counters.retried += batch.length;
      fire('koubei-retry', { ids: ids(batch), attempt, delay, reason: lastError });
      // Bookkeeping only: if storage refuses, the record is simply retried sooner.
      await write('responses', ids(batch), (old, k) =>
        revision(old) === nextRecs.get(k as string)!.payload.revision ? nextRecs.get(k as string) : old,
      ).catch(() => undefined);
      return undefined;
    }
    if (verdict === 'split' && batch.length > 1) return halves(batch);
    return (await bury(batch, String(res.status), res.status, res.message)) ? [] : undefined;
  }

  /**
   * A cross-origin endpoint that never answers at the HTTP level while the browser is online is down or unreachable,
   * or up but refusing this origin by CORS: the browser hides which. The customer was thanked and the responses wait
   * in the browser, so say it once per page and endpoint, naming both causes and what to check. Delivery keeps retrying.
   */
  function noteReachable(endpoint: string, status: number): void {
    if (status || !isOnline()) return void unreachable.delete(endpoint);
    const n = (unreachable.get(endpoint) ?? 0) + 1;
    unreachable.set(endpoint, n);
    let origin = '';
    let here = '';
    try {
      here = pageOrigin();
      origin = new URL(endpoint, baseURI()).origin;
    } catch {
      /* not a URL, or no page: never cross-origin */
    }
    if (n < CORS_SUSPECT_AFTER || !origin || origin === here || reportedEndpoints.has(endpoint)) return;
    reportedEndpoints.add(endpoint);
    fail({
      reason: 'endpoint',
      value: endpoint,
      message: `${endpoint} gave no HTTP answer ${n} times while online: the server is down or unreachable (check it runs), or its CORS headers do not allow ${here} (check Access-Control-Allow-Origin on its OPTIONS and POST answers). See "Troubleshooting" in the Koubei README. The responses are kept and retried.`,
    });
  }

  /** Acknowledged batches waiting for their delete; how many, counting those being deleted; the run deleting them. */
  const acked: Rec[][] = [];
  let unwritten = 0;
  let deleting: Promise<void> | undefined;
  const rowOf = (r: Rec) => rows.get(r) ?? NaN;

  /**
   * An acknowledged batch's delete, in the background: its batch's slot is free at once. The batches acknowledged
   * meanwhile go in one delete per run of neighbours (one span, one request), then each is reported delivered.
   */
  function dropAcked(batch: Rec[]): void {
    acked.push(batch);
    unwritten++;
    deleting ??= (async () => {
      // Ends, and says so, in the same turn as it finds nothing left: a batch acknowledged after that starts a new run.
      while (acked.length) {
        const runs: Rec[][][] = [];
        let run: Rec[][] = [];
        let end = NaN;
        // As acknowledged (mostly in the order sent); a batch is a span of keys in key order (a pinned one may not be:
        // storage then deletes its keys one by one, as it would alone).
        for (const b of acked.splice(0)) {
          if (rowOf(b[0]!) === end + 1) run.push(b);
          else runs.push((run = [b]));
          end = rowOf(b[b.length - 1]!);
        }
        for (const run of runs) {
          // If this fails the records stay; `isSent` keeps this page from sending them again.
          await drop(run.flat()).catch(() => undefined);
          unwritten -= run.length;
          for (const b of run) fire('koubei-delivered', { ids: ids(b) });
        }
      }
      deleting = undefined;
    })();
  }

  /** Deletes records that were sent, unless a newer revision replaced them meanwhile; rejects if storage refused. */
  async function drop(batch: Rec[]): Promise<boolean> {
    const mine = new Map(batch.map((r) => [r.id, r]));
    for (const r of batch) if (cache.get(r.id)?.payload.revision === r.payload.revision) cache.delete(r.id);
    const removed = new Map<Key, number>();
    const wrote = await write('responses', [...mine.keys()], (old, k) => {
      const r = mine.get(k as string)!;
      if ((revision(old) ?? 0) > r.payload.revision) return old;
      if (old !== undefined) removed.set(k, sizeOf(r));
      return undefined;
    });
    if (!wrote) return false;
    if (usage) {
      usage.n = Math.max(0, usage.n - removed.size);
      for (const b of removed.values()) usage.bytes = Math.max(0, usage.bytes - b);
    }
    // Gone from storage: no longer needs remembering, unless this page may submit it again.
    for (const r of batch) sent.delete(tag(r));
    return true;
  }

  /**
   * Moves records to the dead-letter store and reports them; resolves to whether they moved. If storage refuses they
   * stay queued, are neither counted nor reported, and go again a little later (the answer may differ by then).
   */
  async function bury(batch: Rec[], reason: string, status?: number, message?: string): Promise<boolean> {
    const t = now();
    const dead = new Map(batch.map((r): [string, DeadLetter] => [r.id, { ...r, reason, status, message, deadAt: t }]));
    let moved = false;
    try {
      moved = (await write('dead', [...dead.keys()], (_, k) => dead.get(k as string))) && (await drop(batch));
    } catch {
      /* still queued */
    }
    if (!moved) {
      next = Math.min(next, t + cfg.base);
      return false;
    }
    for (const r of batch) cache.delete(r.id);
    counters.deadLettered += batch.length;
    fail(
      reason === 'expired'
        ? { reason: 'expired', ids: ids(batch), message: `${batch.length} responses expired undelivered` }
        : {
            reason: 'dead-letter',
            ids: ids(batch),
            status,
            message: reason === 'redirect' ? message! : `HTTP ${status} from ${batch[0]!.endpoint}: ${message}`,
          },
    );
    return true;
  }

  /**
   * One endpoint's ready records in batches: a pinned batch whole once all of it is ready, the rest packed anew. A
   * pin part of which is no longer `queued` (acknowledged, refused, replaced) can no longer go as it was: dropped.
   */
  function batches(ready: Rec[], queued?: Set<string>): Rec[][] {
    const free = new Map(ready.map((r) => [tag(r), r]));
    const out: Rec[][] = [];
    for (const p of new Set(pins.values())) {
      if (queued && !p.every((t) => queued.has(t))) for (const t of p) pins.delete(t);
      else {
        const b = p.map((t) => free.get(t)!);
        if (b.every(Boolean)) out.push(b);
        for (const t of p) free.delete(t);
      }
    }
    return [...out, ...pack([...free.values()], sizeOf)];
  }

  /**
   * Page hidden or leaving: send what is due with keepalive, within its budget, writing nothing. A response whose
   * write has not committed goes too, even when another tab is sending: that tab cannot see it.
   */
  function hide(): void {
    if (leaving) return; // Chromium fires visibilitychange after pagehide
    if (isOnline()) {
      const t = now();
      const recs = [...(elsewhere ? [] : cache.values()), ...[...storing.values()].filter((r) => !cache.has(r.id))];
      // In key order, as a pass packs them: the batches sent now are the ones the next page sends again, under the
      // same Idempotency-Key (a replay at the endpoint), if their acknowledgement is lost with this page.
      for (const [endpoint, ready] of group(recs.filter((r) => isReady(r, t)).sort(byId), (r) => r.endpoint)) {
        for (const b of batches(ready)) void deliver(endpoint, b, true).then(() => void flush());
      }
    }
    // What is on its way may arrive after this page is gone: the tab that takes over sends it again only as these batches.
    if (inflight.size) bc?.postMessage([...new Set(inflight.values())]);
  }

  /** Hears other tabs: one took the lock (0: it may have sent, so count again), or left with these batches on their way. */
  function listen(): void {
    bc?.close();
    bc = openChannel();
    if (!bc) return;
    bc.onmessage = (e: MessageEvent<0 | string[][]>) => {
      if (!e.data) {
        elsewhere = true;
        usage = undefined;
      } else for (const b of e.data) for (const t of b) pins.set(t, b);
    };
  }

  return {
    submit,
    flush,
    /** Outbox.pending: the responses waiting for delivery, oldest first. */
    async pending() {
      const out: Rec[] = [];
      await scan((recs) => void out.push(...recs));
      return out.sort(order).map((r) => r.payload);
    },
    /** Outbox.deadLetters: the responses the endpoint refused or that expired, kept in their own store. */
    async deadLetters() {
      return (await storage.page('dead')).map(([, v]) => v as DeadLetter);
    },
    counters,
    get storageMode() {
      return storage.mode;
    },
    hide,
    leave() {
      hide();
      leaving = true;
      bc?.close(); // an open channel can keep the page out of the back/forward cache
      bc = undefined;
    },
    resume(persisted) {
      leaving = false; // back from the back/forward cache
      if (persisted) listen();
      void flush();
    },
    online() {
      clock.setTimeout(() => void flush(), random() * cfg.onlineDelay);
    },
  };
}
