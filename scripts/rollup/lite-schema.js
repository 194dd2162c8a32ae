/**
 * `liteSchema()`: browser bundles validate with schema-lite.ts instead of zod (about 8 KB gzip less;
 * test/node/schema-lite.test.js proves the two agree): `./schema.js` resolves to src/schema-lite.ts. The ES module
 * koubei.js and koubei/schema keep the zod schemas.
 */
export const liteSchema = () => ({
  name: 'lite-schema',
  async resolveId(source, importer, options) {
    if (!importer || importer.endsWith('schema-lite.ts') || !/\/schema\.js$/.test(source)) return null;
    const r = await this.resolve(source, importer, { ...options, skipSelf: true });
    return r?.id.endsWith('/src/schema.ts') ? r.id.replace(/schema\.ts$/, 'schema-lite.ts') : null;
  },
});
