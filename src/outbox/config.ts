/** The outbox's tunables. createOutbox() takes any subset; the page's own outbox reads `cfg` below. */
export interface OutboxConfig {
  /** Backoff base and floor, ms. */
  base: number;
  /** Backoff cap, ms. */
  cap: number;
  /** After `online`, wait a random 0..onlineDelay ms so a fleet of pages doesn't return at once. */
  onlineDelay: number;
  /** Each IndexedDB operation, ms. */
  timeout: number;
  /** Each POST, ms: a stalled server must not hold the flusher forever (shorter than the lease). */
  fetchTimeout: number;
  /** Lease length where Web Locks are missing, ms. */
  lease: number;
  /** When another tab holds the flush, look again after this, ms. */
  lockRetry: number;
  maxRecords: number;
  maxBytes: number;
  /** Records expire after this (ms) and at least `minAttempts` attempts. */
  ttl: number;
  minAttempts: number;
  /** Batches on their way at once, per pass (the endpoint's 429/503 pauses them all). */
  inFlight: number;
  /** Records read from storage at a time: memory stays flat in the length of the queue. */
  pageSize: number;
}

export const defaults: OutboxConfig = {
  base: 1000,
  cap: 300_000,
  onlineDelay: 5000,
  timeout: 5000,
  fetchTimeout: 20_000,
  lease: 30_000,
  lockRetry: 2000,
  maxRecords: 5000,
  maxBytes: 5 * 1024 * 1024,
  ttl: 30 * 864e5,
  minAttempts: 5,
  inFlight: 4,
  pageSize: 200,
};

/**
 * The page's own outbox's tunables (src/outbox/index.ts), read live: a unit test may change them. A page (or a test)
 * that wants other limits or a clock of its own gives the page an outbox of its own: setPageOutbox(createOutbox(…)).
 */
export const cfg: OutboxConfig = { ...defaults };
