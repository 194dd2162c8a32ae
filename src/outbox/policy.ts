// Retry, batching and expiry rules: pure functions, no storage, no DOM.

export const MAX_BATCH = 50;
export const MAX_BATCH_BYTES = 48 * 1024;
/** Total keepalive request bytes in flight (browsers allow 64 KiB). */
export const KEEPALIVE_BUDGET = 60 * 1024;
export const RETRY_AFTER_CAP = 3600_000;
/** `{"schema":"koubei/1","sentAt":"…","responses":[]}` */
const ENVELOPE = 80;

/**
 * Full jitter between the floor and the exponential ceiling: a fleet that failed
 * together spreads out, and no page retries sooner than `base`.
 */
export function backoff(attempt: number, base: number, cap: number, random = Math.random): number {
  const hi = Math.max(base, Math.min(cap, base * 2 ** attempt));
  return Math.round(base + random() * (hi - base));
}

/** `Retry-After` as a delay in ms (delta-seconds or an HTTP date), capped at an hour; undefined if absent or unreadable. */
export function retryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const ms = /^\d+$/.test(v) ? +v * 1000 : /[a-z]/i.test(v) ? Date.parse(v) - now : NaN;
  return ms >= 0 ? Math.min(ms, RETRY_AFTER_CAP) : ms < 0 ? 0 : undefined;
}

export type Verdict = 'ok' | 'retry' | 'split' | 'dead';

/** What to do after an HTTP status; 0 means a network error. */
export function classify(status: number): Verdict {
  if (status >= 200 && status < 300) return 'ok';
  if (!status || status === 408 || status === 425 || status === 429 || status >= 500) return 'retry';
  return status === 413 ? 'split' : 'dead';
}

export interface Schedulable {
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
}

/**
 * Expired only when old AND tried often enough, so a clock jump alone never
 * purges the queue.
 */
export function expired(r: Schedulable, now: number, ttl: number, minAttempts: number): boolean {
  return now - r.createdAt > ttl && r.attempts >= minAttempts;
}

/** Time `at` has come; a wait longer than any we set means the clock went back, so it has come too. */
export function due(at: number, now: number): boolean {
  return at <= now || at - now > RETRY_AFTER_CAP;
}

/** Groups by key, keeping order. */
export function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    m.get(k)?.push(t) ?? m.set(k, [t]);
  }
  return m;
}

/** Packs items in order into batches of at most MAX_BATCH items and MAX_BATCH_BYTES (an item larger than that goes alone). */
export function pack<T>(items: T[], bytes: (t: T) => number, maxItems = MAX_BATCH, maxBytes = MAX_BATCH_BYTES): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let n = ENVELOPE;
  for (const t of items) {
    const b = bytes(t) + 1;
    if (cur.length && (cur.length >= maxItems || n + b > maxBytes)) {
      out.push(cur);
      cur = [];
      n = ENVELOPE;
    }
    cur.push(t);
    n += b;
  }
  if (cur.length) out.push(cur);
  return out;
}

/** The two halves of a batch the server found too large (413). */
export function halves<T>(batch: T[]): [T[], T[]] {
  const mid = Math.ceil(batch.length / 2);
  return [batch.slice(0, mid), batch.slice(mid)];
}

/**
 * The batch's `Idempotency-Key`: its first response id and a hash of all its
 * ids and revisions, so a batch re-sent after a lost answer (another tab, the
 * next page load) carries the same key, and no two batches share one.
 */
export function batchKey(tags: string[]): string {
  let h = 0x811c9dc5;
  for (const ch of tags.join()) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return `${tags[0]}-${(h >>> 0).toString(36)}`;
}

/** UTF-8 length. */
export const utf8 = (s: string): number => new TextEncoder().encode(s).length;
