/** A customer's hands: real mouse clicks and key presses through the browser. */
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';

/** Clicks the middle of an element with the real mouse. */
export async function click(target: Element): Promise<void> {
  target.scrollIntoView({ block: 'center' });
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
  await resetMouse();
}

/** Presses one key; 'Space' works in both Chromium and Firefox (BiDi knows only ' '). */
export function press(key: string): Promise<void> {
  return sendKeys({ press: key === 'Space' ? ' ' : key });
}

/** Waits for running CSS transitions inside `host`, so axe measures final colours. */
export async function settle(host: Element): Promise<void> {
  const root = host.shadowRoot;
  if (!root) return;
  await Promise.all(root.getAnimations().map((a) => a.finished.catch(() => undefined)));
}

/** Shift+Tab (puppeteer presses one key at a time). */
export async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ up: 'Shift' });
}

export function type(text: string): Promise<void> {
  return sendKeys({ type: text });
}

/** The element focused inside `host`'s shadow root. */
export function focusedIn(host: Element): HTMLElement | null {
  return (host.shadowRoot?.activeElement as HTMLElement | null) ?? null;
}
