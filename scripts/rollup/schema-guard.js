/**
 * Schema checks of the browser builds. The browser validates with src/schema-lite.ts, imported by name (about
 * 8 KB gzip less than zod/mini; test/node/schema-lite.test.js proves the two agree); zod belongs to
 * `koubei/schema`, the server contract, and to the collector.
 */

const ZOD = /[\\/]node_modules[\\/]zod[\\/]/;

/**
 * `noZod()`: fails a browser build that bundles zod, naming the chain of modules that imported it (a module that
 * imports './schema.js' for a value, not a type, pulls zod in).
 */
export const noZod = () => ({
  name: 'no-zod',
  buildEnd(error) {
    if (error) return;
    const zod = [...this.getModuleIds()].find((id) => ZOD.test(id));
    if (!zod) return;
    const chain = [];
    for (let id = zod; id && chain.length < 10 && !chain.includes(id); id = this.getModuleInfo(id)?.importers[0]) chain.push(id);
    const ours = chain.filter((id) => !ZOD.test(id)).map((id) => id.replace(/^.*?[\\/]src[\\/]/, 'src/'));
    this.error(`zod is bundled into a browser build (imported by ${ours.join(' ← ')}): import './schema-lite.js' there instead.`);
  },
});
