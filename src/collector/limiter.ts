/**
 * A token bucket per client: `requests` per `perSeconds`, refilled continuously. Clients idle for a
 * full window are forgotten, so the map stays as small as the set of active clients.
 */
export class RateLimiter {
  private readonly _buckets = new Map<string, { tokens: number; at: number }>();
  private _swept = 0;

  constructor(
    readonly requests: number,
    readonly perSeconds: number,
    private readonly _now: () => number = Date.now,
  ) {}

  /** 0 when the request may go on, else the seconds until it may. */
  take(client: string): number {
    const now = this._now();
    const rate = this.requests / (this.perSeconds * 1000);
    if (now - this._swept > this.perSeconds * 1000) this._sweep(now);
    const b = this._buckets.get(client) ?? { tokens: this.requests, at: now };
    b.tokens = Math.min(this.requests, b.tokens + (now - b.at) * rate);
    b.at = now;
    this._buckets.set(client, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / rate / 1000));
  }

  private _sweep(now: number): void {
    this._swept = now;
    for (const [k, b] of this._buckets) if (now - b.at > this.perSeconds * 1000) this._buckets.delete(k);
  }
}
