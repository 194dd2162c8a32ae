// Web Storage for the callers that must read synchronously (the answered-once check decides what renders, steps
// restore before the first render). Where the browser refuses (reading `window.localStorage` itself throws in a
// sandboxed frame or with storage blocked; a write throws QuotaExceededError), the value lives in this page's memory.
export type Area = 'localStorage' | 'sessionStorage';

/** `f(the browser's storage)`, or `or` where there is none (Node) or it refuses (reading it or the call throws). */
export function tried<K extends Area | 'indexedDB', T>(name: K, f: (s: (typeof globalThis)[K]) => T, or: T): T {
  try {
    return f(globalThis[name]);
  } catch {
    return or;
  }
}

/** Web Storage, else this page's memory: never throws. */
export interface SyncStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /** The browser's keys that start with `prefix` (what is in memory lasts as long as the page anyway). */
  keys(prefix: string): string[];
}

/** syncStore: a SyncStore over `kind`, with a memory of its own for what the browser refused. */
export function syncStore(kind: Area): SyncStore {
  const memory = new Map<string, string>();
  return {
    get: (key) => tried(kind, (s) => s.getItem(key), null) ?? memory.get(key) ?? null,
    set(key, value) {
      this.remove(key);
      // Refused: an older value left there would hide this one, hence the remove first.
      if (!tried(kind, (s) => (s.setItem(key, value), true), false)) memory.set(key, value);
    },
    remove(key) {
      memory.delete(key);
      tried(kind, (s) => s.removeItem(key), undefined);
    },
    keys: (prefix) => tried(kind, Object.keys, []).filter((k) => k.startsWith(prefix)),
  };
}

/** The page's localStorage and sessionStorage: one memory each, shared by every feature of this bundle. */
export const local = syncStore('localStorage');
export const session = syncStore('sessionStorage');
