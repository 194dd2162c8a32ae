// The page's own outbox: one createOutbox() instance on the browser's storage, Koubei's clock, fetch, Web Locks and
// BroadcastChannel, made on first use (or one of the page's, given to setPageOutbox first). Importing this module does
// nothing; installOutbox() (called by the entries and by the first submit) adds the page's listeners: deliver after
// load, when back online or shown again, and send with keepalive when the page is hidden or leaves.
import type { KoubeiResponse, KoubeiResponseInput } from '../schema.js';
import { cfg } from './config.js';
import { createOutbox, type Outbox, type OutboxCounters, type SubmitOptions } from './outbox.js';
import type { DeadLetter, OutboxRecord } from './record.js';
import type { StorageMode } from './store.js';

export type { DeadLetter, OutboxRecord, StorageMode, SubmitOptions };

let page: Outbox | undefined;
let installed = false;

/** The page's outbox, made on first use; its tunables are `cfg` (config.ts), read live. */
const pageOutbox = (): Outbox => (page ??= createOutbox({ config: cfg }));

/**
 * setPageOutbox: the outbox `<koubei-survey>`, submit(), flush() and the page's listeners use, in place of the default
 * one: an outbox of the page's own (createOutbox with other limits, another storage, a test's clock). Call it before
 * the first submit and before the page's `load` (a module script that imports `koubei` is in time); throws once the
 * page's outbox is in use, since two outboxes over one queue would each send it.
 */
export function setPageOutbox(ob: Outbox): void {
  if (page && page !== ob) throw new Error('setPageOutbox: the page\'s outbox is already in use');
  page = ob;
}

/**
 * installOutbox: the page's listeners for the page's outbox, added once: a flush after `load` (responses left by an
 * earlier page), after `online` and `pageshow`, and the keepalive send on `visibilitychange` (hidden) and `pagehide`.
 * Does nothing outside a browser.
 */
export function installOutbox(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  // The outbox is looked up when each listener runs, not now: setPageOutbox() may still give the page its own.
  if (document.readyState === 'complete') setTimeout(() => pageOutbox().resume());
  else addEventListener('load', () => pageOutbox().resume(), { once: true });
  addEventListener('online', () => pageOutbox().online());
  addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && pageOutbox().hide());
  addEventListener('pagehide', () => pageOutbox().leave());
  addEventListener('pageshow', (e) => pageOutbox().resume(e.persisted));
}

/** The page's outbox, its listeners installed. */
const ready = (): Outbox => (installOutbox(), pageOutbox());

/**
 * Stores a response durably and resolves once it is stored; delivery follows
 * in the background. Rejects with a `quota` error when the outbox is full.
 * Submitting the same response again stores and sends it once.
 */
export const submit = (response: KoubeiResponseInput, options: SubmitOptions): Promise<void> => ready().submit(response, options);

/** Sends everything that is due now, from one tab at a time; resolves when done (or another tab is on it). */
export const flush = (): Promise<void> => ready().flush();

/** Responses waiting for delivery. */
export const pending = (): Promise<KoubeiResponse[]> => ready().pending();

/** Responses the endpoint refused or that expired, kept in their own store. */
export const deadLetters = (): Promise<DeadLetter[]> => ready().deadLetters();

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
