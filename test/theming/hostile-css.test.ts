// The host page's CSS never breaks the widget, and the
// widget's CSS never leaks out into the page.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { KoubeiNps, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { $, deepActive, expectAxeClean, radios } from '../a11y/helpers.js';

const HOSTILE = `
  * { all: unset; }
  html { font-size: 40px; line-height: 3; }
  body { font-size: 64px; letter-spacing: 0.3em; }
  button { display: none !important; }
  div, p, span, a, ul, li { margin: 30px; padding: 25px; border: 4px solid red !important; color: #eee !important; }
  [role=radio], [role=radiogroup], [part], .option, .scale, .base, .submit, textarea { display: none !important; visibility: hidden !important; }
  :focus, :focus-visible { outline: none !important; }
  * { box-sizing: content-box !important; }
  style, script, template { display: none; }
`;

describe('a hostile host stylesheet', () => {
  let sheet: HTMLStyleElement;
  before(async () => {
    await setViewport({ width: 1280, height: 900 });
    sheet = document.createElement('style');
    sheet.textContent = HOSTILE;
    document.head.append(sheet);
  });
  after(() => sheet.remove());

  async function survey() {
    const el = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-CN" survey-id="hostile" @koubei-submit=${(e: Event) => e.preventDefault()}>
      <koubei-nps required></koubei-nps>
      <koubei-likert></koubei-likert>
      <koubei-text></koubei-text>
    </koubei-survey>`);
    await el.updateComplete;
    for (const q of el.querySelectorAll<KoubeiNps>('koubei-nps, koubei-likert, koubei-text')) await q.updateComplete;
    return el;
  }

  it('does not hide, shrink or overflow the options, the text box or the submit button', async () => {
    const el = await survey();
    const nps = el.querySelector('koubei-nps')!;
    const targets = [...radios(nps), ...radios(el.querySelector('koubei-likert')!), $(el.querySelector('koubei-text')!, 'textarea'), $(el, '[part=submit]')];
    for (const t of targets) {
      const r = t.getBoundingClientRect();
      expect(getComputedStyle(t).display, t.outerHTML.slice(0, 60)).to.not.equal('none');
      expect(getComputedStyle(t).visibility).to.equal('visible');
      expect(r.width, t.outerHTML.slice(0, 60)).to.be.at.least(24);
      expect(r.height).to.be.at.least(24);
    }
    expect(new Set(radios(nps).map((o) => Math.round(o.getBoundingClientRect().top))).size, 'NPS rows').to.be.at.most(2);
    expect($(nps, '.base').scrollWidth).to.be.at.most($(nps, '.base').clientWidth);
    // The widget's own text size, not 40px or 64px from the page.
    expect(parseFloat(getComputedStyle(radios(nps)[0]).fontSize)).to.be.below(40);
  });

  it('still works: keyboard, visible focus, submit, and axe passes', async () => {
    const el = await survey();
    const nps = el.querySelector<KoubeiNps>('koubei-nps')!;
    radios(nps)[0].focus();
    await sendKeys({ press: 'ArrowRight' });
    expect(nps.value).to.equal(1);
    const focused = deepActive() as HTMLElement;
    expect(getComputedStyle(focused).outlineStyle).to.not.equal('none');
    const text = el.querySelector<KoubeiText>('koubei-text')!;
    $(text, 'textarea').focus();
    await sendKeys({ type: '很好' });
    expect(text.value).to.equal('很好');
    $(el, '[part=submit]').click();
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(el.response?.answers).to.deep.include({ nps: 1, comment: '很好' });
    await expectAxeClean(el, 'under a hostile stylesheet');
  });
});

describe('a page that shrinks its root font (html { font-size: 62.5% })', () => {
  it("keeps the reader's text size and 24px targets at 320 and 1280", async () => {
    const sheet = document.createElement('style');
    sheet.textContent = 'html { font-size: 62.5%; }';
    document.head.append(sheet);
    try {
      for (const width of [320, 1280]) {
        await setViewport({ width, height: 800 });
        const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
        expect(parseFloat(getComputedStyle($(nps, '[part=question]')).fontSize)).to.be.at.least(16);
        for (const o of radios(nps)) expect(o.getBoundingClientRect().height).to.be.at.least(24);
        expect($(nps, '.base').scrollWidth).to.be.at.most($(nps, '.base').clientWidth);
      }
    } finally {
      sheet.remove();
      await setViewport({ width: 1280, height: 800 });
    }
  });
});

describe("the widget's CSS does not leak out", () => {
  it('look-alike page elements keep their own styles, and no global stylesheet is added', async () => {
    const sheetsBefore = document.styleSheets.length;
    const adoptedBefore = document.adoptedStyleSheets.length;
    const wrap = await fixture(html`<div>
      <div class="base dark option scale labels error summary thank-you question" id="lookalike" role="radio" aria-checked="true">x</div>
      <button class="submit" id="btn">b</button>
      <textarea id="ta"></textarea>
      <span class="visually-hidden" id="vh">hidden?</span>
      <koubei-survey survey-id="leak" theme="dark"><koubei-nps value="3"></koubei-nps><koubei-text></koubei-text></koubei-survey>
    </div>`);
    await wrap.querySelector<KoubeiSurvey>('koubei-survey')!.updateComplete;
    const look = getComputedStyle(wrap.querySelector('#lookalike')!);
    expect(look.display).to.equal('block');
    expect(look.borderTopStyle).to.equal('none');
    expect(look.backgroundColor).to.equal('rgba(0, 0, 0, 0)');
    expect(look.fontWeight).to.equal('400');
    expect(look.containerType).to.equal('normal');
    const btn = getComputedStyle(wrap.querySelector('#btn')!);
    expect(btn.minInlineSize).to.not.equal('96px');
    expect(btn.fontWeight).to.not.equal('700');
    expect(wrap.querySelector('#vh')!.getBoundingClientRect().width).to.be.greaterThan(1);
    expect(getComputedStyle(document.documentElement).colorScheme).to.equal('normal');
    expect(document.styleSheets.length).to.equal(sheetsBefore);
    expect(document.adoptedStyleSheets.length).to.equal(adoptedBefore);
  });
});
