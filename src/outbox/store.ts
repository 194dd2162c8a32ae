// Where the outbox's records live: the storage layer (src/storage/) over the outbox's own IndexedDB database, stores
// for the queue, dead letters, quarantine and the lease. createStorage() is the browser's; memoryStorage() is the
// same contract over a Map (tests, and the last fallback).
import { createStorage as layer, type Key, type StorageMode } from '../storage/index.js';

// memoryStorage: the same contract over a Map, kept as long as the page (the last fallback, and the fake a test passes
// to createOutbox); its `map` lets a test look at or seed the stored values (keys are `store/key`).
export { full, isFull, isQuota, memoryStorage } from '../storage/index.js';
export type { StorageMode };

export type StoreName = 'responses' | 'dead' | 'quarantine' | 'meta';
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
export const createStorage = (o: StorageOptions = {}): OutboxStorage =>
  layer<StoreName>({
    // Version 1 was the first outbox's database (the `responses` store only): upgrading keeps it.
    version: 2,
    stores: ['responses', 'dead', 'quarantine', 'meta'],
    // As the first outboxes wrote them, whatever the database's name: a queue left there is still delivered.
    prefix: (s) => `koubei-outbox/${s}/`,
    salvage: 'responses',
    ...o,
    name: o.name ?? 'koubei-outbox',
  });

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
