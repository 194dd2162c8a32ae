// Follow-up webhooks: rows queued by the ingest statement are posted to --notify-url, signed, retried
// with backoff, and never in the way of ingestion. Several collectors on one PostgreSQL share the
// queue safely (FOR UPDATE SKIP LOCKED plus a lease).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from './db.js';

/** `Koubei-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + "." + body)>` (the Stripe scheme). */
export function signPayload(body: string, secret: string, now = Date.now()): string {
  const t = Math.floor(now / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * Checks a webhook's `Koubei-Signature` header in the receiver (a WeCom, DingTalk, Slack or Feishu
 * adapter): the MAC over the raw body, compared in constant time, and a timestamp at most
 * `toleranceSeconds` old so a captured request cannot be replayed later.
 */
export function verifySignature(header: string | undefined, body: string, secret: string, { toleranceSeconds = 300, now = Date.now() } = {}): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header ?? '').trim());
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(now / 1000 - t) > toleranceSeconds) return false;
  const want = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return timingSafeEqual(want, Buffer.from(m[2], 'hex'));
}

/** Seconds before attempt n+1: `first` (30 s) doubling to 6 h, with jitter; given up after `MAX_ATTEMPTS`. */
export const backoffSeconds = (attempts: number, first = 30) => Math.min(first * 2 ** (attempts - 1), 6 * 3600) * (0.8 + Math.random() * 0.4);
export const MAX_ATTEMPTS = 15;

const CLAIM = `
UPDATE koubei_notifications SET locked_until = now() + interval '60 seconds'
WHERE id IN (
  SELECT id FROM koubei_notifications
  WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
  ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED)
RETURNING id, payload::text AS body, attempts`;

export interface NotifierOptions {
  url: string;
  secret?: string;
  log: (event: Record<string, unknown>) => void;
  fetch?: typeof fetch;
  /** How often the queue is looked at without a nudge, in ms. */
  intervalMs?: number;
  /** The first retry's delay in seconds; each next one doubles. */
  backoffSeconds?: number;
}

export class Notifier {
  private _timer: NodeJS.Timeout | undefined;
  private _running: Promise<void> | undefined;
  private _again = false;
  private _closed = false;

  constructor(
    private readonly _db: Database,
    private readonly _options: NotifierOptions,
  ) {}

  start(): void {
    const every = this._options.intervalMs ?? 5000;
    this._timer = setInterval(() => this.nudge(), every);
    this._timer.unref();
    this.nudge();
  }

  /** Delivers what is due now; a nudge while a pass runs makes one more pass after it. */
  nudge(): void {
    if (this._closed) return;
    if (this._running) {
      this._again = true;
      return;
    }
    this._running = this._pass()
      .catch((e) => this._options.log({ event: 'notify.error', message: String((e as Error).message) }))
      .finally(() => {
        this._running = undefined;
        if (this._again && !this._closed) {
          this._again = false;
          this.nudge();
        }
      });
  }

  /** Waits for the pass in progress. */
  async idle(): Promise<void> {
    while (this._running) await this._running;
  }

  async close(): Promise<void> {
    this._closed = true;
    clearInterval(this._timer);
    await this.idle();
  }

  private async _pass(): Promise<void> {
    for (;;) {
      const due = await this._db.query<{ id: string; body: string; attempts: number }>(CLAIM);
      if (!due.length || this._closed) return;
      await Promise.all(due.map((n) => this._deliver(n)));
    }
  }

  private async _deliver(n: { id: string; body: string; attempts: number }): Promise<void> {
    const { url, secret } = this._options;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'koubei-collector' };
    if (secret) headers['koubei-signature'] = signPayload(n.body, secret);
    let error: string | null = null;
    try {
      const answer = await (this._options.fetch ?? fetch)(url, { method: 'POST', headers, body: n.body, redirect: 'manual', signal: AbortSignal.timeout(10000) });
      await answer.arrayBuffer().catch(() => undefined);
      if (answer.status < 200 || answer.status >= 300) error = `HTTP ${answer.status}`;
    } catch (e) {
      error = String((e as Error).message);
    }
    const attempts = n.attempts + 1;
    if (!error) {
      await this._db.query('UPDATE koubei_notifications SET delivered_at = now(), attempts = $2, locked_until = NULL WHERE id = $1', [n.id, attempts]);
      this._options.log({ event: 'notify.delivered', notification: Number(n.id), attempts });
      return;
    }
    const give = attempts >= MAX_ATTEMPTS;
    await this._db.query(
      `UPDATE koubei_notifications SET attempts = $2, last_error = $3, locked_until = NULL,
         next_attempt_at = now() + make_interval(secs => $4), failed_at = CASE WHEN $5 THEN now() END WHERE id = $1`,
      [n.id, attempts, error.slice(0, 500), backoffSeconds(attempts, this._options.backoffSeconds), give],
    );
    this._options.log({ event: give ? 'notify.failed' : 'notify.retry', notification: Number(n.id), attempts, error: error.slice(0, 200) });
  }
}
