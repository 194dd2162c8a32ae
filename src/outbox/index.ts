// The page's own outbox: one createOutbox() instance on the browser's storage, clock, fetch, Web Locks and
// BroadcastChannel, made on first use. Importing this module does nothing; installOutbox() (called by the entries
// and by the first submit) adds the page's listeners: deliver after load, when back online or shown again, and send
// with keepalive when the page is hidden or leaves.
import type { KoubeiResponse, KoubeiResponseInput } from '../schema.js';
import { cfg } from './config.js';
import { clock } from '../clock.js';
import { createOutbox, type Outbox, type OutboxCounters, type SubmitOptions } from './outbox.js';
import type { DeadLetter, OutboxRecord } from './record.js';
import type { StorageMode } from './store.js';

export type { DeadLetter, OutboxRecord, StorageMode, SubmitOptions };

let page: Outbox | undefined;
let installed = false;

/** The page's outbox, made on first use; its tunables are `cfg` (config.ts), read live. */
function pageOutbox(): Outbox {
  return (page ??= createOutbox({
    config: cfg,
    clock: { ...clock, now: () => cfg.now() },
  }));
}

/**
 * installOutbox: the page's outbox with the page's listeners, added once: a flush after `load` (responses left by an
 * earlier page), after `online` and `pageshow`, and the keepalive send on `visibilitychange` (hidden) and `pagehide`.
 * Does nothing outside a browser. Returns the outbox.
 */
export function installOutbox(): Outbox {
  const ob = pageOutbox();
  if (installed || typeof window === 'undefined') return ob;
  installed = true;
  if (document.readyState === 'complete') setTimeout(() => ob.resume());
  else addEventListener('load', () => ob.resume(), { once: true });
  addEventListener('online', () => ob.online());
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && ob.hide());
  addEventListener('pagehide', () => ob.leave());
  addEventListener('pageshow', (e) => ob.resume(e.persisted));
  return ob;
}

/**
 * Stores a response durably and resolves once it is stored; delivery follows
 * in the background. Rejects with a `quota` error when the outbox is full.
 * Submitting the same response again stores and sends it once.
 */
export const submit = (response: KoubeiResponseInput, options: SubmitOptions): Promise<void> => installOutbox().submit(response, options);

/** Sends everything that is due now, from one tab at a time; resolves when done (or another tab is on it). */
export const flush = (): Promise<void> => installOutbox().flush();

/** Responses waiting for delivery. */
export const pending = (): Promise<KoubeiResponse[]> => installOutbox().pending();

/** Responses the endpoint refused or that expired, kept in their own store. */
export const deadLetters = (): Promise<DeadLetter[]> => installOutbox().deadLetters();

/** The outbox: submit, flush, what waits, what was refused, and how it is doing. */
export const outbox = {
  submit,
  flush,
  pending,
  deadLetters,
  /** Counts since this page loaded. */
  get counters(): OutboxCounters {
    return pageOutbox().counters;
  },
  /** Where responses are kept: `indexeddb`, else `localstorage`, else `memory`. */
  get storageMode(): StorageMode {
    return pageOutbox().storageMode;
  },
};
