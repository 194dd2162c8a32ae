// Every entry loads in plain Node without a DOM (a Next.js, Nuxt, Astro or SvelteKit server build)
// and defines elements only in a browser. Under Lit's SSR renderer the tags render as written (light DOM, attributes
// kept) for the browser to upgrade: Koubei does not server-render its shadow DOM.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const ENTRIES = ['koubei.js', 'nps.js', 'scoring.js', 'schema.js', 'schema-lite.js', 'email.js', 'privacy.js', 'analysis.js'];

/** Runs a module in a fresh Node process (no DOM, nothing installed by other tests) and returns its output. */
function run(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('../..', import.meta.url), encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe('every entry loads in Node without a DOM', () => {
  for (const entry of ENTRIES) {
    it(`import('dist/${entry}')`, () => {
      const out = run(`const m = await import('./dist/${entry}'); console.log(JSON.stringify({ n: Object.keys(m).length, dom: typeof document, ce: typeof customElements, he: typeof HTMLElement }));`);
      const r = JSON.parse(out);
      assert.ok(r.n > 0);
      // Nothing installed on the global object: a framework still tells server from browser by these.
      assert.deepEqual([r.dom, r.ce, r.he], ['undefined', 'undefined', 'undefined']);
    });
  }

  it("what the README shows works on a server: import { scoreResponse, batchSchema } from 'koubei'", () => {
    const out = run(`const { scoreResponse, batchSchema, define, KoubeiNps } = await import('./dist/koubei.js');
      console.log(JSON.stringify([scoreResponse({ nps: 9 }, [{ name: 'nps', type: 'nps' }]), typeof batchSchema.safeParse, define('koubei-x', KoubeiNps)]));`);
    assert.deepEqual(JSON.parse(out), [{ nps: { type: 'nps', value: 9, category: 'promoter' } }, 'function', false]);
  });
});

describe('with @lit-labs/ssr', () => {
  it('a survey renders as written (tags, attributes, children) and is not defined in the server registry', () => {
    const out = run(`import { render } from '@lit-labs/ssr';
      import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
      import { html } from 'lit';
      await import('./dist/koubei.js');
      const markup = await collectResult(render(html\`<koubei-survey survey-id="post-purchase" lang="zh-CN"><koubei-nps brand="优选" required></koubei-nps><koubei-choice name="reason"><option value="late">送货慢</option></koubei-choice></koubei-survey>\`));
      console.log(JSON.stringify({ markup, defined: !!customElements.get('koubei-survey') }));`);
    const { markup, defined } = JSON.parse(out);
    assert.equal(defined, false);
    const plain = markup.replace(/<!--[^]*?-->/g, '');
    assert.equal(
      plain,
      '<koubei-survey survey-id="post-purchase" lang="zh-CN"><koubei-nps brand="优选" required></koubei-nps><koubei-choice name="reason"><option value="late">送货慢</option></koubei-choice></koubei-survey>',
    );
  });
});
