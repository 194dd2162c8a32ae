// NPS and Likert are radio groups, nothing is pre-selected,
// and the keyboard follows the WAI-ARIA radio-group pattern.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { KoubeiLikert, KoubeiNps, KoubeiSurvey } from '../../src/index.js';
import { enterSubmits, plainField } from '../support/enter-submits.js';
import { $, deepActive, radios } from './helpers.js';

const ENDS = {
  'zh-CN': ['完全不可能', '极有可能'],
  'zh-TW': ['完全不可能', '極有可能'],
  en: ['Not at all likely', 'Extremely likely'],
} as const;

/** The text an element's aria-describedby points at, inside its shadow root. */
function description(el: Element): string {
  const root = el.getRootNode() as ShadowRoot;
  return (el.getAttribute('aria-describedby') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => {
      const target = root.getElementById(id);
      expect(target, `#${id} exists`).to.exist;
      expect(target!.closest('[aria-hidden=true]'), `#${id} is not hidden from screen readers`).to.equal(null);
      return target!.textContent!.trim();
    })
    .join(' ');
}

/** Accessible name of an option: aria-label, else its text. */
const nameOf = (el: Element) => el.getAttribute('aria-label') ?? el.textContent!.trim();

describe('radio groups', () => {
  for (const [lang, [low, high]] of Object.entries(ENDS)) {
    it(`NPS in ${lang}: a radiogroup named by the question, 11 radios, ends described by ${low} / ${high}`, async () => {
      const el = await fixture<KoubeiNps>(html`<koubei-nps lang=${lang} brand="口碑"></koubei-nps>`);
      const group = $(el, '[role=radiogroup]');
      const label = el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!;
      expect(label.textContent).to.contain(el.questionText);
      expect(el.questionText).to.contain('口碑');
      const opts = radios(el);
      expect(opts.map(nameOf)).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(description(opts[0])).to.equal(low);
      expect(description(opts[10])).to.equal(high);
      expect(opts.slice(1, 10).every((o) => !o.hasAttribute('aria-describedby'))).to.be.true;
    });
  }

  for (const variant of ['labels', 'numbers', 'stars', 'emoji']) {
    it(`Likert (${variant}): points options named by their zh-CN labels`, async () => {
      const el = await fixture<KoubeiLikert>(html`<koubei-likert lang="zh-CN" variant=${variant}></koubei-likert>`);
      expect($(el, '[role=radiogroup]').getAttribute('aria-labelledby')).to.equal('question');
      const labels = ['非常不满意', '不满意', '一般', '满意', '非常满意'];
      // Numbers: the visible number begins the name (label in name, WCAG 2.5.3).
      expect(radios(el).map(nameOf)).to.deep.equal(variant === 'numbers' ? labels.map((l, i) => `${i + 1} ${l}`) : labels);
    });
  }

  it('Likert points="7" has 7 radios', async () => {
    const el = await fixture<KoubeiLikert>(html`<koubei-likert points="7"></koubei-likert>`);
    expect(radios(el)).to.have.length(7);
  });

  it('nothing is pre-selected: no value, no FormData entry, every aria-checked=false', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <koubei-nps name="nps"></koubei-nps><koubei-likert name="csat"></koubei-likert>
    </form>`);
    for (const q of form.querySelectorAll<KoubeiNps>('koubei-nps, koubei-likert')) {
      await q.updateComplete;
      expect(q.value).to.equal(null);
      expect(radios(q).every((o) => o.getAttribute('aria-checked') === 'false')).to.be.true;
    }
    expect([...new FormData(form).keys()]).to.deep.equal([]);
  });
});

describe('radio-group keyboard (WAI-ARIA pattern)', () => {
  async function page(value = '', dir = '') {
    const wrap = await fixture<HTMLDivElement>(html`<div dir=${dir || 'ltr'}>
      <form @submit=${(e: Event) => { e.preventDefault(); submits++; }}>
        <button type="button" id="before">before</button>
        <koubei-survey survey-id="kb" @koubei-submit=${(e: Event) => { e.preventDefault(); submits++; }}>
          <koubei-nps value=${value || ''}></koubei-nps>
        </koubei-survey>
        <button type="submit" id="after">after</button>
      </form>
    </div>`);
    const nps = wrap.querySelector<KoubeiNps>('koubei-nps')!;
    await nps.updateComplete;
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    return { wrap, nps };
  }
  let submits = 0;
  beforeEach(() => (submits = 0));
  const focusedValue = () => (deepActive() as HTMLElement | null)?.dataset.value;

  it('Tab lands on the first option when nothing is checked, one more Tab leaves the group', async () => {
    const { nps } = await page();
    await sendKeys({ press: 'Tab' });
    expect(focusedValue()).to.equal('0');
    expect(nps.value).to.equal(null, 'focus alone does not answer');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.localName).to.not.equal('div');
    expect(radios(nps).includes(deepActive() as HTMLElement)).to.be.false;
  });

  it('Tab lands on the checked option; Shift+Tab leaves backwards', async () => {
    const { nps } = await page('7');
    await sendKeys({ press: 'Tab' });
    expect(focusedValue()).to.equal('7');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(deepActive()?.id).to.equal('before');
  });

  it('Right/Down check the next option, Left/Up the previous, wrapping at both ends', async () => {
    const { nps } = await page();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowRight' });
    expect([nps.value, focusedValue()]).to.deep.equal([1, '1']);
    await sendKeys({ press: 'ArrowDown' });
    expect([nps.value, focusedValue()]).to.deep.equal([2, '2']);
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowLeft' });
    expect([nps.value, focusedValue()]).to.deep.equal([0, '0']);
    await sendKeys({ press: 'ArrowLeft' });
    expect([nps.value, focusedValue()]).to.deep.equal([10, '10'], 'wraps to the last');
    await sendKeys({ press: 'ArrowRight' });
    expect([nps.value, focusedValue()]).to.deep.equal([0, '0'], 'wraps to the first');
    expect(radios(nps).filter((o) => o.getAttribute('aria-checked') === 'true')).to.have.length(1);
    expect(radios(nps).filter((o) => o.tabIndex === 0)).to.have.length(1);
  });

  it('Space checks the focused option', async () => {
    const { nps } = await page();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: ' ' });
    expect(nps.value).to.equal(0);
    expect(radios(nps)[0].getAttribute('aria-checked')).to.equal('true');
  });

  it('in dir=rtl on an ancestor ArrowLeft moves to the next option and ArrowRight to the previous', async () => {
    const { nps } = await page('5', 'rtl');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowLeft' });
    expect(nps.value).to.equal(6);
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    expect(nps.value).to.equal(4);
    await sendKeys({ press: 'ArrowDown' });
    expect(nps.value).to.equal(5, 'Down is next in both directions');
  });

  it('arrowing, Space and Enter never submit the survey or a host form that submits both on Enter', async () => {
    const { wrap, nps } = await page();
    const form = wrap.querySelector('form')!;
    const survey = wrap.querySelector<KoubeiSurvey>('koubei-survey')!;
    const acted = enterSubmits(form, () => (form.requestSubmit(), survey.requestSubmit()));
    let changes = 0;
    nps.addEventListener('change', () => changes++);
    await sendKeys({ press: 'Tab' });
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp', ' ', 'Enter', 'Home', 'End']) {
      await sendKeys({ press: key });
    }
    expect(submits).to.equal(0);
    expect(acted(), 'no Enter reached the page').to.equal(0);
    // The keys reached the scale. Tab lands on 0 unchecked; ArrowRight → 1, ArrowRight → 2, ArrowLeft → 1,
    // ArrowDown → 2, ArrowUp → 1, Space keeps 1 (no change), Enter nothing, Home → 0, End → 10: seven changes.
    expect(changes).to.equal(7);
    expect(nps.value).to.equal(10);
    expect(survey.response).to.equal(undefined);
    // The control, last (it submits the survey): Enter in a plain field submits the form and the survey.
    plainField(form).focus();
    await sendKeys({ press: 'Enter' });
    await survey.updateComplete;
    expect([acted(), submits], 'Enter in a plain field').to.deep.equal([1, 2]);
  });

  it('a disabled scale cannot be reached or changed from the keyboard', async () => {
    const wrap = await fixture(html`<div><button id="b">b</button><koubei-nps disabled></koubei-nps><button id="c">c</button></div>`);
    const nps = wrap.querySelector<KoubeiNps>('koubei-nps')!;
    await nps.updateComplete;
    wrap.querySelector<HTMLButtonElement>('#b')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(deepActive()?.id).to.equal('c');
    expect(nps.value).to.equal(null);
  });
});
