// Where records live: an IndexedDB database of the outbox's own (stores for the
// queue, dead letters, quarantine and the lease), with a timeout and one
// reopen-and-retry per operation; localStorage, then memory, when it fails.
// createStorage() is the browser's; memoryStorage() is the same contract over a Map (tests, and the last fallback).
import { promisifyRequest } from 'idb-keyval';

export type StoreName = 'responses' | 'dead' | 'quarantine' | 'meta';
export type StorageMode = 'indexeddb' | 'localstorage' | 'memory';
type Key = IDBValidKey;
type Change = (old: unknown, key: Key) => unknown;

/** One storage backend. */
export interface Kv {
  /** At most `limit` entries (all without one) whose key is after `after` (from the first without one), in key order. */
  page(s: StoreName, after?: Key, limit?: number): Promise<[Key, unknown][]>;
  /**
   * Replaces each key's value with fn(old) in one transaction: undefined
   * deletes it, the same value leaves it untouched. With `max`, adding a key
   * to a store that already holds that many fails with `full()`: counted in
   * the transaction, so exact across tabs (each tab's own count goes stale).
   * A throw from fn aborts the whole change and rejects with it.
   */
  change(s: StoreName, keys: Key[], fn: Change, max?: number): Promise<void>;
}

/** The outbox's storage: a backend, how it is kept, and the two jobs that depend on it. */
export interface OutboxStorage extends Kv {
  /** Where records are kept now: `indexeddb`, else `localstorage`, else `memory`. */
  readonly mode: StorageMode;
  /** Responses an earlier fallback left in localStorage move back into IndexedDB. */
  salvage(): Promise<void>;
}

/** The outbox is at its record limit (a QuotaExceededError, so it is never retried). */
const FULL = 'outbox full';
export const full = (n: number): DOMException => new DOMException(`${FULL} (${n} responses, counting other tabs)`, 'QuotaExceededError');
/** Our own record limit, not the browser's full disk. */
export const isFull = (e: unknown): boolean => isQuota(e) && (e as Error).message.startsWith(FULL);
export const isQuota = (e: unknown): boolean => (e as Error | null)?.name === 'QuotaExceededError';

const STORES: StoreName[] = ['responses', 'dead', 'quarantine', 'meta'];

