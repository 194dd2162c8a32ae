import { resolve } from 'node:path';

/**
 * `ssrShim(file)`: the ES modules (koubei, koubei/nps) bundle Lit's Node build, which guards every DOM global it
 * reads, so `import 'koubei'` loads in Node without a DOM (Next.js, Nuxt, Astro, SvelteKit server builds); in a
 * browser it is the same Lit. Its DOM shim, `@lit-labs/ssr-dom-shim`, is replaced by `file` (a few lines,
 * src/ssr-shim.ts): nothing else of it is needed.
 */
export const ssrShim = (file = 'src/ssr-shim.ts') => ({
  name: 'ssr-shim',
  resolveId: (source) => (source === '@lit-labs/ssr-dom-shim' ? resolve(file) : null),
});
