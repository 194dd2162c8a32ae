// Shared by the accessibility, i18n and theming tests: axe with target-size on,
// colour contrast computed from computed styles, and small DOM helpers.
import 'axe-core/axe.min.js';
import type { AxeResults, RunOptions } from 'axe-core';
import { expect } from '@open-wc/testing';

declare global {
  interface Window {
    axe: { run(context: Element | Document, options: RunOptions): Promise<AxeResults> };
  }
}

/**
 * Runs axe on `el` with every default rule plus `target-size` (WCAG 2.5.8),
 * which chai-a11y-axe leaves off, and fails with a readable list.
 */
export async function expectAxeClean(el: Element, label = ''): Promise<AxeResults> {
  const results = await window.axe.run(el, {
    resultTypes: ['violations', 'passes', 'incomplete'],
    rules: { 'target-size': { enabled: true } },
  });
  // Options off the tab order (roving tabindex) are targets too: axe's "is this a target?" counts.
  // Naming a generic element (aria-prohibited-attr) is also reported only as "incomplete": count it.
  const undecidedSize = results.incomplete.filter((v) => v.id === 'target-size' || v.id === 'aria-prohibited-attr');
  const lines = [...results.violations, ...undecidedSize].flatMap((v) => [
    `${v.id} (${v.impact}): ${v.help}`,
    ...v.nodes.map((n) => `  ${String(n.target)}: ${n.failureSummary ?? ''}`),
  ]);
  expect(lines, `axe violations ${label}\n${lines.join('\n')}`).to.deep.equal([]);
  return results;
}

/** Runs only `target-size` and returns how many targets it checked and which failed. */
export async function targetSize(el: Element): Promise<{ checked: number; failed: string[] }> {
  const r = await window.axe.run(el, {
    runOnly: { type: 'rule', values: ['target-size'] },
    rules: { 'target-size': { enabled: true } },
  });
  const pass = r.passes.find((p) => p.id === 'target-size')?.nodes.length ?? 0;
  // Options with tabindex=-1 (roving tabindex) come back as "incomplete": they are targets, count them.
  const fail = [...r.violations, ...r.incomplete].filter((p) => p.id === 'target-size').flatMap((p) => p.nodes);
  return { checked: pass + fail.length, failed: fail.map((n) => String(n.target)) };
}

export type RGBA = [number, number, number, number];

/** Parses a computed colour: rgb(), rgba() or color(srgb …). */
export function parseColor(value: string): RGBA {
  const m = value.match(/rgba?\(([^)]+)\)/);
  if (m) {
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] ?? 1];
  }
  const s = value.match(/color\(srgb ([^)]+)\)/);
  if (s) {
    const p = s[1].split(/[\s/]+/).filter(Boolean).map(Number);
    return [p[0] * 255, p[1] * 255, p[2] * 255, p[3] ?? 1];
  }
  if (value === 'transparent') return [0, 0, 0, 0];
  throw new Error(`cannot parse colour ${value}`);
}

/** `top` painted over `bottom` (bottom opaque). */
export function over(top: RGBA, bottom: RGBA): RGBA {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1) as RGBA;
}

function luminance([r, g, b]: RGBA): number {
  const c = [r, g, b].map((v) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

export function contrast(a: RGBA, b: RGBA): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The parent across shadow roots. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.parentNode;
  return root instanceof ShadowRoot ? root.host : null;
}

/** The opaque colour behind `el`: its background and its ancestors', over the canvas. */
export function backgroundOf(el: Element | null): RGBA {
  const layers: RGBA[] = [];
  for (let e = el; e; e = composedParent(e)) {
    const c = parseColor(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) layers.push(c);
    if (c[3] === 1) break;
  }
  const canvas = parseColor(getComputedStyle(document.documentElement).backgroundColor);
  let result: RGBA = canvas[3] === 1 ? canvas : [255, 255, 255, 1];
  for (const layer of layers.reverse()) result = over(layer, result);
  return result;
}

/** Contrast of an element's text against what is behind it. */
export function textContrast(el: Element): number {
  const bg = backgroundOf(el);
  return contrast(over(parseColor(getComputedStyle(el).color), bg), bg);
}

/** Contrast of an element's border against the background around it. */
export function borderContrast(el: Element): number {
  const s = getComputedStyle(el);
  const around = backgroundOf(composedParent(el));
  return contrast(over(parseColor(s.borderInlineStartColor || s.borderLeftColor), around), around);
}

export const shadow = (el: Element) => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;
export const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

/** The deepest focused element, through shadow roots. */
export function deepActive(): Element | null {
  let a: Element | null = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

export const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Options of a scale, in DOM order. */
export const radios = (el: Element) => $$(el, '[role=radio]');

/** Waits for transitions under `el` (and in its questions' shadow roots) to finish. */
export async function transitionsDone(el: Element): Promise<void> {
  const all = [el, ...el.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? [...e.shadowRoot.querySelectorAll('*')] : []));
  await Promise.all(all.flatMap((e) => e.getAnimations()).map((a) => a.finished.catch(() => undefined)));
}
