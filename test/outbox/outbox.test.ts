/**
 * The outbox instance (createOutbox) with fakes for everything it is given: a storage over a Map, a clock whose
 * timers run when the test moves it, a scripted fetch, Web Locks and a BroadcastChannel. Requirements: responses go
 * in batches of at most 50 and 48 KB, a few at a time; each HTTP answer has its verdict (2xx delivered, 4xx a dead
 * letter, 413 split, 429/503 a pause of the whole endpoint that follows Retry-After, a redirect a dead letter, no
 * answer a retry); a batch another tab left on its way goes again whole; the record and byte limits count what is
 * stored; nothing is deleted before its acknowledgement, and no id is accepted twice.
 */
import { expect } from '@open-wc/testing';
import { createOutbox, type Channel, type Clock, type FetchAnswer, type Locks, type OutboxOptions } from '../../src/outbox/outbox.js';
import { memoryStorage, type OutboxStorage } from '../../src/outbox/store.js';
import { batchKey, backoff, MAX_BATCH } from '../../src/outbox/policy.js';
import type { KoubeiErrorDetail } from '../../src/events.js';
import type { DeadLetter, OutboxRecord } from '../../src/outbox/record.js';

const T0 = Date.UTC(2026, 11, 2, 1, 0, 0);
const ENDPOINT = 'https://collect.example/v1';

