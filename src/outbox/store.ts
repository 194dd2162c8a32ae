// Where records live: an IndexedDB database of the outbox's own (stores for the
// queue, dead letters, quarantine and the lease), with a timeout and one
// reopen-and-retry per operation; localStorage, then memory, when it fails.
import { promisifyRequest, update, type UseStore } from 'idb-keyval';
import { reportError } from '../events.js';
import { cfg, now } from './config.js';

export type StoreName = 'responses' | 'dead' | 'quarantine' | 'meta';
export type StorageMode = 'indexeddb' | 'localstorage' | 'memory';
type Key = IDBValidKey;

/** One storage backend. */
export interface Kv {
  all(s: StoreName): Promise<[Key, unknown][]>;
  /**
   * Replaces each key's value with fn(old) in one transaction: undefined
   * deletes it, the same value leaves it untouched. With `max`, adding a key
   * to a store that already holds that many fails with `full()`: counted in
   * the transaction, so exact across tabs (each tab's own count goes stale).
   */
  change(s: StoreName, keys: Key[], fn: (old: unknown, key: Key) => unknown, max?: number): Promise<void>;
}

/** The outbox is at its record limit (a QuotaExceededError, so it is never retried). */
const FULL = 'outbox full';
export const full = (n: number): DOMException => new DOMException(`${FULL} (${n} responses, counting other tabs)`, 'QuotaExceededError');
/** Our own record limit, not the browser's full disk. */
export const isFull = (e: unknown): boolean => isQuota(e) && (e as Error).message.startsWith(FULL);

const DB = 'koubei-outbox';
const STORES: StoreName[] = ['responses', 'dead', 'quarantine', 'meta'];
const PREFIX = 'koubei-outbox/';

export const isQuota = (e: unknown): boolean => (e as Error | null)?.name === 'QuotaExceededError';

let dbp: Promise<IDBDatabase> | undefined;

// Version 1 was the first outbox's database (the `responses` store only): upgrading keeps it.
const open = (): Promise<IDBDatabase> =>
  (dbp ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 2);
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

const useStore =
  (s: StoreName): UseStore =>
  (mode, fn) =>
    open().then((db) => fn(db.transaction(s, mode).objectStore(s)));

function timed<T>(p: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('IndexedDB timeout')), cfg.timeout);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

/** One operation, with a timeout and one reopen-and-retry (a full disk is not retried). */
async function retried<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await timed(op());
  } catch (e) {
    if (isQuota(e)) throw e;
    void dbp?.then((db) => db.close(), () => undefined);
    dbp = undefined;
    return timed(op());
  }
}

const idb: Kv = {
  all: (s) =>
    retried(() =>
      useStore(s)('readonly', (st) =>
        Promise.all([promisifyRequest(st.getAllKeys()), promisifyRequest(st.getAll())]).then(([k, v]) => k.map((key, i) => [key, v[i]] as [Key, unknown])),
      ),
    ),
  change: (s, keys, fn, max) =>
    retried(() =>
      useStore(s)('readwrite', (st) => {
        let err: unknown;
        // Requests run in order: the count has its result before the first get's handler runs.
        const count = max === undefined ? undefined : st.count();
        let added = 0;
        for (const k of keys) {
          const req = st.get(k);
          req.onsuccess = () => {
            try {
              const v = fn(req.result, k);
              if (v === undefined) {
                if (req.result !== undefined) st.delete(k);
              } else if (v !== req.result) {
                if (count && req.result === undefined && count.result + added++ >= max!) throw full(count.result);
                st.put(v, k);
              }
            } catch (e) {
              // Thrown in an IndexedDB handler it would reach the page as uncaught; fail the operation instead.
              err ??= e;
              st.transaction.abort();
            }
          };
        }
        return promisifyRequest(st.transaction).catch((e) => Promise.reject(err ?? e));
      }),
    ),
};

/** A backend over a synchronous string-keyed map (localStorage, memory). */
function mapKv(get: (k: string) => unknown, set: (k: string, v: unknown) => void, del: (k: string) => void, keys: () => string[]): Kv {
  return {
    all: async (s) => keys().filter((k) => k.startsWith(s + '/')).map((k) => [k.slice(s.length + 1), get(k)]),
    async change(s, ks, fn, max) {
      let n = max === undefined ? 0 : keys().filter((k) => k.startsWith(s + '/')).length;
      for (const k of ks) {
        const key = `${s}/${String(k)}`;
        const old = get(key);
        const v = fn(old, k);
        if (v === undefined) del(key);
        else if (v !== old) {
          if (max !== undefined && old === undefined && n++ >= max) throw full(n - 1);
          set(key, v);
        }
      }
    },
  };
}

const local = mapKv(
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

const mem = new Map<string, unknown>();
const memory = mapKv(
  (k) => mem.get(k),
  (k, v) => mem.set(k, v),
  (k) => mem.delete(k),
  () => [...mem.keys()],
);

function localWorks(): boolean {
  try {
    localStorage.setItem(PREFIX, '');
    localStorage.removeItem(PREFIX);
    return true;
  } catch {
    return false;
  }
}

const backends: [StorageMode, Kv][] = [
  ['indexeddb', idb],
  ['localstorage', local],
  ['memory', memory],
];
let level = typeof indexedDB === 'undefined' ? 1 : 0;
if (level && !localWorks()) level = 2;

export const storageMode = (): StorageMode => backends[level]![0];

/**
 * Runs an operation on the active backend; when it fails (other than a full
 * disk), falls back to the next one, reports it, and runs it there.
 */
export async function use<T>(op: (kv: Kv) => Promise<T>): Promise<T> {
  for (;;) {
    const from = level;
    try {
      return await op(backends[from]![1]);
    } catch (e) {
      if (isQuota(e) || from === 2) throw e;
      if (level === from) {
        level = from === 0 && localWorks() ? 1 : 2;
        reportError(window, {
          reason: 'storage',
          message: `${backends[from]![0]} failed (${String(e)}), now using ${storageMode()}`,
        });
      }
    }
  }
}

/** Responses an earlier fallback left in localStorage move back into IndexedDB. */
export async function salvage(): Promise<void> {
  if (level || !localWorks()) return;
  const rows = new Map(await local.all('responses'));
  if (!rows.size) return;
  await idb.change('responses', [...rows.keys()], (old, k) => old ?? rows.get(k));
  await local.change('responses', [...rows.keys()], () => undefined);
}

const me = Math.random().toString(36).slice(2);

/**
 * Takes or renews (`take`) or gives up the flush lease where Web Locks are
 * missing: a record changed only inside an idb-keyval `update()`, so two tabs
 * cannot both win. Resolves to whether this tab holds it.
 */
export async function lease(take: boolean): Promise<boolean> {
  let mine = false;
  await retried(() =>
    update<{ owner: string; until: number }>(
      'lease',
      (old) => {
        const t = now();
        mine = !old || old.owner === me || old.until < t;
        return mine ? { owner: me, until: take ? t + cfg.lease : 0 } : old!;
      },
      useStore('meta'),
    ),
  );
  return mine;
}
