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

/**
 * `outboxLiteSchema(importers)`: INTERIM, until src/outbox/ imports schema-lite by name (two import lines,
 * src/outbox/outbox.ts and src/outbox/record.ts, owned by the outbox's engineer). Only for importers matching
 * `importers`, `../schema.js` resolves to src/schema-lite.ts. Every other module says what it runs; `noZod()`
 * proves no other zod import is left. Delete this plugin with those two lines.
 */
export const outboxLiteSchema = (importers = /[\\/]src[\\/]outbox[\\/]/) => ({
  name: 'outbox-lite-schema',
  async resolveId(source, importer, options) {
    if (!importer || !importers.test(importer) || !/\/schema\.js$/.test(source)) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r?.id.endsWith('/src/schema.ts') ? r.id.replace(/schema\.ts$/, 'schema-lite.ts') : null;
  },
});
