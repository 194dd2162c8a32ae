// ES module build: ja and ko are separate files in
// dist/locales, found from the script's own URL (not the page's), loaded on demand.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';

const loaded = (name: string) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/dist/locales/${name}.js`));
const low = (el: Element) => el.shadowRoot?.querySelector('[part=low-label]')?.textContent;

describe('on-demand languages (dist/koubei.js)', () => {
  before(async () => {
    // The built file, as a shop would load it; the test page lives elsewhere, so a page-relative URL would miss.
    await import(/* @vite-ignore */ new URL('/dist/koubei.js', location.href).href).catch((e: unknown) => {
      throw new Error(`dist/koubei.js is missing: run npm run build first (${String(e)})`);
    });
  });

  it('the main bundle does not carry Japanese or Korean text', async () => {
    const main = await (await fetch('/dist/koubei.js')).text();
    expect(main).to.not.contain('まったく可能性がない');
    expect(main).to.not.contain('전혀 가능성 없음');
    expect(loaded('ja') || loaded('ko'), 'nothing loaded before a ja/ko element appears').to.be.false;
  });

  it('a lang="ja" element loads dist/locales/ja.js and re-renders in Japanese', async () => {
    const el = await fixture(html`<koubei-nps lang="ja"></koubei-nps>`);
    await waitUntil(() => low(el) === 'まったく可能性がない', 'Japanese arrives', { timeout: 5000 });
    expect(loaded('ja')).to.be.true;
    expect(el.shadowRoot!.querySelector('[part=base]')!.getAttribute('lang')).to.equal('ja');
  });

  it('ko-KR loads dist/locales/ko.js', async () => {
    const el = await fixture(html`<koubei-likert lang="ko-KR"></koubei-likert>`);
    await waitUntil(() => el.shadowRoot!.querySelector('[role=radio]')?.textContent?.trim() === '매우 불만족', 'Korean arrives', { timeout: 5000 });
    expect(loaded('ko')).to.be.true;
  });
});
