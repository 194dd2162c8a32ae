// Visible focus that a fixed bottom bar never hides, and
// targets of at least 24×24 px at 320 and 1280 px with the NPS wrapping on a phone.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/index.js';
import type { KoubeiLikert, KoubeiNps, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { $, backgroundOf, composedParent, contrast, deepActive, frame, over, parseColor, radios } from './helpers.js';

async function focusRingOf(el: HTMLElement) {
  expect(el.matches(':focus-visible'), 'matches :focus-visible').to.be.true;
  const s = getComputedStyle(el);
  const around = backgroundOf(composedParent(el));
  return {
    style: s.outlineStyle,
    width: parseFloat(s.outlineWidth),
    contrast: contrast(over(parseColor(s.outlineColor), around), around),
  };
}

describe('focus is visible', () => {
  for (const theme of ['light', 'dark']) {
    it(`keyboard focus on an option, the text box and submit shows a ≥2px outline at ≥3:1 (${theme})`, async () => {
      const wrap = await fixture(html`<div>
        <button id="start">start</button>
        <koubei-survey survey-id="f" theme=${theme} lang="zh-CN">
          <koubei-nps></koubei-nps>
          <koubei-text></koubei-text>
        </koubei-survey>
      </div>`);
      const survey = wrap.querySelector<KoubeiSurvey>('koubei-survey')!;
      await survey.updateComplete;
      await survey.querySelector<KoubeiText>('koubei-text')!.updateComplete;
      wrap.querySelector<HTMLButtonElement>('#start')!.focus();
      for (let i = 0; i < 3; i++) {
        await sendKeys({ press: 'Tab' });
        const focused = deepActive() as HTMLElement;
        const ring = await focusRingOf(focused);
        expect(ring.style, `${focused.localName} outline style`).to.not.equal('none');
        expect(ring.width, `${focused.localName} outline width`).to.be.at.least(2);
        expect(ring.contrast, `${focused.localName} outline contrast`).to.be.at.least(3);
      }
      expect((deepActive() as HTMLElement).getAttribute('part')).to.equal('submit');
    });
  }

  it('a fixed bottom bar of the host page does not hide the focused option', async () => {
    await setViewport({ width: 800, height: 600 });
    const wrap = await fixture(html`<div>
      <div style="height: 1500px" id="top"><button id="start">start</button></div>
      <koubei-nps></koubei-nps>
      <div style="height: 1500px"></div>
      <div style="position: fixed; inset-inline: 0; bottom: 0; height: 80px; background: #222; z-index: 10" id="bar"></div>
    </div>`);
    const nps = wrap.querySelector<KoubeiNps>('koubei-nps')!;
    await nps.updateComplete;
    const bar = wrap.querySelector('#bar')!.getBoundingClientRect();
    wrap.querySelector<HTMLButtonElement>('#start')!.focus();
    window.scrollTo(0, 0);
    await frame();
    await sendKeys({ press: 'Tab' });
    await frame();
    const opt = deepActive() as HTMLElement;
    expect(opt.dataset.value).to.equal('0');
    const r = opt.getBoundingClientRect();
    expect(r.bottom, 'option bottom above the bar').to.be.at.most(bar.top);
    expect(r.top).to.be.at.least(0);
    expect(parseFloat(getComputedStyle(opt).scrollMarginBlockEnd)).to.be.at.least(80);
  });

  it('focusControl() (error summary links) keeps the control clear of a fixed bottom bar', async () => {
    await setViewport({ width: 800, height: 600 });
    const wrap = await fixture(html`<div>
      <div style="height: 1500px"></div>
      <koubei-text></koubei-text>
      <div style="height: 1500px"></div>
      <div style="position: fixed; inset-inline: 0; bottom: 0; height: 80px; background: #222" id="bar"></div>
    </div>`);
    const text = wrap.querySelector<KoubeiText>('koubei-text')!;
    await text.updateComplete;
    window.scrollTo(0, 0);
    text.focusControl();
    await frame();
    const r = $(text, 'textarea').getBoundingClientRect();
    expect(r.top).to.be.at.least(0);
    expect(r.top, 'top of the text box visible above the bar').to.be.below(wrap.querySelector('#bar')!.getBoundingClientRect().top);
  });
});

describe('target size and reflow', () => {
  afterEach(() => setViewport({ width: 1280, height: 800 }));

  for (const width of [320, 1280]) {
    it(`every option and the submit button is at least 24×24 at ${width}px`, async () => {
      await setViewport({ width, height: 800 });
      const survey = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="t">
        <koubei-nps></koubei-nps>
        <koubei-likert name="a"></koubei-likert>
        <koubei-likert name="b" variant="numbers" points="7"></koubei-likert>
        <koubei-likert name="c" variant="stars"></koubei-likert>
        <koubei-likert name="d" variant="emoji" points="7"></koubei-likert>
      </koubei-survey>`);
      await survey.updateComplete;
      await frame();
      const targets = [...survey.querySelectorAll('koubei-nps, koubei-likert')].flatMap(radios);
      targets.push($(survey, '[part=submit]'));
      expect(targets.length).to.equal(11 + 5 + 7 + 5 + 7 + 1);
      for (const t of targets) {
        const r = t.getBoundingClientRect();
        expect(r.width, `${t.dataset.value ?? 'submit'} width`).to.be.at.least(24);
        expect(r.height, `${t.dataset.value ?? 'submit'} height`).to.be.at.least(24);
      }
      for (const q of survey.querySelectorAll('koubei-nps, koubei-likert')) {
        const base = $(q, '.base');
        expect(base.scrollWidth, `${q.localName} ${q.getAttribute('variant') ?? ''} does not overflow`).to.be.at.most(base.clientWidth);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(width);
    });
  }

  it('at 320px the NPS scale wraps into two rows instead of overflowing', async () => {
    await setViewport({ width: 320, height: 640 });
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    await frame();
    const scale = $(nps, '.scale');
    expect(scale.scrollWidth).to.be.at.most(scale.clientWidth);
    const rows = new Set(radios(nps).map((o) => Math.round(o.getBoundingClientRect().top)));
    expect(rows.size).to.equal(2);
    // Reading order stays 0..10: 0 at the start of the first row, 10 on the second.
    const [r0, r10] = [radios(nps)[0].getBoundingClientRect(), radios(nps)[10].getBoundingClientRect()];
    expect(r10.top).to.be.greaterThan(r0.top);
  });

  it('at 1280px the NPS scale is one row', async () => {
    await setViewport({ width: 1280, height: 800 });
    const nps = await fixture<KoubeiNps>(html`<koubei-nps></koubei-nps>`);
    await frame();
    expect(new Set(radios(nps).map((o) => Math.round(o.getBoundingClientRect().top))).size).to.equal(1);
  });

  it('at 320px Likert word labels stack one per row and nothing overflows', async () => {
    await setViewport({ width: 320, height: 640 });
    const el = await fixture<KoubeiLikert>(html`<koubei-likert lang="en" points="7"></koubei-likert>`);
    await frame();
    const tops = radios(el).map((o) => o.getBoundingClientRect().top);
    expect(new Set(tops.map(Math.round)).size).to.equal(7);
    for (const o of radios(el)) expect(o.scrollWidth, o.textContent!).to.be.at.most(o.clientWidth + 1);
    expect($(el, '.base').scrollWidth).to.be.at.most($(el, '.base').clientWidth);
  });
});