/** IndexedDB, with a timeout per operation and one reopen-and-retry (a full disk is not retried). */
function idbKv(name: string, timeout: () => number): Kv {
  let dbp: Promise<IDBDatabase> | undefined;
  // Version 1 was the first outbox's database (the `responses` store only): upgrading keeps it.
  const open = (): Promise<IDBDatabase> =>
    (dbp ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 2);
      req.onupgradeneeded = () => {
        for (const s of STORES) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Closed by the browser, or a newer version wants to upgrade: let go, reopen on the next operation.
        db.onclose = db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
    }));
  const timed = <T>(p: Promise<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('IndexedDB timeout')), timeout());
      p.then(resolve, reject).finally(() => clearTimeout(t));
    });
  const retried = async <T>(s: StoreName, mode: IDBTransactionMode, fn: (st: IDBObjectStore) => Promise<T>): Promise<T> => {
    const op = () => open().then((db) => fn(db.transaction(s, mode).objectStore(s)));
    try {
      return await timed(op());
    } catch (e) {
      if (isQuota(e)) throw e;
      void dbp?.then((db) => db.close(), () => undefined);
      dbp = undefined;
      return timed(op());
    }
  };
  const read = (s: StoreName, range?: IDBKeyRange, limit?: number) =>
    retried(s, 'readonly', (st) =>
      // One readonly transaction: the keys and the values are the same snapshot.
      Promise.all([promisifyRequest(st.getAllKeys(range, limit)), promisifyRequest(st.getAll(range, limit))]).then(([k, v]) =>
        k.map((key, i) => [key, v[i]] as [Key, unknown]),
      ),
    );
  return {
    page: (s, after, limit) => read(s, after === undefined ? undefined : IDBKeyRange.lowerBound(after, true), limit),
    change: (s, keys, fn, max) =>
      retried(s, 'readwrite', (st) => {
        let err: unknown;
        // Thrown in an IndexedDB handler it would reach the page as uncaught; fail the operation instead.
        const guard = (f: () => void) => () => {
          try {
            f();
          } catch (e) {
            err ??= e;
            st.transaction.abort();
          }
        };
        const set = (k: Key, old: unknown, v: unknown) => (v === undefined ? old !== undefined && st.delete(k) : v !== old && st.put(v, k));
        const oneByOne = () => {
          // Requests run in order: the count has its result before the first get's handler runs.
          const count = max === undefined ? undefined : st.count();
          let added = 0;
          for (const k of keys) {
            const req = st.get(k);
            req.onsuccess = guard(() => {
              const v = fn(req.result, k);
              if (count && v !== undefined && req.result === undefined && count.result + added++ >= max!) throw full(count.result);
              set(k, req.result, v);
            });
          }
        };
        if (keys.length < 2 || max !== undefined) oneByOne();
        else {
          // Several keys (a batch, read in key order): read the span they cover at once, and when the span holds no
          // other key and all of it goes, delete it in one request. A request per key costs Chromium ~0.5 ms.
          const sorted = [...keys].sort((a, b) => indexedDB.cmp(a, b));
          const range = IDBKeyRange.bound(sorted[0], sorted[sorted.length - 1]);
          const span = st.getAllKeys(range);
          span.onsuccess = guard(() => {
            if (span.result.length > 2 * keys.length) return oneByOne();
            const values = st.getAll(range);
            values.onsuccess = guard(() => {
              const have = new Map(span.result.map((k, i) => [k, values.result[i]]));
              const out = keys.map((k): [Key, unknown, unknown] => [k, have.get(k), fn(have.get(k), k)]);
              const mine = out.filter(([k]) => have.has(k)).length;
              if (mine === span.result.length && out.every(([, , v]) => v === undefined)) st.delete(range);
              else for (const [k, old, v] of out) set(k, old, v);
            });
          });
        }
        return promisifyRequest(st.transaction).catch((e) => Promise.reject(err ?? e));
      }),
  };
}

/** String order as IndexedDB compares keys (code units); the outbox's keys are strings. */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A backend over a synchronous string-keyed map (localStorage, memory). Every new value of a change is worked out
 * (and the record limit checked) before the first is written.
 */
function mapKv(get: (k: string) => unknown, set: (k: string, v: unknown) => void, del: (k: string) => void, keys: () => string[]): Kv {
  const own = (s: StoreName) =>
    keys()
      .filter((k) => k.startsWith(s + '/'))
      .map((k) => k.slice(s.length + 1))
      .sort(byKey);
  return {
    page: async (s, after, limit) =>
      own(s)
        .filter((k) => after === undefined || k > String(after))
        .slice(0, limit)
        .map((k) => [k, get(`${s}/${k}`)]),
    async change(s, ks, fn, max) {
      let n = max === undefined ? 0 : own(s).length;
      const writes: [string, unknown, unknown][] = [];
      for (const k of ks) {
        const key = `${s}/${String(k)}`;
        const old = get(key);
        const v = fn(old, k);
        if (v !== undefined && v !== old && max !== undefined && old === undefined && n++ >= max) throw full(n - 1);
        if (v !== old) writes.push([key, old, v]);
      }
      for (const [key, , v] of writes) v === undefined ? del(key) : set(key, v);
    },
  };
}

const PREFIX = 'koubei-outbox/';

function localKv(): Kv {
  return mapKv(
    (k) => {
      const t = localStorage.getItem(PREFIX + k);
      try {
        return t === null ? undefined : (JSON.parse(t) as unknown);
      } catch {
        return t; // quarantined by the reader
      }
    },
    (k, v) => localStorage.setItem(PREFIX + k, JSON.stringify(v)),
    (k) => localStorage.removeItem(PREFIX + k),
    () => Object.keys(localStorage).flatMap((k) => (k.startsWith(PREFIX) ? [k.slice(PREFIX.length)] : [])),
  );
}

