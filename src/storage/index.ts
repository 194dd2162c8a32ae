// Koubei's one storage layer. createStorage(): named stores in an IndexedDB database of their own, with a timeout and
// one reopen-and-retry per operation; when IndexedDB fails (or reading `window.indexedDB` throws), localStorage, then
// this page's memory, each switch reported once through onFallback and the mode readable at any time. The outbox and
// the frequency rules use it; what must be read synchronously (answered-once, prefill, steps) uses web.ts's SyncStore.
import { promisifyRequest } from 'idb-keyval';
import { tried } from './web.js';

export type StorageMode = 'indexeddb' | 'localstorage' | 'memory';
export type Key = IDBValidKey;
type Change = (old: unknown, key: Key) => unknown;

/** One storage backend, over stores named `S`. */
export interface Kv<S extends string = string> {
  /** At most `limit` entries (all without one) whose key is after `after` (from the first without one), in key order. */
  page(s: S, after?: Key, limit?: number): Promise<[Key, unknown][]>;
  /**
   * Replaces each key's value with fn(old) in one transaction: undefined deletes it, the same value leaves it
   * untouched. With `max`, adding a key to a store that already holds that many fails with `full()`: counted in the
   * transaction, so exact across tabs (each tab's own count goes stale). A throw from fn aborts the whole change and
   * rejects with it.
   */
  change(s: S, keys: Key[], fn: Change, max?: number): Promise<void>;
}

/** A Kv that knows where it keeps things. */
export interface KvStorage<S extends string = string> extends Kv<S> {
  /** Where records are kept now: `indexeddb`, else `localstorage`, else `memory`. */
  readonly mode: StorageMode;
  /** Records an earlier fallback left in localStorage (in the `salvage` store) move back into IndexedDB. */
  salvage(): Promise<void>;
}

/** A store at its record limit: a QuotaExceededError (never retried, never a reason to fall back), with the count. */
export const full = (n: number): Error & { full: number } =>
  Object.assign(new Error(`full (${n} records, counting other tabs)`), { name: 'QuotaExceededError', full: n });
/** The record limit of a change, not the browser's full disk. */
export const isFull = (e: unknown): e is Error & { full: number } => typeof (e as { full?: unknown } | null)?.full === 'number';
export const isQuota = (e: unknown): boolean => (e as Error | null)?.name === 'QuotaExceededError';

