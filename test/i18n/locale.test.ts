// Locale resolution, re-rendering on `lang` change, the
// shop's own messages, and mirrored layout for right-to-left pages.
import { expect, fixture, html } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { addMessages } from '../../src/index.js';
import type { KoubeiNps } from '../../src/index.js';
import { chineseVariant } from '../../src/i18n/locale.js';
import { $, frame, radios } from '../a11y/helpers.js';

const ZH_CN_LOW = '完全不可能';
const lowLabel = (el: Element) => $(el, '[part=low-label]').textContent!.trim();
const question = (el: Element) => $(el, '[part=question]').textContent!.trim();
const settle = async (el: KoubeiNps) => {
  await frame();
  await el.updateComplete;
};

describe('locale resolution', () => {
  let htmlLang: string | null;
  beforeEach(() => {
    htmlLang = document.documentElement.getAttribute('lang');
    document.documentElement.removeAttribute('lang');
  });
  afterEach(() => {
    if (htmlLang === null) document.documentElement.removeAttribute('lang');
    else document.documentElement.setAttribute('lang', htmlLang);
    delete (navigator as { languages?: unknown }).languages;
  });

  it("the element's own lang wins over its ancestors", async () => {
    const wrap = await fixture(html`<div lang="en"><koubei-nps lang="zh-TW"></koubei-nps></div>`);
    expect(question(wrap.firstElementChild!)).to.equal('您有多大可能向朋友或同事推薦我們？');
  });

  it('else the nearest ancestor lang, across shadow roots', async () => {
    const outer = await fixture(html`<div lang="en"><section lang="zh-TW"><div id="host"></div></section></div>`);
    const host = outer.querySelector('#host')!;
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<div><koubei-nps></koubei-nps></div>';
    const nps = root.querySelector<KoubeiNps>('koubei-nps')!;
    await settle(nps);
    expect(lowLabel(nps)).to.equal('完全不可能');
    expect(question(nps)).to.contain('推薦');
    // A lang inside the shadow root is nearer still, and changing it re-renders.
    root.firstElementChild!.setAttribute('lang', 'en');
    await settle(nps);
    expect(lowLabel(nps)).to.equal('Not at all likely');
  });

  it('else <html lang>', async () => {
    document.documentElement.setAttribute('lang', 'zh-CN');
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect(lowLabel(nps)).to.equal(ZH_CN_LOW);
    expect($(nps, '[part=high-label]').textContent).to.equal('极有可能');
  });

  it("else the first of navigator.languages we have messages for, else en", async () => {
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['fr-FR', 'zh-HK', 'en'] });
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect($(nps, '[part=high-label]').textContent).to.equal('極有可能');
    Object.defineProperty(navigator, 'languages', { configurable: true, get: () => ['xx-YY'] });
    const other = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect(lowLabel(other)).to.equal('Not at all likely');
  });

  const VARIANTS: [string, 'zh-CN' | 'zh-TW'][] = [
    ['zh-HK', 'zh-TW'],
    ['zh-MO', 'zh-TW'],
    ['zh-Hant', 'zh-TW'],
    ['zh-Hant-CN', 'zh-TW'],
    ['zh-TW', 'zh-TW'],
    ['zh', 'zh-CN'],
    ['zh-SG', 'zh-CN'],
    ['zh-Hans', 'zh-CN'],
    ['zh-Hans-HK', 'zh-CN'],
    ['zh-CN', 'zh-CN'],
  ];
  for (const [tag, expected] of VARIANTS) {
    it(`${tag} uses ${expected} (by script, Intl.Locale.maximize) and the root carries lang=${expected}`, async () => {
      expect(chineseVariant(tag)).to.equal(expected);
      const nps = await fixture<KoubeiNps>(html`<koubei-nps lang=${tag}></koubei-nps>`);
      expect($(nps, '[part=high-label]').textContent).to.equal(expected === 'zh-TW' ? '極有可能' : '极有可能');
      expect($(nps, '[part=base]').getAttribute('lang')).to.equal(expected);
      expect($(nps, '[part=base]').getAttribute('dir')).to.equal('ltr');
    });
  }

  it('changing lang on the element or <html> re-renders', async () => {
    document.documentElement.setAttribute('lang', 'en');
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    expect(lowLabel(nps)).to.equal('Not at all likely');
    document.documentElement.setAttribute('lang', 'zh-CN');
    await settle(nps);
    expect(lowLabel(nps)).to.equal(ZH_CN_LOW);
    nps.lang = 'zh-TW';
    await settle(nps);
    expect(question(nps)).to.contain('推薦');
    expect($(nps, '[part=base]').getAttribute('lang')).to.equal('zh-TW');
    nps.removeAttribute('lang');
    await settle(nps);
    expect(question(nps)).to.contain('推荐');
  });
});

describe('the shop\'s own messages', () => {
  it("Koubei.addMessages('fr', …) is used for fr-CA, missing keys fall back to English", async () => {
    addMessages('fr', { npsLow: 'Pas du tout probable', npsHigh: 'Très probable' });
    const nps = await fixture<KoubeiNps>(html`<koubei-nps lang="fr-CA"></koubei-nps>`);
    expect(lowLabel(nps)).to.equal('Pas du tout probable');
    expect(question(nps)).to.equal('How likely are you to recommend us to a friend or colleague?');
    expect($(nps, '[part=base]').getAttribute('lang')).to.equal('fr');
  });

  it('a language added later re-renders elements already on the page', async () => {
    const nps = await fixture<KoubeiNps>(html`<koubei-nps lang="de"></koubei-nps>`);
    expect(lowLabel(nps)).to.equal('Not at all likely');
    addMessages('de', { npsLow: 'Äußerst unwahrscheinlich' });
    await settle(nps);
    expect(lowLabel(nps)).to.equal('Äußerst unwahrscheinlich');
  });
});

describe('right-to-left pages', () => {
  before(() => setViewport({ width: 1280, height: 800 }));

  it('option 0 sits at the inline start: left in ltr', async () => {
    const nps = await fixture<KoubeiNps>(html`<koubei-nps lang="en"></koubei-nps>`);
    await frame();
    const [a, b] = [radios(nps)[0].getBoundingClientRect(), radios(nps)[10].getBoundingClientRect()];
    expect(a.left).to.be.below(b.left);
  });

  for (const lang of ['ar', 'he']) {
    it(`a ${lang} page gets dir=rtl on the root and a mirrored scale (0 on the right)`, async () => {
      const wrap = await fixture(html`<div lang=${lang}><koubei-nps></koubei-nps><koubei-likert variant="numbers"></koubei-likert></div>`);
      await frame();
      for (const q of wrap.children) {
        expect($(q, '[part=base]').getAttribute('dir')).to.equal('rtl');
        const opts = radios(q);
        const [first, last] = [opts[0].getBoundingClientRect(), opts[opts.length - 1].getBoundingClientRect()];
        expect(first.right, `${q.localName}: first option on the right`).to.be.greaterThan(last.right);
        const low = $(q, '[part=low-label]').getBoundingClientRect();
        const high = $(q, '[part=high-label]').getBoundingClientRect();
        expect(low.right, 'the low label under option 0').to.be.greaterThan(high.right);
      }
    });
  }

  it('dir="rtl" on an ancestor mirrors an English scale too', async () => {
    const wrap = await fixture(html`<div dir="rtl"><koubei-nps lang="en"></koubei-nps></div>`);
    await frame();
    const opts = radios(wrap.firstElementChild!);
    expect(opts[0].getBoundingClientRect().left).to.be.greaterThan(opts[10].getBoundingClientRect().left);
  });
});
