// Shared by the report's browser tests: the real collector the test server started
// (test/report/collector-plugin.js), mounting a report and waiting for its numbers, reading its tables.
import '../../src/report.js';
import type { KoubeiReport } from '../../src/report.js';

export interface CollectorConfig {
  url: string;
  token: string;
  survey: string;
  from: string;
  to: string;
  today: string;
  stored: number;
  open: number;
}

let config: Promise<CollectorConfig> | undefined;
/** The seeded collector (started on the first call; PGlite takes a few seconds). */
export const collector = (): Promise<CollectorConfig> => (config ??= fetch('/report-collector/config').then((r) => r.json()));

/** A mocha `before` hook: the first start opens PGlite and stores the seed (tens of seconds on a loaded machine). */
export async function startCollector(this: Mocha.Context): Promise<void> {
  this.timeout(180_000);
  await collector();
}

/** GET an admin route of the collector directly, as the expected value of a test. */
export async function api<T = any>(path: string, params: Record<string, string | number | undefined> = {}): Promise<T> {
  const c = await collector();
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '') as [string, string][]);
  const r = await fetch(`${c.url}${path}${q.size ? `?${q}` : ''}`, { headers: { authorization: `Bearer ${c.token}` } });
  if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`);
  return r.json() as Promise<T>;
}

/** Polls until `fn` returns something truthy (or fails after `ms`). */
export async function until<T>(fn: () => T, what: string, ms = 8000): Promise<NonNullable<T>> {
  const end = performance.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Mounted {
  el: KoubeiReport;
  root: ShadowRoot;
  events: CustomEvent[];
}

/**
 * A report on the seeded collector (attributes and properties in `props`), in the document, with
 * every koubei-* event recorded. Resolves once the numbers are drawn (or the error shown).
 */
export async function mount(props: Partial<Record<keyof KoubeiReport | 'lang', unknown>> = {}, wait: 'loaded' | 'error' | 'none' = 'loaded'): Promise<Mounted> {
  const c = await collector();
  const el = document.createElement('koubei-report');
  const events: CustomEvent[] = [];
  for (const type of ['koubei-report-load', 'koubei-report-error', 'koubei-follow-up']) el.addEventListener(type, (e) => events.push(e as CustomEvent));
  Object.assign(el, { src: c.url, token: c.token, surveyId: c.survey, from: c.from, to: c.to }, props);
  if (typeof props.lang === 'string') el.setAttribute('lang', props.lang);
  document.body.append(el);
  const root = el.shadowRoot!;
  if (wait === 'loaded') await until(() => events.some((e) => e.type === 'koubei-report-load') && root.querySelector('[data-headline], [data-kind=empty]'), 'the report to load');
  if (wait === 'error') await until(() => root.querySelector('.problem[data-reason]'), 'the error message');
  await el.updateComplete;
  return { el, root, events };
}

/** The rows of one of the report's tables, as cell texts. */
export function table(root: ShadowRoot, key: string): string[][] {
  const t = root.querySelector(`table[data-table="${key}"]`);
  if (!t) throw new Error(`no table ${key}`);
  return [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim()));
}

/** Every URL the page fetched while `fn` ran (fetch is wrapped, the requests still go out). */
export async function requests(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const real = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push(String(input instanceof Request ? input.url : input));
    return real(input, init);
  };
  try {
    await fn();
  } finally {
    window.fetch = real;
  }
  return seen;
}

export const cleanup = () => document.querySelectorAll('koubei-report').forEach((e) => e.remove());
