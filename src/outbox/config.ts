/**
 * The outbox's clock and tunables, in one place so tests can use a fake clock
 * and shorter delays. Test-only: a page may set `window.__koubeiOutboxConfig`
 * (any subset) before the script loads; it is read once.
 */
export const cfg = {
  now: (): number => Date.now(),
  /** Backoff base and floor, ms. */
  base: 1000,
  /** Backoff cap, ms. */
  cap: 300_000,
  /** After `online`, wait a random 0..onlineDelay ms so a fleet of pages doesn't return at once. */
  onlineDelay: 5000,
  /** Each IndexedDB operation, ms. */
  timeout: 5000,
  /** Each POST, ms: a stalled server must not hold the flusher forever (shorter than the lease). */
  fetchTimeout: 20_000,
  /** Lease length where Web Locks are missing, ms. */
  lease: 30_000,
  /** When another tab holds the flush, look again after this, ms. */
  lockRetry: 2000,
  maxRecords: 5000,
  maxBytes: 5 * 1024 * 1024,
  /** Records expire after this (ms) and at least `minAttempts` attempts. */
  ttl: 30 * 864e5,
  minAttempts: 5,
};

if (typeof window !== 'undefined') Object.assign(cfg, (window as { __koubeiOutboxConfig?: Partial<typeof cfg> }).__koubeiOutboxConfig);

export const now = (): number => cfg.now();
