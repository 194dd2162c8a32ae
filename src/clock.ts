/** The time, and timers on the same clock (a fake clock moves both). */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Koubei's one clock: the outbox's default, the frequency rules, URL prefill's revisions and the answered-once
 * marks all read it at each call, so a test replaces its members (and puts them back) instead of faking Date.
 */
export const clock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};
