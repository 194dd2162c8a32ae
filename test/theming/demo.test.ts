// demo/theming.html shows three shop styles built only with
// the public API, from the script-tag build, and each of them stays accessible.
import { expect, waitUntil } from '@open-wc/testing';

let frame: HTMLIFrameElement;
let doc: Document;

/** Rules of theming.css that touch a Koubei element, as [selector, declarations]. */
function koubeiRules(css: string): [string, string][] {
  const out: [string, string][] = [];
  for (const m of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (/koubei-/.test(m[1])) out.push([m[1].trim(), m[2].trim()]);
  }
  return out;
}

describe('demo/theming.html', () => {
  before(async () => {
    frame = document.createElement('iframe');
    frame.style.cssText = 'inline-size: 1280px; block-size: 900px; border: 0';
    frame.src = '/demo/theming.html';
    document.body.append(frame);
    await new Promise((r) => frame.addEventListener('load', r, { once: true }));
    doc = frame.contentDocument!;
    await waitUntil(() => doc.querySelectorAll('koubei-nps').length === 3 && [...doc.querySelectorAll('koubei-survey')].every((s) => s.shadowRoot?.querySelector('[part=submit]')), 'surveys render (is dist/ built?)');
  });
  after(() => frame.remove());

  it('loads ../dist/koubei.iife.js and styles Koubei only through --koubei-* properties and ::part()', async () => {
    expect(doc.querySelector('script[src]')!.getAttribute('src')).to.equal('../dist/koubei.iife.js');
    const css = await (await fetch('/demo/theming.css')).text();
    const rules = koubeiRules(css);
    expect(rules.length).to.be.greaterThan(6);
    for (const [selector, body] of rules) {
      for (const sel of selector.split(',').map((s) => s.trim())) {
        const viaPart = /::part\([\w-]+\)$/.test(sel);
        const onHost = /koubei-[\w-]+$/.test(sel);
        expect(viaPart || onHost, `selector "${sel}" reaches only the element or its parts`).to.be.true;
        if (onHost) {
          const props = body.split(';').map((d) => d.split(':')[0].trim()).filter(Boolean);
          expect(props.every((p) => p.startsWith('--koubei-')), `"${sel}" sets only --koubei-* (${props.join(', ')})`).to.be.true;
        }
      }
    }
    expect(doc.querySelectorAll('style').length, 'no inline styles').to.equal(0);
  });

  it('shows three distinct looks: red marketplace, monochrome, dark', () => {
    const submit = (shop: string) => doc.querySelector(`.${shop} koubei-survey`)!.shadowRoot!.querySelector('[part=submit]')!;
    const bg = (shop: string) => frame.contentWindow!.getComputedStyle(submit(shop)).backgroundColor;
    expect(bg('marketplace')).to.equal('rgb(199, 0, 11)');
    expect(bg('mono')).to.equal('rgb(17, 17, 17)');
    expect(bg('night')).to.equal('rgb(245, 197, 66)');
    const nightBase = doc.querySelector('.night koubei-nps')!.shadowRoot!.querySelector('[part=base]')!;
    expect(frame.contentWindow!.getComputedStyle(nightBase).colorScheme).to.equal('dark');
    expect(doc.querySelector('.marketplace koubei-nps')!.shadowRoot!.querySelector('[part=question]')!.textContent).to.contain('红猫商城');
    expect(doc.querySelector('.night koubei-nps')!.shadowRoot!.querySelector('[part=high-label]')!.textContent).to.equal('極有可能');
  });

  it('each shop style passes axe, target-size and colour contrast included', async () => {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    await new Promise((r, j) => {
      script.onload = r;
      script.onerror = j;
      doc.head.append(script);
    });
    const axe = (frame.contentWindow as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    for (const shop of ['marketplace', 'mono', 'night']) {
      const r = await axe.run(doc.querySelector(`.${shop}`)!, { rules: { 'target-size': { enabled: true } } });
      expect(r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => String(n.target)).join(' ')}`), shop).to.deep.equal([]);
    }
  });
});
