/**
 * Stands in for `@lit-labs/ssr-dom-shim` in Koubei's ES modules (rollup.config.js), which bundle Lit's Node build:
 * in Node without a DOM they load without throwing and define nothing (there is no `customElements` unless a
 * renderer such as @lit-labs/ssr installed one, whose registry they then use). In a browser both are the real ones.
 */
const g = globalThis as { HTMLElement?: typeof HTMLElement; customElements?: CustomElementRegistry };
export const HTMLElement = g.HTMLElement ?? (class {} as unknown as typeof globalThis.HTMLElement);
export const customElements = g.customElements;
