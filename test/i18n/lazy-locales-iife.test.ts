// Script-tag build: window.Koubei finds dist/locales/ja.js
// and ko.js from the URL of its own <script>, not from the page's URL.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadScript } from '../support/load-script.js';

const loaded = (name: string) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/dist/locales/${name}.js`));
const low = (el: Element) => el.shadowRoot?.querySelector('[part=low-label]')?.textContent;

describe('on-demand languages (dist/koubei.iife.js)', () => {
  before(async () => {
    await loadScript('/dist/koubei.iife.js');
  });

  it('defines window.Koubei and the elements', () => {
    expect(typeof (window as unknown as { Koubei?: { addMessages?: unknown } }).Koubei?.addMessages).to.equal('function');
    expect(customElements.get('koubei-nps')).to.exist;
  });

  it('lang="ja" loads dist/locales/ja.js beside the script', async () => {
    const el = await fixture(html`<koubei-nps lang="ja"></koubei-nps>`);
    await waitUntil(() => low(el) === 'まったく可能性がない', 'Japanese arrives', { timeout: 5000 });
    expect(loaded('ja')).to.be.true;
  });

  it('lang="ko" loads dist/locales/ko.js beside the script', async () => {
    const el = await fixture(html`<koubei-nps lang="ko"></koubei-nps>`);
    await waitUntil(() => low(el) === '전혀 가능성 없음', 'Korean arrives', { timeout: 5000 });
    expect(loaded('ko')).to.be.true;
  });

  it("Koubei.addMessages('fr', …) works through the global", async () => {
    (window as unknown as { Koubei: { addMessages(l: string, m: object): void } }).Koubei.addMessages('fr', { npsLow: 'Pas du tout probable' });
    const el = await fixture(html`<koubei-nps lang="fr"></koubei-nps>`);
    await waitUntil(() => low(el) === 'Pas du tout probable', 'French shown');
  });
});
