import { expect } from '@open-wc/testing';
import { backoff, batchKey, classify, due, expired, group, halves, pack, retryAfter, RETRY_AFTER_CAP } from '../../src/outbox/policy.js';

const S = 1000;
const DAY = 864e5;

describe('outbox policy: backoff', () => {
  it('spreads full jitter between the 1 s floor and the exponential ceiling', () => {
    expect(backoff(1, S, 300 * S, () => 0)).to.equal(S);
    expect(backoff(1, S, 300 * S, () => 1)).to.equal(2 * S);
    expect(backoff(4, S, 300 * S, () => 1)).to.equal(16 * S);
    expect(backoff(4, S, 300 * S, () => 0.5)).to.equal(8.5 * S);
  });
  it('never waits longer than the 5 min cap, even after many attempts', () => {
    expect(backoff(30, S, 300 * S, () => 1)).to.equal(300 * S);
    expect(backoff(2000, S, 300 * S, () => 1)).to.equal(300 * S);
  });
  it('draws different delays for a fleet that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoff(5, S, 300 * S)));
    expect(delays.size).to.be.greaterThan(40);
    for (const d of delays) expect(d).to.be.within(S, 32 * S);
  });
});

describe('outbox policy: Retry-After', () => {
  const now = Date.UTC(2026, 10, 23, 10, 0, 0);
  it('reads delta-seconds', () => {
    expect(retryAfter('120', now)).to.equal(120 * S);
    expect(retryAfter(' 0 ', now)).to.equal(0);
  });
  it('reads an HTTP date relative to now', () => {
    expect(retryAfter(new Date(now + 90 * S).toUTCString(), now)).to.equal(90 * S);
    expect(retryAfter('Mon, 23 Nov 2026 09:00:00 GMT', now)).to.equal(0);
  });
  it('caps both forms at one hour', () => {
    expect(retryAfter('86400', now)).to.equal(RETRY_AFTER_CAP);
    expect(retryAfter(new Date(now + 5 * 3600 * S).toUTCString(), now)).to.equal(RETRY_AFTER_CAP);
  });
  it('ignores a missing or unreadable header', () => {
    expect(retryAfter(null, now)).to.equal(undefined);
    expect(retryAfter('soon', now)).to.equal(undefined);
    expect(retryAfter('-5', now)).to.equal(undefined);
  });
});

describe('outbox policy: answers', () => {
  it('acknowledges any 2xx', () => {
    for (const s of [200, 201, 202, 204, 299]) expect(classify(s)).to.equal('ok');
  });
  it('retries network errors, 408, 425, 429 and 5xx', () => {
    for (const s of [0, 408, 425, 429, 500, 502, 503, 504, 599]) expect(classify(s), String(s)).to.equal('retry');
  });
  it('splits on 413 and dead-letters any other 4xx', () => {
    expect(classify(413)).to.equal('split');
    for (const s of [400, 401, 403, 404, 409, 410, 422]) expect(classify(s), String(s)).to.equal('dead');
  });
  it('splits a batch into halves that keep every response once', () => {
    const [a, b] = halves([1, 2, 3, 4, 5]);
    expect(a).to.deep.equal([1, 2, 3]);
    expect(b).to.deep.equal([4, 5]);
    expect(halves([1, 2])).to.deep.equal([[1], [2]]);
  });
});

describe('outbox policy: batching', () => {
  it('puts at most 50 responses in a batch', () => {
    const batches = pack(Array.from({ length: 120 }, (_, i) => i), () => 100);
    expect(batches.map((b) => b.length)).to.deep.equal([50, 50, 20]);
    expect(batches.flat()).to.deep.equal(Array.from({ length: 120 }, (_, i) => i));
  });
  it('keeps each batch within 48 KiB including the envelope', () => {
    const sizes = [20000, 20000, 20000, 9000, 40000, 10];
    const batches = pack(sizes, (n) => n);
    for (const b of batches) expect(b.reduce((s, n) => s + n + 1, 80)).to.be.at.most(48 * 1024);
    expect(batches).to.deep.equal([[20000, 20000], [20000, 9000], [40000, 10]]);
  });
  it('sends a response larger than the limit alone', () => {
    expect(pack([10, 60000, 10], (n) => n)).to.deep.equal([[10], [60000], [10]]);
  });
  it('groups by endpoint, keeping order', () => {
    const g = group(['a1', 'b1', 'a2', 'c1', 'b2'], (s) => s[0]!);
    expect([...g]).to.deep.equal([
      ['a', ['a1', 'a2']],
      ['b', ['b1', 'b2']],
      ['c', ['c1']],
    ]);
  });
  it('gives the same batch the same Idempotency-Key, and a different batch another', () => {
    const k = batchKey(['a.1', 'b.1']);
    expect(k).to.match(/^a\.1-[0-9a-z]+$/);
    expect(batchKey(['a.1', 'b.1'])).to.equal(k);
    expect(batchKey(['a.1', 'b.2'])).to.not.equal(k);
    expect(batchKey(['a.1'])).to.not.equal(k);
    expect(batchKey(['b.1', 'a.1'])).to.not.equal(k);
  });
});

describe('outbox policy: when', () => {
  const t = Date.UTC(2026, 10, 23);
  const rec = (createdAt: number, attempts: number, nextAttemptAt = 0) => ({ createdAt, attempts, nextAttemptAt });
  it('expires only after 30 days AND 5 attempts', () => {
    expect(expired(rec(t - 31 * DAY, 5), t, 30 * DAY, 5)).to.equal(true);
    expect(expired(rec(t - 31 * DAY, 4), t, 30 * DAY, 5)).to.equal(false);
    expect(expired(rec(t - 29 * DAY, 50), t, 30 * DAY, 5)).to.equal(false);
  });
  it('does not expire anything when the clock jumps 48 h', () => {
    expect(expired(rec(t, 9), t + 2 * DAY, 30 * DAY, 5)).to.equal(false);
    expect(expired(rec(t, 9), t - 2 * DAY, 30 * DAY, 5)).to.equal(false);
  });
  it('is due at nextAttemptAt, and at once when the clock went back past any wait we set', () => {
    expect(due(t + 5000, t)).to.equal(false);
    expect(due(t + 5000, t + 5000)).to.equal(true);
    expect(due(t + 3600_000, t)).to.equal(false);
    expect(due(t + 5000, t - 2 * DAY)).to.equal(true);
  });
});