/** IndexedDB, with a timeout per operation and one reopen-and-retry (a full disk is not retried). */
function idbKv<S extends string>(name: string, version: number, stores: readonly S[], timeout: () => number): Kv<S> {
  let dbp: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> =>
    (dbp ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(name, version);
      // Upgrading only adds the stores missing: an older version's records stay where they are.
      req.onupgradeneeded = () => {
        for (const s of stores) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
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
  const retried = async <T>(s: S, mode: IDBTransactionMode, fn: (st: IDBObjectStore) => Promise<T>): Promise<T> => {
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
  const read = (s: S, range?: IDBKeyRange, limit?: number) =>
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

/** String order as IndexedDB compares string keys (code units). */
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A backend over a synchronous string-keyed map (localStorage, memory): store `s`'s key `k` is `prefix(s) + k`. Every
 * new value of a change is worked out (and the record limit checked) before the first is written. Keys come back as
 * strings.
 */
function mapKv<S extends string>(
  prefix: (s: S) => string,
  get: (k: string) => unknown,
  set: (k: string, v: unknown) => void,
  del: (k: string) => void,
  keys: () => string[],
): Kv<S> {
  const own = (s: S) =>
    keys()
      .filter((k) => k.startsWith(prefix(s)))
      .map((k) => k.slice(prefix(s).length))
      .sort(byKey);
  return {
    page: async (s, after, limit) =>
      own(s)
        .filter((k) => after === undefined || k > String(after))
        .slice(0, limit)
        .map((k) => [k, get(prefix(s) + k)]),
    async change(s, ks, fn, max) {
      let n = max === undefined ? 0 : own(s).length;
      const writes: [string, unknown][] = [];
      for (const k of ks) {
        const key = prefix(s) + String(k);
        const old = get(key);
        const v = fn(old, k);
        if (v !== undefined && v !== old && max !== undefined && old === undefined && n++ >= max) throw full(n - 1);
        if (v !== old) writes.push([key, v]);
      }
      for (const [key, v] of writes) v === undefined ? del(key) : set(key, v);
    },
  };
}

/** localStorage as a backend: every call reads `window.localStorage`, so a refusal rejects (and the layer moves on). */
function localKv<S extends string>(prefix: (s: S) => string): Kv<S> {
  return mapKv(
    prefix,
    (k) => {
      const t = localStorage.getItem(k);
      try {
        return t === null ? undefined : (JSON.parse(t) as unknown);
      } catch {
        return t; // not JSON: the caller decides (the outbox quarantines it)
      }
    },
    (k, v) => localStorage.setItem(k, JSON.stringify(v)),
    (k) => localStorage.removeItem(k),
    () => Object.keys(localStorage),
  );
}

/**
 * memoryStorage: a storage over a Map, kept as long as the page (the last fallback, and the fake a test passes).
 * `map` lets a test look at or seed the stored values (keys are `store/key`).
 */
export function memoryStorage<S extends string = string>(map = new Map<string, unknown>()): KvStorage<S> {
  const kv = mapKv<S>(
    (s) => s + '/',
    (k) => map.get(k),
    (k, v) => map.set(k, v),
    (k) => map.delete(k),
    () => [...map.keys()],
  );
  return { ...kv, mode: 'memory', salvage: async () => undefined };
}

const PROBE = 'koubei-probe';
/** Whether localStorage takes a write: reading `window.localStorage` can throw, and a full one refuses. */
const localWorks = () => tried('localStorage', (s) => (s.setItem(PROBE, ''), s.removeItem(PROBE), true), false);

export interface CreateStorageOptions<S extends string> {
  /** The IndexedDB database, its version, and its stores (an upgrade adds the missing ones). */
  name: string;
  version: number;
  stores: readonly S[];
  /** The localStorage key prefix of a store's records. */
  prefix: (s: S) => string;
  /** Each IndexedDB operation's timeout, ms (read on each operation). Default 5000. */
  timeout?: () => number;
  /** Told when a backend fails and the next one takes over. */
  onFallback?: (message: string) => void;
  /** The store salvage() moves back from localStorage to IndexedDB (none without one). */
  salvage?: S;
}

/**
 * createStorage: each operation runs on the active backend (IndexedDB, then localStorage, then memory); when it fails
 * (other than a full disk or a record limit) the next one takes over, `onFallback` hears it, and the operation runs
 * there. Touches no browser storage until the first operation, and never throws: it rejects.
 */
export function createStorage<S extends string>(o: CreateStorageOptions<S>): KvStorage<S> {
  // Where reading `window.indexedDB` throws (or there is none), the first operation fails there, and falls back.
  const b: [StorageMode, Kv<S>][] = [
    ['indexeddb', idbKv(o.name, o.version, o.stores, o.timeout ?? (() => 5000))],
    ['localstorage', localKv(o.prefix)],
    ['memory', memoryStorage<S>()],
  ];
  let level = 0;
  const use = async <T>(op: (kv: Kv<S>) => Promise<T>): Promise<T> => {
    for (;;) {
      const from = level;
      try {
        return await op(b[from]![1]);
      } catch (e) {
        if (isQuota(e) || from === 2) throw e;
        if (level === from) {
          level = from === 0 && localWorks() ? 1 : 2;
          o.onFallback?.(`${b[from]![0]} failed (${String(e)}), now using ${b[level]![0]}`);
        }
      }
    }
  };
  return {
    get mode() {
      return b[level]![0];
    },
    page: (s, after, limit) => use((kv) => kv.page(s, after, limit)),
    change: (s, keys, fn, max) => use((kv) => kv.change(s, keys, fn, max)),
    async salvage() {
      const s = o.salvage;
      if (level || !s || !localWorks()) return;
      const rows = new Map(await b[1]![1].page(s));
      if (!rows.size) return;
      await b[0]![1].change(s, [...rows.keys()], (old, k) => old ?? rows.get(k as string));
      await b[1]![1].change(s, [...rows.keys()], () => undefined);
    },
  };
}
