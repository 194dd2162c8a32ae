import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { PRESENCE_WAIT, whenPresent, type Presence } from '../../src/components/survey/presence.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Makes the page look hidden or unfocused (own properties shadow Document.prototype's); `restore()` undoes it. */
function foreground(state: { visible: boolean; focused: boolean }) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (state.visible ? 'visible' : 'hidden') });
  Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => state.focused });
  return {
    set(next: Partial<typeof state>, event: 'visibilitychange' | 'focus' | 'blur') {
      Object.assign(state, next);
      (event === 'visibilitychange' ? document : window).dispatchEvent(new Event(event));
    },
    restore() {
      delete (document as { visibilityState?: unknown }).visibilityState;
      delete (document as { hasFocus?: unknown }).hasFocus;
    },
  };
}

/** The result and the moment (performance.now) it came, or undefined while pending. */
function watch(p: Promise<Presence>) {
  const out: { how?: Presence; at?: number } = {};
  void p.then((how) => Object.assign(out, { how, at: performance.now() }));
  return out;
}

describe('whenPresent: a sign that a person is at the page', () => {
  let stub: ReturnType<typeof foreground> | undefined;
  let abort: AbortController;
  beforeEach(() => (abort = new AbortController()));
  afterEach(() => {
    abort.abort();
    stub?.restore();
    stub = undefined;
  });

  it('waits about two seconds by default', () => {
    expect(PRESENCE_WAIT).to.equal(2000);
  });

  it('a real pointer press: "pointer", at once', async () => {
    const r = watch(whenPresent(abort.signal, 60_000));
    await sleep(50);
    expect(r.how).to.equal(undefined);
    await sendMouse({ type: 'click', position: [2, 2] });
    await resetMouse();
    await sleep(0);
    expect(r.how).to.equal('pointer');
  });

  it('a real key press: "keyboard"', async () => {
    const r = watch(whenPresent(abort.signal, 60_000));
    await sendKeys({ press: 'Shift' });
    await sleep(0);
    expect(r.how).to.equal('keyboard');
  });

  it('events a script dispatches never count', async () => {
    const r = watch(whenPresent(abort.signal, 60_000));
    for (const e of [
      new PointerEvent('pointerdown', { bubbles: true }),
      new KeyboardEvent('keydown', { key: 'a', bubbles: true }),
      new InputEvent('input', { data: 'a', bubbles: true, composed: true }),
      new WheelEvent('wheel', { deltaY: 100, bubbles: true }),
      new Event('touchmove', { bubbles: true }),
      new Event('scroll'),
    ])
      document.body.dispatchEvent(e);
    await sleep(100);
    expect(r.how).to.equal(undefined);
  });

  it('time in the foreground: "time", not before `wait` ms', async () => {
    const start = performance.now();
    const r = watch(whenPresent(abort.signal, 300));
    await sleep(100);
    expect(r.how, 'after 100 of 300 ms').to.equal(undefined);
    await sleep(700);
    expect(r.how).to.equal('time');
    // Timers never fire early: at least 300 ms after the call (1 ms for clock rounding).
    expect(r.at! - start).to.be.at.least(299);
  });

  it('a hidden page counts no time and takes no input; shown again, the count starts from zero', async () => {
    stub = foreground({ visible: false, focused: false });
    const r = watch(whenPresent(abort.signal, 300));
    await sendMouse({ type: 'click', position: [2, 2] });
    await resetMouse();
    await sleep(600);
    expect(r.how, 'a background tab, 600 ms later').to.equal(undefined);
    const shown = performance.now();
    stub.set({ visible: true, focused: true }, 'visibilitychange');
    await sleep(800);
    expect(r.how).to.equal('time');
    expect(r.at! - shown).to.be.at.least(299);
  });

  it('a page behind another window (visible, not focused) counts no time; losing focus starts again', async () => {
    stub = foreground({ visible: true, focused: false });
    const r = watch(whenPresent(abort.signal, 400));
    await sleep(600);
    expect(r.how, 'not focused for 600 ms').to.equal(undefined);
    stub.set({ focused: true }, 'focus');
    await sleep(200);
    // 200 of 400 ms, then the window loses focus: those 200 ms are lost.
    stub.set({ focused: false }, 'blur');
    await sleep(400);
    expect(r.how, 'blurred before 400 ms in a row').to.equal(undefined);
    const back = performance.now();
    stub.set({ focused: true }, 'focus');
    await sleep(900);
    expect(r.how).to.equal('time');
    expect(r.at! - back).to.be.at.least(399);
  });

  it('aborting stops watching: nothing resolves later', async () => {
    const r = watch(whenPresent(abort.signal, 100));
    abort.abort();
    await sendKeys({ press: 'Shift' });
    await sleep(300);
    expect(r.how).to.equal(undefined);
    const already = new AbortController();
    already.abort();
    const s = watch(whenPresent(already.signal, 50));
    await sleep(200);
    expect(s.how).to.equal(undefined);
  });

  it('a wait that is not a number of ms up to 10 minutes is a RangeError naming it', () => {
    for (const bad of [-1, NaN, 600_001, Infinity]) expect(() => whenPresent(undefined, bad), String(bad)).to.throw(RangeError, /wait must be 0 to 600000 ms/);
  });
});
