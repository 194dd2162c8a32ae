import type { KoubeiResponse } from '../schema.js';
import { responseSchema } from '../schema-lite.js';
import { utf8 } from './policy.js';

export const VERSION = 2;

/** One queued response, keyed by its id. */
export interface OutboxRecord {
  v: typeof VERSION;
  id: string;
  surveyId: string;
  endpoint: string;
  payload: KoubeiResponse;
  /** ms since the epoch, when submitted. */
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
}

/** A response the server refused, or one that expired: kept, never deleted silently. */
export interface DeadLetter extends OutboxRecord {
  /** The HTTP status as text (`'413'`, `'400'`) or `'expired'`. */
  reason: string;
  status?: number;
  /** The server's message, shortened. */
  message?: string;
  deadAt: number;
}

/**
 * A stored value as a current record: migrated from older versions, `'newer'`
 * for a version this code does not know (left alone for the code that wrote
 * it), undefined when it cannot be read (quarantine).
 */
export function readRecord(key: unknown, raw: unknown): OutboxRecord | 'newer' | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  let r = raw as Omit<Partial<OutboxRecord>, 'v'> & { v?: unknown };
  if (typeof r.v === 'number' && r.v > VERSION) return 'newer';
  // v1 (the first outbox) had no retry state.
  if (r.v === 1) r = { ...r, v: VERSION, attempts: 0, nextAttemptAt: 0, lastError: null };
  const p = responseSchema.safeParse(r.payload);
  const types = typeof r.endpoint + typeof r.createdAt + typeof r.attempts + typeof r.nextAttemptAt;
  if (r.v !== VERSION || r.id !== key || types !== 'stringnumbernumbernumber' || !p.success || p.data.id !== key) return undefined;
  return { ...(r as OutboxRecord), surveyId: p.data.surveyId, payload: p.data, lastError: r.lastError ?? null };
}

/** Bytes of a record's payload as sent. */
export const size = (r: OutboxRecord): number => utf8(JSON.stringify(r.payload));

/** `id.revision`: what one delivery of a response is. */
export const tag = (r: OutboxRecord): string => `${r.id}.${r.payload.revision}`;
