import { createStore, del, entries, set } from 'idb-keyval';
import { emit, reportError } from '../events.js';
import { responseSchema, SCHEMA_VERSION, formatSchemaError, type KoubeiResponse, type KoubeiResponseInput } from '../schema.js';

export interface SubmitOptions {
  /** Absolute or page-relative URL the batch is POSTed to. */
  endpoint: string;
}

interface StoredRecord {
  v: 1;
  id: string;
  surveyId: string;
  endpoint: string;
  payload: KoubeiResponse;
  createdAt: number;
}

const KEEPALIVE_LIMIT = 60 * 1024;
let store: ReturnType<typeof createStore> | undefined;
const db = () => (store ??= createStore('koubei-outbox', 'responses'));

function target(): EventTarget {
  return typeof window !== 'undefined' ? window : new EventTarget();
}

/**
 * Stores a response durably, then posts it. Resolves once the response is
 * saved; delivery goes on in the background and is retried on the next load.
 */
export async function submit(response: KoubeiResponseInput, options: SubmitOptions): Promise<void> {
  const parsed = responseSchema.safeParse(response);
  if (!parsed.success) {
    throw new TypeError(`Invalid response: ${formatSchemaError(parsed.error).join('; ')}`);
  }
  const endpoint = new URL(options.endpoint, document.baseURI).href;
  const record: StoredRecord = {
    v: 1,
    id: parsed.data.id,
    surveyId: parsed.data.surveyId,
    endpoint,
    payload: parsed.data,
    createdAt: Date.now(),
  };
  await set(record.id, record, db());
  emit(target(), 'koubei-queued', { ids: [record.id] });
  void flush();
}

let flushing: Promise<void> | undefined;

/** Posts everything stored, grouped by endpoint. */
export function flush(): Promise<void> {
  flushing ??= doFlush().finally(() => (flushing = undefined));
  return flushing;
}

async function doFlush(): Promise<void> {
  const all = (await entries<string, StoredRecord>(db())).map(([, r]) => r);
  const byEndpoint = new Map<string, StoredRecord[]>();
  for (const r of all) byEndpoint.set(r.endpoint, [...(byEndpoint.get(r.endpoint) ?? []), r]);
  for (const [endpoint, records] of byEndpoint) {
    const ids = records.map((r) => r.id);
    const body = JSON.stringify({
      schema: SCHEMA_VERSION,
      sentAt: new Date().toISOString(),
      responses: records.map((r) => r.payload),
    });
    try {
      const res = await fetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        keepalive: body.length < KEEPALIVE_LIMIT,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      await Promise.all(ids.map((id) => del(id, db())));
      emit(target(), 'koubei-delivered', { ids });
    } catch (err) {
      reportError(target(), { reason: 'delivery', message: `delivery to ${endpoint} failed (${String(err)}); kept for the next page load`, ids });
    }
  }
}

/** Responses waiting for delivery. */
export async function pending(): Promise<KoubeiResponse[]> {
  return (await entries<string, StoredRecord>(db())).map(([, r]) => r.payload);
}
export const deadLetters = async () => [];
export const outbox = {};
