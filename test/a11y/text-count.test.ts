// The GOV.UK character-count pattern, grapheme
// counting, and IME composition (pinyin, zhuyin, cangjie) in the text box.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { scoreResponse } from '../../src/scoring/index.js';
import { enterSubmits, plainField } from '../support/enter-submits.js';
import { $, $$ } from './helpers.js';

/**
 * A hand-driven clock for the component's setTimeout: the live region's
 * "after typing pauses" is then tested without waiting and without flakiness.
 */
function fakeTimers() {
  const realSet = window.setTimeout;
  const realClear = window.clearTimeout;
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  window.setTimeout = ((fn: () => void, ms = 0) => {
    const id = next++;
    timers.set(id, { at: now + ms, fn });
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id: number) => void timers.delete(id)) as typeof window.clearTimeout;
  return {
    tick(ms: number) {
      now += ms;
      for (const [id, t] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    restore() {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
    },
  };
}

async function text(lang = 'zh-CN', attrs: { max?: string } = {}) {
  const el = await fixture<KoubeiText>(html`<koubei-text lang=${lang} maxlength=${attrs.max ?? '1000'}></koubei-text>`);
  await el.updateComplete;
  return el;
}

function type(el: KoubeiText, value: string, init: InputEventInit = {}) {
  const ta = $<HTMLTextAreaElement>(el, 'textarea');
  ta.value = value;
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText', ...init }));
}

const counter = (el: KoubeiText) => $(el, '[part=counter]').textContent!.trim();
const live = (el: KoubeiText) => $$(el, '[aria-live]');

describe('character count (GOV.UK pattern)', () => {
  it('shows a static hint tied to the box, in zh-CN and en', async () => {
    const zh = await text('zh-CN');
    expect($(zh, '[part=hint]').textContent!.trim()).to.equal('最多可输入 1000 字');
    expect($(zh, 'textarea').getAttribute('aria-describedby')!.split(' ')).to.include('hint');
    const en = await text('en');
    expect($(en, '[part=hint]').textContent!.trim()).to.equal('You can enter up to 1000 characters');
    type(en, 'hello');
    await en.updateComplete;
    expect($(en, '[part=hint]').textContent!.trim(), 'the hint never changes').to.equal('You can enter up to 1000 characters');
  });

  it('the visible counter is hidden from screen readers and there is exactly one polite live region', async () => {
    const el = await text();
    expect($(el, '[part=counter]').getAttribute('aria-hidden')).to.equal('true');
    expect(live(el)).to.have.length(1);
    expect(live(el)[0].getAttribute('aria-live')).to.equal('polite');
    expect(live(el)[0].textContent!.trim()).to.equal('');
  });

  it('the live region speaks only after typing pauses, once, with the latest count', async () => {
    const el = await text('zh-CN', { max: '10' });
    const clock = fakeTimers();
    try {
      for (const v of ['很', '很好', '很好吃', '很好吃的']) {
        type(el, v);
        await el.updateComplete;
        clock.tick(400);
        await el.updateComplete;
        expect(live(el)[0].textContent!.trim(), `silent while typing "${v}"`).to.equal('');
      }
      expect(counter(el), 'the visible counter follows every keystroke').to.equal('还可输入 6 字');
      clock.tick(1000);
      await el.updateComplete;
      expect(live(el)[0].textContent!.trim()).to.equal('还可输入 6 字');
    } finally {
      clock.restore();
    }
  });

  it('no native maxlength: going over keeps the text, says "超出 N 字" and blocks submit', async () => {
    const survey = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-CN" survey-id="t" @koubei-submit=${(e: Event) => e.preventDefault()}>
      <koubei-text maxlength="5"></koubei-text>
    </koubei-survey>`);
    const el = survey.querySelector('koubei-text')!;
    await el.updateComplete;
    expect($(el, 'textarea').hasAttribute('maxlength')).to.be.false;
    type(el, '物流很快包装好');
    await el.updateComplete;
    expect($<HTMLTextAreaElement>(el, 'textarea').value).to.equal('物流很快包装好');
    expect(counter(el)).to.equal('超出 2 字');
    expect(await survey.requestSubmit()).to.equal(undefined);
    expect(survey.response).to.equal(undefined);
    await el.updateComplete;
    expect($(el, '[part=error]').textContent).to.contain('回答不能超过 5 字');
  });

  it('English over the limit reads "You have N characters too many" and "1 character too many"', async () => {
    const el = await text('en', { max: '3' });
    type(el, 'abcdef');
    await el.updateComplete;
    expect(counter(el)).to.equal('You have 3 characters too many');
    type(el, 'abcd');
    await el.updateComplete;
    expect(counter(el)).to.equal('You have 1 character too many');
    type(el, 'ab');
    await el.updateComplete;
    expect(counter(el)).to.equal('You have 1 character remaining');
  });

  const cases: [string, number][] = [
    ['很好👍🏽', 3],
    ['👨‍👩‍👧', 1],
    ['𠮷野家', 3],
    ['a\r\nb', 3],
    ['é', 1], // e + combining acute
    ['🇨🇳🇹🇼', 2],
  ];
  for (const [s, n] of cases) {
    it(`counts ${JSON.stringify(s)} as ${n} (the same as scoreResponse in Node)`, async () => {
      const el = await text('en', { max: '10' });
      type(el, s);
      await el.updateComplete;
      expect(counter(el)).to.equal(`You have ${10 - n} character${10 - n === 1 ? '' : 's'} remaining`);
      const scored = scoreResponse({ comment: s }, [{ name: 'comment', type: 'text' }]) as unknown as Record<string, { length?: number }>;
      expect(JSON.stringify(scored)).to.contain(`"length":${n}`);
    });
  }
});

describe('IME composition', () => {
  async function inSurvey() {
    let submits = 0;
    const survey = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-CN" survey-id="ime" @koubei-submit=${(e: Event) => { e.preventDefault(); submits++; }}>
      <koubei-text maxlength="100"></koubei-text>
    </koubei-survey>`);
    const el = survey.querySelector('koubei-text')!;
    await el.updateComplete;
    // A page that submits the survey on an Enter no control handled: the IME's Enter must not reach it.
    const acted = enterSubmits(survey, () => survey.requestSubmit());
    return { survey, el, ta: $<HTMLTextAreaElement>(el, 'textarea'), submits: () => submits, acted };
  }

  it('the control: an Enter that reaches the page submits this survey', async () => {
    const { survey, submits, acted } = await inSurvey();
    survey.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    await survey.updateComplete;
    expect([acted(), submits()]).to.deep.equal([1, 1]);
  });

  it('pinyin: the counter does not move while composing and Enter (isComposing) does nothing; it updates once at compositionend', async () => {
    const { el, ta, submits, acted } = await inSurvey();
    let inputs = 0;
    el.addEventListener('input', () => inputs++);
    ta.focus();
    ta.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
    for (const v of ['h', 'ha', 'hao', 'haod', 'haode']) {
      type(el, v, { isComposing: true, inputType: 'insertCompositionText' });
      await el.updateComplete;
      expect(counter(el), `mid-composition "${v}"`).to.equal('还可输入 100 字');
    }
    const enter = new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: true, bubbles: true, composed: true, cancelable: true });
    ta.dispatchEvent(enter);
    expect(inputs).to.equal(0);
    type(el, '好的', { isComposing: true, inputType: 'insertCompositionText' });
    ta.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '好的' }));
    await el.updateComplete;
    expect(counter(el)).to.equal('还可输入 98 字');
    expect(inputs).to.equal(1);
    expect(el.value).to.equal('好的');
    expect(submits()).to.equal(0);
    expect(acted(), 'the Enter never reached the page').to.equal(0);
  });

  it("Safari's order: compositionend first, then Enter's keydown with keyCode 229 does not submit", async () => {
    const { survey, el, ta, submits, acted } = await inSurvey();
    ta.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true }));
    type(el, 'ㄏㄠˇ', { isComposing: true });
    ta.value = '好';
    ta.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '好' }));
    const enter = new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, isComposing: false, bubbles: true, composed: true, cancelable: true });
    ta.dispatchEvent(enter);
    await el.updateComplete;
    expect(submits()).to.equal(0);
    expect(acted(), 'the Enter never reached the page').to.equal(0);
    expect(survey.response).to.equal(undefined);
    expect(counter(el)).to.equal('还可输入 99 字');
  });

  it('Enter in the text box adds a line and never submits the survey or a host form that submits both on Enter', async () => {
    let formSubmits = 0;
    const form = await fixture<HTMLFormElement>(html`<form @submit=${(e: Event) => { e.preventDefault(); formSubmits++; }}>
      <koubei-survey lang="en" survey-id="enter" @koubei-submit=${(e: Event) => { e.preventDefault(); formSubmits++; }}>
        <koubei-text></koubei-text>
      </koubei-survey>
      <button>go</button>
    </form>`);
    const el = form.querySelector('koubei-text')!;
    const survey = form.querySelector<KoubeiSurvey>('koubei-survey')!;
    await el.updateComplete;
    const acted = enterSubmits(form, () => (form.requestSubmit(), survey.requestSubmit()));
    $(el, 'textarea').focus();
    await sendKeys({ type: 'ok' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'fine' });
    await el.updateComplete;
    expect(el.value).to.equal('ok\nfine');
    expect([acted(), formSubmits], 'Enter in the text box').to.deep.equal([0, 0]);
    // The control, last (it submits the survey): Enter in a plain field submits the form and the survey.
    plainField(form).focus();
    await sendKeys({ press: 'Enter' });
    await survey.updateComplete;
    expect([acted(), formSubmits], 'Enter in a plain field').to.deep.equal([1, 2]);
  });
});