/**
 * createStorage: a storage over a Map, kept as long as the page (the last fallback, and the fake a test passes to
 * createOutbox). `map` lets a test look at or seed the stored values (keys are `store/key`).
 */
export function memoryStorage(map = new Map<string, unknown>()): OutboxStorage {
  const kv = mapKv(
    (k) => map.get(k),
    (k, v) => map.set(k, v),
    (k) => map.delete(k),
    () => [...map.keys()],
  );
  return { ...kv, mode: 'memory', salvage: async () => undefined };
}

/** Reading `window.localStorage` itself can throw (a sandboxed frame, some privacy modes): that is "does not work". */
function localWorks(): boolean {
  try {
    localStorage.setItem(PREFIX, '');
    localStorage.removeItem(PREFIX);
    return true;
  } catch {
    return false;
  }
}

function hasIndexedDB(): boolean {
  try {
    return typeof indexedDB !== 'undefined' && !!indexedDB;
  } catch {
    return false;
  }
}

export interface StorageOptions {
  /** The IndexedDB database; its localStorage keys are always `koubei-outbox/…`. Default `koubei-outbox`. */
  name?: string;
  /** Each IndexedDB operation's timeout, ms (read on each operation). */
  timeout?: () => number;
  /** Told when a backend fails and the next one takes over. */
  onFallback?: (message: string) => void;
}

/**
 * createStorage: the browser's storage for the outbox. Each operation runs on the active backend (IndexedDB, then
 * localStorage, then memory); when it fails (other than a full disk) the next one takes over, `onFallback` hears
 * it, and the operation runs there. Touches no browser storage until the first operation.
 */
export function createStorage({ name = 'koubei-outbox', timeout = () => 5000, onFallback }: StorageOptions = {}): OutboxStorage {
  let backends: [StorageMode, Kv][] | undefined;
  let level = 0;
  const init = () => {
    if (backends) return backends;
    const idb = idbKv(name, timeout);
    const local = localKv();
    const memory = memoryStorage();
    level = hasIndexedDB() ? 0 : localWorks() ? 1 : 2;
    return (backends = [
      ['indexeddb', idb],
      ['localstorage', local],
      ['memory', memory],
    ]);
  };
  const use = async <T>(op: (kv: Kv) => Promise<T>): Promise<T> => {
    const b = init();
    for (;;) {
      const from = level;
      try {
        return await op(b[from]![1]);
      } catch (e) {
        if (isQuota(e) || from === 2) throw e;
        if (level === from) {
          level = from === 0 && localWorks() ? 1 : 2;
          onFallback?.(`${b[from]![0]} failed (${String(e)}), now using ${b[level]![0]}`);
        }
      }
    }
  };
  return {
    get mode() {
      return init()[level]![0];
    },
    page: (s, after, limit) => use((kv) => kv.page(s, after, limit)),
    change: (s, keys, fn, max) => use((kv) => kv.change(s, keys, fn, max)),
    async salvage() {
      const b = init();
      if (level || !localWorks()) return;
      const [, idb] = b[0]!;
      const [, local] = b[1]!;
      const rows = new Map(await local.page('responses'));
      if (!rows.size) return;
      await idb.change('responses', [...rows.keys()], (old, k) => old ?? rows.get(k));
      await local.change('responses', [...rows.keys()], () => undefined);
    },
  };
}

/**
 * Takes or renews (`take`) or gives up the flush lease where Web Locks are missing: the record is changed inside one
 * transaction (a read and a write), so two tabs cannot both win. Resolves to whether `owner` holds it.
 */
export async function lease(storage: Kv, owner: string, take: boolean, now: number, length: number): Promise<boolean> {
  let mine = false;
  await storage.change('meta', ['lease'], (old) => {
    const o = old as { owner: string; until: number } | undefined;
    mine = !o || o.owner === owner || o.until < now;
    return mine ? { owner, until: take ? now + length : 0 } : o;
  });
  return mine;
}
