/**
 * Stands in for `@lit-labs/ssr-dom-shim` in Koubei's ES modules (rollup.config.js), which bundle Lit's Node build:
 * in Node without a DOM they load without throwing and define nothing (there is no `customElements` unless a
 * renderer such as @lit-labs/ssr installed one; Koubei's define() then still defines nothing without a document).
 * In a browser both are the real ones.
 */
const g = globalThis as unknown as { HTMLElement?: CustomElementConstructor; customElements?: CustomElementRegistry };
const Base: CustomElementConstructor = g.HTMLElement ?? (class {} as unknown as CustomElementConstructor);
export { Base as HTMLElement };
export const customElements: CustomElementRegistry | undefined = g.customElements;
