// The template minifier (scripts/rollup/minify-templates.js): Lit's css`` and html`` lose only what renders the
// same, other template literals are untouched, and the source map still points at the original lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { minifyCss, minifyHtml, minifyTemplates, applyEdits } from '../../scripts/rollup/minify-templates.js';
import { ts } from '../../scripts/rollup/ts.js';
import { bundle, fixture } from './build-support.js';

test('CSS loses comments and ignorable spaces, keeps a descendant combinator before a colon', () => {
  assert.equal(minifyCss('\n  :host { display: block; }\n  /* why */\n  .a :hover , .b > .c { color: red; }\n'), ':host{display:block}.a :hover,.b>.c{color:red}');
});

test('a space next to an interpolation stays (it separates the text from the value)', () => {
  // css`margin: ${x} auto;`: the parts are 'margin: ' (first) and ' auto;' (last).
  assert.equal(minifyCss('margin: ', true, false), 'margin:');
  assert.equal(minifyCss(' auto; ', false, true), ' auto;');
  assert.equal(minifyCss(' 0 ', false, false), ' 0 ');
});

test('HTML: a whitespace run with a line break becomes one space; spaces on one line stay', () => {
  assert.equal(minifyHtml('<div>\n    <span>a  b</span>\n  </div>'), '<div> <span>a  b</span> </div>');
});

test('applyEdits maps each line of the output to the line it came from', () => {
  const code = 'one\nreplace\nthis\nthree\n';
  const at = code.indexOf('replace');
  const { code: out, map } = applyEdits(code, [[at, at + 'replace\nthis'.length, 'X']]);
  assert.equal(out, 'one\nX\nthree\n');
  // Segments are VLQ deltas [output column, source, source line, source column]. Line 0: "AAAA" = 0,0,0,0.
  // Line 1 ("X") starts at source line 1, column 0: "AACA" (line +1); the end of the edit, output column 1, is
  // source line 2 ("this"), column 4: "CACI" (+1, +1, +1, +4). Line 2 ("three") is source line 3, column 0:
  // "AACJ" (line +1, column -4; J = -4).
  assert.deepEqual(map.mappings.split(';').slice(0, 3), ['AAAA', 'AACA,CACI', 'AACJ']);
});

test('in a bundle, only css`` and html`` are minified', async () => {
  const root = fixture({
    'a.ts': "const css = (s: TemplateStringsArray) => s.raw.join('|');\nconst html = css;\nconst other = css;\n" +
      'export const c = css`\n  a { color: red; }\n`;\nexport const h = html`<p>\n  x\n</p>`;\nexport const o = other`\n  kept  \n`;\n',
  });
  const [chunk] = await bundle(join(root, 'a.ts'), [ts(), minifyTemplates()]);
  const mod = await import(`data:text/javascript,${encodeURIComponent(chunk.code)}`);
  assert.equal(mod.c, 'a{color:red}');
  assert.equal(mod.h, '<p> x </p>');
  assert.equal(mod.o, '\n  kept  \n');
});
