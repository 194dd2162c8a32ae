import { fixture, waitUntil } from '@open-wc/testing';
import type { KoubeiSurvey } from '../../src/index.js';

export const uid = (p = 's') => `${p}-${Math.random().toString(36).slice(2, 10)}`;

/** A survey from markup (attributes and questions are test strings). */
export async function survey(attrs: string, inner = '<koubei-nps required></koubei-nps>'): Promise<KoubeiSurvey> {
  const el = await fixture<KoubeiSurvey>(`<koubei-survey ${/\blang=/.test(attrs) ? '' : 'lang="en"'} ${attrs}>${inner}</koubei-survey>`);
  await el.updateComplete;
  return el;
}

export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
export const card = (el: KoubeiSurvey) => part(el, 'popover');

/** Clicks a score of a scale question as a customer does. */
export async function choose(q: Element, value: number): Promise<void> {
  await (q as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  q.shadowRoot!.querySelector<HTMLElement>(`[role=radio][data-value="${value}"]`)!.click();
}

/** Cancels koubei-submit on this survey and collects the responses it would send. */
export function capture(el: Element): { id: string; revision: number; complete: boolean; answers: Record<string, unknown>; context: Record<string, string> }[] {
  const out: ReturnType<typeof capture> = [];
  el.addEventListener('koubei-submit', (e) => {
    e.preventDefault();
    out.push((e as CustomEvent).detail);
  });
  return out;
}

/** Collects the events of one type on window from now on. */
export function record<T = unknown>(type: string): T[] {
  const out: T[] = [];
  addEventListener(type, (e) => out.push((e as CustomEvent<T>).detail));
  return out;
}

export const settle = (fn: () => unknown, message?: string) => waitUntil(fn, message, { timeout: 3000 });
