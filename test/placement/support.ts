import { clock } from '../../src/placement/frequency.js';

/** A fake clock for placement: `tick(ms)` runs the timers that fall due, in order. */
export function fakeClock(start = Date.UTC(2026, 10, 23, 9)) {
  const orig = { ...clock };
  let now = start;
  let seq = 0;
  let timers: { id: number; at: number; fn: () => void }[] = [];
  clock.now = () => now;
  clock.setTimeout = (fn, ms) => {
    timers.push({ id: ++seq, at: now + ms, fn });
    return seq;
  };
  clock.clearTimeout = (id) => {
    timers = timers.filter((t) => t.id !== id);
  };
  return {
    get now() {
      return now;
    },
    tick(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
    set(ms: number) {
      now = ms;
    },
    pending: () => timers.length,
    restore() {
      Object.assign(clock, orig);
    },
  };
}

/** A small seeded PRNG (mulberry32) so share tests are reproducible. */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const DAY = 864e5;
