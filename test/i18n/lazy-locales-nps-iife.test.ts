// The NPS-only script-tag build: dist/nps.iife.js also finds
// dist/locales/ja.js and ko.js from the URL of its own <script>.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { loadScript } from '../support/load-script.js';

const loaded = (name: string) => performance.getEntriesByType('resource').some((e) => e.name.endsWith(`/dist/locales/${name}.js`));
const low = (el: Element) => el.shadowRoot?.querySelector('[part=low-label]')?.textContent;

describe('on-demand languages (dist/nps.iife.js)', () => {
  before(async () => {
    await loadScript('/dist/nps.iife.js');
  });

  it('lang="ja" and lang="ko" load from dist/locales beside the script', async () => {
    const ja = await fixture(html`<koubei-nps lang="ja"></koubei-nps>`);
    await waitUntil(() => low(ja) === 'まったく可能性がない', 'Japanese arrives', { timeout: 5000 });
    const ko = await fixture(html`<koubei-nps lang="ko"></koubei-nps>`);
    await waitUntil(() => low(ko) === '전혀 가능성 없음', 'Korean arrives', { timeout: 5000 });
    expect(loaded('ja') && loaded('ko')).to.be.true;
  });
});
