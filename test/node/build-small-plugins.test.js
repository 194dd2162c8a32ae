// The build's small plugins: sql-text (scripts/rollup/sql-text.js), ssr-shim (ssr-shim.js) and report-locales
// (report-locales.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { sqlText } from '../../scripts/rollup/sql-text.js';
import { ssrShim } from '../../scripts/rollup/ssr-shim.js';
import { reportLocales, REPORT_LOCALES } from '../../scripts/rollup/report-locales.js';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

test('sql-text: an imported .sql file is its text, quotes and line breaks included', async () => {
  const sql = "CREATE TABLE t (a text DEFAULT 'x');\n-- \"quoted\"\n";
  const root = fixture({ 'a.ts': "import sql from './001-t.sql';\nexport default sql;\n", '001-t.sql': sql });
  const [chunk] = await bundle(join(root, 'a.ts'), [sqlText(), ts()]);
  assert.equal((await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`)).default, sql);
  assert.equal(sqlText().load('/x/a.ts'), null);
});

test("ssr-shim: Lit's DOM shim is replaced by the given file, nothing else is", () => {
  const plugin = ssrShim('src/ssr-shim.ts');
  assert.equal(plugin.resolveId('@lit-labs/ssr-dom-shim'), resolve('src/ssr-shim.ts'));
  assert.equal(plugin.resolveId('lit'), null);
});

test("report-locales: the report's import('./en.js') stays a relative import of report-locales/", () => {
  const plugin = reportLocales();
  const importer = '/k/src/components/report/i18n/index.ts';
  assert.deepEqual(plugin.resolveDynamicImport('./zh-cn.js', importer), { id: './report-locales/zh-CN.js', external: 'relative' });
  assert.deepEqual(plugin.resolveDynamicImport('./en.js', importer), { id: './report-locales/en.js', external: 'relative' });
  assert.equal(plugin.resolveDynamicImport('./fr.js', importer), null); // not a report language
  assert.equal(plugin.resolveDynamicImport('./en.js', '/k/src/i18n/index.ts'), null); // the survey's own i18n
  assert.deepEqual(Object.values(REPORT_LOCALES).sort(), ['en', 'zh-CN', 'zh-TW']);
});
