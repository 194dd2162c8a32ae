// A sign that a person, not a mail scanner, opened a survey link. Mail
// security services open every link of an email, often in a headless browser,
// before the customer does; a score recorded on page load would record all
// eleven. So a landing page records the clicked score only after the customer
// does something, or has had the page in front of them for a while.

/** How a person showed they are there; sent as `context.confirmed`. */
export type Presence = 'pointer' | 'keyboard' | 'scroll' | 'time';

/**
 * The input events that count, and what each says. `input` too: an IME,
 * dictation or a phone's keyboard may insert text with no usable keydown. Not
 * `scroll`: the browser fires it by itself for a `#anchor` in the link and for
 * scroll restoration on reload; a scrollbar drag or a touch starts with
 * pointerdown anyway.
 */
const ACTIONS: Record<string, Presence> = {
  pointerdown: 'pointer',
  keydown: 'keyboard',
  input: 'keyboard',
  wheel: 'scroll',
  touchmove: 'scroll',
};

/** How long the page must stay visible and focused with no action for it to count: about two seconds. */
export const PRESENCE_WAIT = 2000;

/** In the foreground: shown (not a background tab, not minimised) and focused (not behind another window). */
const foreground = (): boolean => document.visibilityState === 'visible' && document.hasFocus();

/**
 * whenPresent: resolves with the first sign that a person is at this page
 * (the Page Visibility API, W3C, and `document.hasFocus()`, HTML §6.6.3): a
 * trusted pointer, key, text input or wheel/touch-scroll event while the page is visible,
 * or `wait` ms in a row in the foreground. A background tab, a minimised
 * window and a page behind another window count no time; leaving the
 * foreground starts the count again. Events that scripts dispatch
 * (`isTrusted` false) never count. Aborting `signal` stops watching; the
 * promise then never resolves.
 *
 * @example
 * whenPresent(AbortSignal.timeout(60_000)).then((how) => record({ confirmed: how }));
 */
export function whenPresent(signal?: AbortSignal, wait = PRESENCE_WAIT): Promise<Presence> {
  if (!(wait >= 0 && wait <= 600_000)) throw new RangeError(`whenPresent: wait must be 0 to 600000 ms, not ${String(wait)}`);
  return new Promise((resolve) => {
    const stop = new AbortController();
    const opts = { capture: true, passive: true, signal: stop.signal };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (how: Presence) => {
      clearTimeout(timer);
      stop.abort();
      resolve(how);
    };
    const count = () => {
      clearTimeout(timer);
      timer = foreground() ? setTimeout(() => foreground() && done('time'), wait) : undefined;
    };
    if (signal?.aborted) return;
    signal?.addEventListener('abort', () => (clearTimeout(timer), stop.abort()), { signal: stop.signal });
    for (const [type, how] of Object.entries(ACTIONS))
      addEventListener(type, (e) => e.isTrusted && document.visibilityState === 'visible' && done(how), opts);
    // The foreground can change without an input event: a tab switch, another window raised. Not capturing: the
    // window's own focus and blur, not every element's (moving focus inside the page restarts nothing).
    for (const type of ['focus', 'blur', 'pageshow']) addEventListener(type, count, { signal: stop.signal });
    document.addEventListener('visibilitychange', count, { signal: stop.signal });
    count();
  });
}
