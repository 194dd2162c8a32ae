/**
 * `reportLocales(files)`: the report's `import('./en.js')` (src/components/report/i18n/index.ts) stays a dynamic
 * import of `./report-locales/<lang>.js`, relative to the script: a classic script's import() resolves against the
 * script's own URL, so dist/report.js finds its languages wherever it is hosted. `files` maps the specifier's file
 * name to the language's output name.
 */
export const REPORT_LOCALES = { 'en.js': 'en', 'zh-cn.js': 'zh-CN', 'zh-tw.js': 'zh-TW' };

export const reportLocales = (files = REPORT_LOCALES) => ({
  name: 'report-locales',
  resolveDynamicImport(specifier, importer) {
    const file = typeof specifier === 'string' && /components\/report\/i18n\/index\.ts$/.test(importer ?? '') && files[specifier.replace(/^\.\//, '')];
    return file ? { id: `./report-locales/${file}.js`, external: 'relative' } : null;
  },
});
