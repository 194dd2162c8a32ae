let warned = false;

/**
 * Defines a tag unless it already is: a second copy of the script on a page
 * is a no-op with one console warning, never an exception. Without a DOM
 * (Node, server-side rendering) it defines nothing and returns false.
 */
export function define(tag: string, ctor: CustomElementConstructor): boolean {
  // Only in a browser: Node (a framework's server build) has no customElements, or only a server renderer's
  // registry (@lit-labs/ssr), where the tags then render as written and the browser upgrades them.
  if (typeof customElements === 'undefined' || typeof document === 'undefined') return false;
  const existing = customElements.get(tag);
  if (existing) {
    if (existing !== ctor && !warned) {
      warned = true;
      console.warn(`[koubei] <${tag}> is already defined: Koubei is loaded twice on this page. The first copy stays in use; this one does nothing.`);
    }
    return false;
  }
  customElements.define(tag, ctor);
  return true;
}