/** A clock that moves only when told; its timers run as it passes them. */
class FakeClock implements Clock {
  t = T0;
  private timers = new Map<number, [number, () => void]>();
  private seq = 0;
  now = () => this.t;
  setTimeout = (fn: () => void, ms: number) => (this.timers.set(++this.seq, [this.t + ms, fn]), this.seq);
  clearTimeout = (h: unknown) => void this.timers.delete(h as number);
  /** Moves to now + ms, running each timer that falls due (in order), and lets the outbox finish what they start. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, [at]]) => at <= end).sort((a, b) => a[1][0] - b[1][0])[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1][0]);
      due[1][1]();
      await settle();
    }
    this.t = end;
  }
}

/** Lets every pending promise chain run (the fakes answer with resolved promises). */
// 50 macrotask turns drain every microtask chain the outbox starts (its fakes never use real timers). A
// MessageChannel turn is not clamped to 4 ms as nested setTimeout(0) is, so a sweep of many setups stays quick on
// a loaded machine: at 4 ms a turn, the 12-setup sweep below took 11 s and hit mocha's timeout.
const tick = () =>
  new Promise<void>((r) => {
    const c = new MessageChannel();
    c.port1.onmessage = () => (c.port1.close(), r());
    c.port2.postMessage(0);
  });
const settle = async () => {
  for (let i = 0; i < 50; i++) await tick();
};

interface Post {
  url: string;
  ids: string[];
  key: string;
  bytes: number;
  /** Ids of the batch still in storage when it was sent. */
  stored: string[];
}
type Answer = { status: number; headers?: Record<string, string>; redirectedTo?: string } | 'network';

/** A fetch that records each POST and answers with `answer(post, n)`; `gate` holds answers until released. */
function fakeFetch(map: Map<string, unknown>, answer: (p: Post, n: number) => Answer = () => ({ status: 200 })) {
  const posts: Post[] = [];
  let flying = 0;
  let maxFlying = 0;
  let gate: Promise<void> | undefined;
  let open: () => void = () => undefined;
  const fetch = async (url: string, init: RequestInit): Promise<FetchAnswer> => {
    const body = JSON.parse(init.body as string) as { responses: { id: string }[] };
    const ids = body.responses.map((r) => r.id);
    const post: Post = {
      url,
      ids,
      key: (init.headers as Record<string, string>)['Idempotency-Key']!,
      bytes: (init.body as string).length,
      stored: ids.filter((id) => map.has(`responses/${id}`)),
    };
    posts.push(post);
    flying++;
    maxFlying = Math.max(maxFlying, flying);
    try {
      if (gate) await gate;
      const a = answer(post, posts.length - 1);
      if (a === 'network') throw new TypeError('Failed to fetch');
      return {
        status: a.status,
        redirected: !!a.redirectedTo,
        url: a.redirectedTo ?? url,
        headers: { get: (n: string) => a.headers?.[n] ?? null },
        text: async () => (a.status >= 400 ? `refused ${a.status}` : '{"ok":true}'),
      };
    } finally {
      flying--;
    }
  };
  return {
    fetch,
    posts,
    get maxFlying() {
      return maxFlying;
    },
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

/** A storage over a Map whose writes to the queue wait while held; `deletes` lists each write's keys. */
function heldDeletes() {
  let gate: Promise<void> | undefined;
  let open = () => undefined as void;
  const deletes: string[][] = [];
  return {
    deletes,
    storage: (map: Map<string, unknown>): OutboxStorage => {
      const st = memoryStorage(map);
      return {
        ...st,
        mode: st.mode,
        async change(name, keys, fn, max) {
          if (name === 'responses' && gate) {
            deletes.push(keys as string[]);
            await gate;
          } else if (name === 'responses' && deletes.length) deletes.push(keys as string[]);
          return st.change(name, keys, fn, max);
        },
      };
    },
    hold() {
      gate = new Promise<void>((r) => (open = r));
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

/** Web Locks with one holder at a time (ifAvailable: null when taken). */
const fakeLocks = (): Locks => {
  const held = new Set<string>();
  return {
    async request(name, _o, cb) {
      if (held.has(name)) return cb(null);
      held.add(name);
      try {
        return await cb({ name });
      } finally {
        held.delete(name);
      }
    },
  };
};

/** A BroadcastChannel whose messages from "another tab" the test sends with `from`. */
const fakeChannel = () => {
  const sent: unknown[] = [];
  let ch: Channel | undefined;
  return {
    sent,
    open: () =>
      (ch = {
        postMessage: (m: unknown) => void sent.push(m),
        close: () => undefined,
        onmessage: null,
      }),
    from: (data: unknown) => ch?.onmessage?.({ data } as MessageEvent),
  };
};

let n = 0;
const response = (over: Record<string, unknown> = {}) => ({
  id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  surveyId: 'fakes',
  createdAt: new Date(T0).toISOString(),
  locale: 'en',
  answers: { nps: 9 },
  scores: { nps: { type: 'nps' as const, value: 9, category: 'promoter' as const } },
  context: {},
  ...over,
});

/** An outbox on fakes, offline until `go()`; events collected by type. */
function setup(opts: { answer?: (p: Post, n: number) => Answer; config?: OutboxOptions['config']; storage?: (map: Map<string, unknown>) => OutboxStorage } = {}) {
  const map = new Map<string, unknown>();
  const clock = new FakeClock();
  const net = fakeFetch(map, opts.answer);
  const channel = fakeChannel();
  const target = new EventTarget();
  const events = new Map<string, unknown[]>();
  for (const type of ['koubei-queued', 'koubei-delivered', 'koubei-retry', 'koubei-error'])
    target.addEventListener(type, (e) => events.get(type)?.push((e as CustomEvent).detail) ?? events.set(type, [(e as CustomEvent).detail]));
  let online = false;
  const ob = createOutbox({
    storage: opts.storage ? opts.storage(map) : memoryStorage(map),
    clock,
    fetch: net.fetch,
    locks: fakeLocks(),
    channel: channel.open,
    target,
    online: () => online,
    baseURI: () => 'https://shop.example/order/complete',
    origin: () => 'https://shop.example',
    random: () => 0.5,
    config: { base: 1000, cap: 300_000, ...opts.config },
  });
  const stored = (id: string) => map.get(`responses/${id}`) as OutboxRecord | undefined;
  return {
    ob,
    map,
    clock,
    net,
    channel,
    stored,
    events: (type: string) => (events.get(type) ?? []) as never[],
    async submitAll(rs: ReturnType<typeof response>[]) {
      for (const r of rs) await ob.submit(r, { endpoint: ENDPOINT });
    },
    async go() {
      online = true;
      await ob.flush();
      await settle();
    },
  };
}

const tags = (rs: { id: string }[]) => rs.map((r) => `${r.id}.1`);
// Quiet the console errors reportError writes for the refusals these tests provoke.
let restore: () => void;
beforeEach(() => {
  const e = console.error;
  console.error = () => undefined;
  restore = () => (console.error = e);
});
afterEach(() => restore());

describe('createOutbox: batching', () => {
  it('sends 120 queued responses as batches of 50, 50 and 20, each keyed by its ids, all deleted after their 2xx', async () => {
    const s = setup();
    const rs = Array.from({ length: 120 }, () => response());
    await s.submitAll(rs);
    expect(s.net.posts).to.have.length(0); // offline
    await s.go();
    // ceil(120 / 50) = 3 batches, in the order submitted.
    expect(s.net.posts.map((p) => p.ids.length)).to.deep.equal([50, 50, 20]);
    expect(s.net.posts.flatMap((p) => p.ids)).to.deep.equal(rs.map((r) => r.id));
    expect(s.net.posts[1]!.key).to.equal(batchKey(tags(rs.slice(50, 100))));
    expect(await s.ob.pending()).to.have.length(0);
    expect(s.ob.counters).to.include({ enqueued: 120, delivered: 120 });
    expect(s.events('koubei-delivered')).to.have.length(3);
  });

  it('fills batches across pages of the queue (page size 7): 100 responses still go as 2 batches of 50', async () => {
    const s = setup({ config: { pageSize: 7 } });
    await s.submitAll(Array.from({ length: 100 }, () => response()));
    await s.go();
    expect(s.net.posts.map((p) => p.ids.length)).to.deep.equal([50, 50]);
  });

  it('keeps a batch under 48 KB: responses of about 20 KB go two by two', async () => {
    const s = setup();
    const big = 'x'.repeat(20_000);
    const rs = Array.from({ length: 5 }, () => response({ answers: { nps: 9, comment: big }, scores: { nps: { type: 'nps', value: 9, category: 'promoter' }, comment: { type: 'text', length: 20_000 } } }));
    await s.submitAll(rs);
    await s.go();
    // Two are 80 + 2 × (~20,250 + 1) ≈ 40.6 KB ≤ 48 KB; three would be ≈ 60.8 KB. So 2, 2, 1.
    expect(s.net.posts.map((p) => p.ids.length)).to.deep.equal([2, 2, 1]);
    for (const p of s.net.posts) expect(p.bytes).to.be.at.most(48 * 1024);
  });

  it('sends a first batch alone, then keeps at most 4 on their way at once, and every id is accepted once', async () => {
    const s = setup({ config: { pageSize: 60 } });
    const rs = Array.from({ length: 10 * MAX_BATCH }, () => response());
    await s.submitAll(rs);
    s.net.hold(); // no answer yet
    const done = s.go();
    await settle();
    // The first batch to an endpoint goes alone (it may stall, or fail): a 2xx opens the other slots.
    expect(s.net.posts).to.have.length(1);
    s.net.release();
    s.net.hold();
    await settle();
    expect(s.net.posts).to.have.length(1 + 4);
    s.net.release();
    await done;
    expect(s.net.posts).to.have.length(10); // 500 / 50
    expect(s.net.maxFlying).to.equal(4);
    const ids = s.net.posts.flatMap((p) => p.ids);
    expect(new Set(ids).size).to.equal(500);
    expect(ids).to.have.length(500);
  });

  it('frees a batch\'s slot at its acknowledgement, its delete written behind; a few acknowledged batches wait for theirs, then the deletes catch up', async () => {
    const held = heldDeletes();
    const s = setup({ storage: held.storage });
    await s.submitAll(Array.from({ length: 10 * MAX_BATCH }, () => response()));
    held.hold();
    const done = s.go();
    await settle();
    // The first batch's delete is not written, yet more batches went (its slot was freed by the 2xx); at most
    // 4 in flight and 4 waiting for their delete, so memory stays a few batches, not the queue.
    expect(s.net.posts.length).to.be.within(2, 8);
    expect(s.events('koubei-delivered')).to.have.length(0); // reported once deleted
    expect(await s.ob.pending()).to.have.length(500);
    held.release();
    await done;
    expect(s.net.posts).to.have.length(10);
    expect(await s.ob.pending()).to.have.length(0);
    expect((s.events('koubei-delivered') as { ids: string[] }[]).map((d) => d.ids)).to.have.deep.members(s.net.posts.map((p) => p.ids));
    // Neighbouring batches acknowledged while a delete was being written are deleted together.
    expect(held.deletes.length).to.be.below(10);
    expect(held.deletes.flat().sort()).to.deep.equal(s.net.posts.flatMap((p) => p.ids).sort());
  });

  it('deletes a batch acknowledged just as the deletes before it finish (swept over the moments around it)', async () => {
    for (let k = 0; k < 12; k++) {
      const held = heldDeletes();
      const s = setup({ storage: held.storage });
      await s.submitAll(Array.from({ length: 2 * MAX_BATCH }, () => response()));
      held.hold();
      s.net.hold();
      const done = s.go();
      await settle();
      s.net.release(); // the first batch's 2xx: its delete waits, the second batch goes and waits for its answer
      s.net.hold();
      await settle();
      expect(s.net.posts, `k=${k}`).to.have.length(2);
      held.release();
      for (let i = 0; i < k; i++) await Promise.resolve();
      s.net.release();
      await done;
      expect(await s.ob.pending(), `k=${k}`).to.have.length(0);
      expect(s.events('koubei-delivered'), `k=${k}`).to.have.length(2);
    }
  });

  it('deletes nothing before its acknowledgement: every record of a batch is still stored while it is on its way', async () => {
    const s = setup();
    const rs = Array.from({ length: 60 }, () => response());
    await s.submitAll(rs);
    await s.go();
    for (const p of s.net.posts) expect(p.stored).to.deep.equal(p.ids);
  });
});

describe('createOutbox: the verdict on each answer', () => {
  it('a 4xx is a dead letter: kept with its status, reported once, not sent again', async () => {
    const s = setup({ answer: () => ({ status: 400 }) });
    const [r] = [response()];
    await s.submitAll([r]);
    await s.go();
    const dead = (await s.ob.deadLetters()) as DeadLetter[];
    expect(dead.map((d) => [d.id, d.reason, d.status, d.message])).to.deep.equal([[r.id, '400', 400, 'refused 400']]);
    expect(await s.ob.pending()).to.have.length(0);
    const errors = s.events('koubei-error') as KoubeiErrorDetail[];
    expect(errors.map((e) => [e.reason, e.status, e.ids])).to.deep.equal([['dead-letter', 400, [r.id]]]);
    expect(s.ob.counters.deadLettered).to.equal(1);
    await s.clock.advance(600_000);
    expect(s.net.posts).to.have.length(1);
  });

  it('a 413 splits the batch in halves until it fits; a single response refused with 413 is a dead letter', async () => {
    // Batches of more than 2 are too large: 5 → 3 + 2 → (2 + 1) + 2, the halves of a half first, one at a time (a
    // 413 is no 2xx, so the endpoint gets one batch at a time).
    const s = setup({ answer: (p) => ({ status: p.ids.length > 2 ? 413 : 200 }) });
    const rs = Array.from({ length: 5 }, () => response());
    await s.submitAll(rs);
    await s.go();
    expect(s.net.posts.map((p) => p.ids.length)).to.deep.equal([5, 3, 2, 1, 2]);
    expect(s.net.posts.slice(2).flatMap((p) => p.ids)).to.deep.equal(rs.map((r) => r.id));
    expect(s.ob.counters.delivered).to.equal(5);

    const one = setup({ answer: () => ({ status: 413 }) });
    await one.submitAll([response()]);
    await one.go();
    expect(((await one.ob.deadLetters()) as DeadLetter[]).map((d) => d.reason)).to.deep.equal(['413']);
  });

  it('a 429 with Retry-After pauses the whole endpoint that long: no other batch goes, then all go', async () => {
    const s = setup({ answer: (_p, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '120' } } : { status: 200 }), config: { inFlight: 1 } });
    const rs = Array.from({ length: 150 }, () => response());
    await s.submitAll(rs);
    await s.go();
    expect(s.net.posts).to.have.length(1); // the two other batches wait with it
    const [retry] = s.events('koubei-retry') as { attempt: number; delay: number; reason: string; ids: string[] }[];
    expect(retry).to.deep.include({ attempt: 1, delay: 120_000, reason: 'HTTP 429' });
    expect(s.stored(rs[0]!.id)).to.include({ attempts: 1, nextAttemptAt: T0 + 120_000, lastError: 'HTTP 429' });
    await s.clock.advance(119_000);
    expect(s.net.posts).to.have.length(1);
    await s.clock.advance(1_000);
    expect(s.net.posts.map((p) => p.ids.length)).to.deep.equal([50, 50, 50, 50]); // the first again, then the rest
    expect(await s.ob.pending()).to.have.length(0);
  });

  it('a 503 with Retry-After as an HTTP date waits until that date; without one it backs off with jitter', async () => {
    const at = new Date(T0 + 30_000).toUTCString();
    const s = setup({ answer: (_p, i) => (i === 0 ? { status: 503, headers: { 'Retry-After': at } } : i === 1 ? { status: 503 } : { status: 200 }) });
    await s.submitAll([response()]);
    await s.go();
    expect((s.events('koubei-retry')[0] as { delay: number }).delay).to.equal(30_000);
    await s.clock.advance(30_000);
    // Attempt 2 without Retry-After: backoff(2, 1000, 300000, () => 0.5) = 1000 + 0.5 × (4000 − 1000) = 2500 ms.
    expect(backoff(2, 1000, 300_000, () => 0.5)).to.equal(2500);
    expect((s.events('koubei-retry')[1] as { delay: number; attempt: number })).to.include({ delay: 2500, attempt: 2 });
    await s.clock.advance(2500);
    expect(s.net.posts).to.have.length(3);
    expect(s.ob.counters).to.include({ delivered: 1, retried: 2 });
  });

  it('a redirected POST is a dead letter naming the final URL, never counted as delivered', async () => {
    const s = setup({ answer: () => ({ status: 200, redirectedTo: 'https://collect.example/v2' }) });
    await s.submitAll([response()]);
    await s.go();
    const [d] = (await s.ob.deadLetters()) as DeadLetter[];
    expect(d!.reason).to.equal('redirect');
    expect(d!.message).to.contain('https://collect.example/v2');
    expect(s.ob.counters.delivered).to.equal(0);
    expect(s.events('koubei-delivered')).to.have.length(0);
  });

  it('no answer at all (a network failure) is retried with backoff, the record kept', async () => {
    const s = setup({ answer: (_p, i) => (i === 0 ? 'network' : { status: 200 }) });
    const r = response();
    await s.submitAll([r]);
    await s.go();
    // Attempt 1: 1000 + 0.5 × (2000 − 1000) = 1500 ms.
    expect(s.events('koubei-retry')[0]).to.deep.include({ reason: 'network', delay: 1500 });
    expect(s.stored(r.id)).to.include({ lastError: 'network', attempts: 1 });
    await s.clock.advance(1500);
    expect(s.net.posts).to.have.length(2);
    expect(s.stored(r.id)).to.equal(undefined);
  });
});

describe('createOutbox: a cross-origin endpoint that never gives an HTTP answer', () => {
  it('is reported once after 3 failures, naming both causes (down or unreachable, or CORS refusing this origin) and what to check', async () => {
    const s = setup({ answer: () => 'network' });
    await s.submitAll([response()]);
    await s.go();
    // Retries after 1500 ms (attempt 1), 2500 ms (attempt 2), 4500 ms (attempt 3): 3 failures by the second advance.
    await s.clock.advance(1500);
    expect(s.events('koubei-error')).to.have.length(0);
    await s.clock.advance(2500);
    await s.clock.advance(4500);
    expect(s.net.posts).to.have.length(4);
    const errors = s.events('koubei-error') as KoubeiErrorDetail[];
    expect(errors.map((e) => [e.reason, e.value])).to.deep.equal([['endpoint', ENDPOINT]]);
    const m = errors[0]!.message;
    expect(m).to.contain(`${ENDPOINT} gave no HTTP answer 3 times while online`);
    expect(m).to.match(/the server is down or unreachable \(check it runs/);
    expect(m).to.match(/its CORS headers do not allow https:\/\/shop\.example \(check Access-Control-Allow-Origin on its OPTIONS and POST answers\)/);
    expect(m).to.contain('Troubleshooting');
    expect(await s.ob.pending()).to.have.length(1);
  });

  it('is not reported for an endpoint on the page\'s own origin (no CORS there): retries go on quietly', async () => {
    const s = setup({ answer: () => 'network' });
    await s.ob.submit(response(), { endpoint: '/collect' });
    await s.go();
    for (const ms of [1500, 2500, 4500, 8500]) await s.clock.advance(ms);
    expect(s.net.posts.length).to.be.at.least(4);
    expect(s.events('koubei-error')).to.have.length(0);
  });
});

describe('createOutbox: a response an earlier page queued (the page was reloaded)', () => {
  it('is retried with backoff after a failed send too, not only when this page submitted it', async () => {
    const before = setup();
    const r = response();
    await before.submitAll([r]); // offline: stored, never sent
    const after = setup({ storage: () => memoryStorage(before.map), answer: (_p, i) => (i === 0 ? 'network' : { status: 200 }) });
    await after.go();
    expect(after.events('koubei-retry')[0]).to.deep.include({ reason: 'network', delay: 1500 });
    await after.clock.advance(1500);
    expect(after.net.posts).to.have.length(2);
    expect(before.map.has(`responses/${r.id}`)).to.equal(false);
  });
});

describe('createOutbox: a batch another tab left on its way', () => {
  it('goes again whole, in its order and with its Idempotency-Key, apart from the others', async () => {
    const s = setup();
    const rs = Array.from({ length: 6 }, () => response());
    await s.submitAll(rs);
    await s.ob.flush(); // offline: opens the channel only
    const pinned = [tags([rs[4]!])[0]!, tags([rs[1]!])[0]!];
    s.channel.from([pinned]);
    await s.go();
    const keys = s.net.posts.map((p) => p.key);
    expect(keys).to.include(batchKey(pinned));
    expect(s.net.posts.find((p) => p.key === batchKey(pinned))!.ids).to.deep.equal([rs[4]!.id, rs[1]!.id]);
    expect(s.net.posts.flatMap((p) => p.ids).sort()).to.deep.equal(rs.map((r) => r.id).sort());
  });
});

describe('createOutbox: quota bookkeeping', () => {
  it('refuses a response past maxRecords with a quota error, and takes one again once one was delivered', async () => {
    const s = setup({ config: { maxRecords: 3 } });
    const rs = Array.from({ length: 4 }, () => response());
    await s.submitAll(rs.slice(0, 3));
    let err: (Error & { reason?: string }) | undefined;
    await s.ob.submit(rs[3]!, { endpoint: ENDPOINT }).catch((e: Error) => (err = e));
    expect(err?.name).to.equal('QuotaExceededError');
    expect(err?.reason).to.equal('quota');
    expect((s.events('koubei-error') as KoubeiErrorDetail[]).map((e) => [e.reason, e.ids])).to.deep.equal([['quota', [rs[3]!.id]]]);
    // A new revision of a stored response is no new record: it fits.
    await s.ob.submit({ ...rs[0]!, revision: 2 }, { endpoint: ENDPOINT });
    await s.go();
    await s.ob.submit(rs[3]!, { endpoint: ENDPOINT });
    await settle();
    expect((await s.ob.pending()).map((p) => p.id)).to.deep.equal([]); // online: sent at once
    expect(s.ob.counters.delivered).to.equal(4);
  });

  it('counts bytes: the response that would pass maxBytes is refused, the ones before it are stored', async () => {
    const one = JSON.stringify({ ...response(), revision: 1, complete: true }).length;
    // Room for two responses of this size, not three.
    const s = setup({ config: { maxBytes: Math.floor(one * 2.5) } });
    const rs = Array.from({ length: 3 }, () => response());
    await s.submitAll(rs.slice(0, 2));
    const err = await s.ob.submit(rs[2]!, { endpoint: ENDPOINT }).then(() => undefined, (e: Error) => e);
    expect(err?.message).to.match(/^outbox full \(2 responses, \d+ bytes\)/);
    expect((await s.ob.pending()).map((p) => p.id)).to.deep.equal([rs[0]!.id, rs[1]!.id]);
  });
});

describe('createOutbox: a dead letter whose move fails (review finding)', () => {
  it('is neither counted nor reported, stays queued, and goes again a second later, moved then', async () => {
    let refuse = true;
    const s = setup({
      answer: () => ({ status: 422 }),
      storage: (map) => {
        const st = memoryStorage(map);
        return { ...st, mode: st.mode, change: (name, keys, fn, max) => (refuse && name === 'dead' ? Promise.reject(new Error('disk I/O')) : st.change(name, keys, fn, max)) };
      },
    });
    const r = response();
    await s.submitAll([r]);
    await s.go();
    expect(s.ob.counters.deadLettered).to.equal(0);
    expect(s.events('koubei-error')).to.have.length(0);
    expect((await s.ob.pending()).map((p) => p.id)).to.deep.equal([r.id]);
    expect(await s.ob.deadLetters()).to.have.length(0);
    refuse = false;
    await s.clock.advance(1000); // the next pass, scheduled a backoff base (1 s) after the failure
    expect(s.net.posts).to.have.length(2);
    expect(((await s.ob.deadLetters()) as DeadLetter[]).map((d) => [d.id, d.status])).to.deep.equal([[r.id, 422]]);
    expect(s.ob.counters.deadLettered).to.equal(1);
    expect((s.events('koubei-error') as KoubeiErrorDetail[]).map((e) => e.reason)).to.deep.equal(['dead-letter']);
    expect(await s.ob.pending()).to.have.length(0);
  });
});

describe('createOutbox: arguments', () => {
  it('names a missing endpoint', async () => {
    const s = setup();
    const err = await s.ob.submit(response(), undefined as never).then(() => undefined, (e: Error) => e);
    expect(err).to.be.instanceOf(TypeError);
    expect(err!.message).to.equal('submit: options.endpoint must be a URL');
  });
});
