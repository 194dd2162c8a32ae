import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiNps } from '../../src/index.js';
import { click, focusedIn, press, settle, shiftTab } from '../support/customer.js';
import { enterSubmits, plainField } from '../support/enter-submits.js';
import {
  accessibleName,
  captureConsole,
  checkedValue,
  description,
  mountInForm,
  radios,
  recordEvents,
  runFormControlSuite,
} from '../support/form-control-suite.js';

const option = (el: KoubeiNps, v: number) => el.shadowRoot!.querySelector<HTMLElement>(`[role=radio][data-value="${v}"]`)!;

runFormControlSuite<KoubeiNps>({
  tag: 'koubei-nps',
  defaultName: 'nps',
  validValue: '9',
  answered: '3',
  inputsPerAnswer: 1,
  answer: (el) => click(option(el, 3)),
  shown: checkedValue,
  requiredMessage: { en: 'Select an answer to this question', 'zh-CN': '请选择一个答案', 'zh-TW': '請選擇一個答案' },
});

describe('<koubei-nps>', () => {
  describe('roles and names', () => {
    it('is a radiogroup named by the question with 11 radios named 0 to 10', async () => {
      const el = await fixture<KoubeiNps>(html`<koubei-nps lang="en" brand="Acme"></koubei-nps>`);
      const group = el.shadowRoot!.querySelector('[role=radiogroup]')!;
      expect(accessibleName(group)).to.equal('How likely are you to recommend Acme to a friend or colleague?');
      const options = radios(el);
      expect(options.map(accessibleName)).to.deep.equal(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(options.every((o) => group.contains(o))).to.equal(true);
      expect(options.map((o) => o.getAttribute('aria-checked'))).to.deep.equal(Array(11).fill('false'));
      await expect(el).to.be.accessible();
    });

    const questions: [string, string | undefined, string][] = [
      ['zh-CN', '优选', '您有多大可能向朋友或同事推荐优选？'],
      ['zh-CN', undefined, '您有多大可能向朋友或同事推荐我们？'],
      ['zh-TW', '優選', '您有多大可能向朋友或同事推薦優選？'],
      ['zh-TW', undefined, '您有多大可能向朋友或同事推薦我們？'],
      ['en', 'Acme', 'How likely are you to recommend Acme to a friend or colleague?'],
      ['en', undefined, 'How likely are you to recommend us to a friend or colleague?'],
    ];
    for (const [lang, brand, text] of questions) {
      it(`asks the standard question in ${lang}${brand ? ` naming ${brand}` : ''}`, async () => {
        const el = await fixture<KoubeiNps>(html`<koubei-nps lang=${lang} brand=${brand ?? ''}></koubei-nps>`);
        expect(el.shadowRoot!.querySelector('[part~="question"]')!.textContent!.trim()).to.equal(text);
        expect(el.questionText).to.equal(text);
      });
    }

    it('follows the nearest ancestor lang, then <html lang>', async () => {
      const wrap = await fixture<HTMLElement>(html`<div lang="zh-TW"><koubei-nps></koubei-nps></div>`);
      const el = wrap.querySelector('koubei-nps')!;
      await el.updateComplete;
      expect(el.questionText).to.equal('您有多大可能向朋友或同事推薦我們？');
      wrap.setAttribute('lang', 'zh-CN');
      await new Promise((r) => setTimeout(r));
      await el.updateComplete;
      expect(el.questionText).to.equal('您有多大可能向朋友或同事推荐我们？');
    });

    it('uses the question attribute as the group name when given', async () => {
      const el = await fixture<KoubeiNps>(html`<koubei-nps lang="en" question="Would you recommend our app?"></koubei-nps>`);
      expect(accessibleName(el.shadowRoot!.querySelector('[role=radiogroup]')!)).to.equal('Would you recommend our app?');
    });

    for (const [lang, low, high] of [
      ['zh-CN', '完全不可能', '极有可能'],
      ['zh-TW', '完全不可能', '極有可能'],
      ['en', 'Not at all likely', 'Extremely likely'],
    ]) {
      it(`labels the ends in ${lang} and ties them to 0 and 10`, async () => {
        const el = await fixture<KoubeiNps>(html`<koubei-nps lang=${lang}></koubei-nps>`);
        expect(el.shadowRoot!.querySelector('[part~="low-label"]')!.textContent!.trim()).to.equal(low);
        expect(el.shadowRoot!.querySelector('[part~="high-label"]')!.textContent!.trim()).to.equal(high);
        expect(description(option(el, 0))).to.equal(low);
        expect(description(option(el, 10))).to.equal(high);
        expect(description(option(el, 5))).to.equal('');
      });
    }

    it('takes low-label and high-label from the shop', async () => {
      const el = await fixture<KoubeiNps>(html`<koubei-nps lang="en" low-label="Never" high-label="Absolutely"></koubei-nps>`);
      expect(description(option(el, 0))).to.equal('Never');
      expect(description(option(el, 10))).to.equal('Absolutely');
    });
  });

  describe('selection', () => {
    it('a click checks one score and makes it the only tab stop', async () => {
      const el = await fixture<KoubeiNps>(html`<koubei-nps lang="en"></koubei-nps>`);
      await click(option(el, 7));
      await el.updateComplete;
      expect(el.value).to.equal(7);
      expect(checkedValue(el)).to.equal('7');
      expect(radios(el).filter((o) => o.tabIndex === 0).map((o) => o.dataset.value)).to.deep.equal(['7']);
      await click(option(el, 10));
      await el.updateComplete;
      expect(checkedValue(el)).to.equal('10');
      await settle(el);
      await expect(el).to.be.accessible();
    });

    it('is one tab stop: Tab enters on the first score (or the checked one) and the next Tab leaves', async () => {
      const wrap = await fixture<HTMLElement>(html`<div>
        <button id="before">before</button><koubei-nps lang="en"></koubei-nps><button id="after">after</button>
      </div>`);
      const el = wrap.querySelector('koubei-nps')!;
      await el.updateComplete;
      wrap.querySelector<HTMLButtonElement>('#before')!.focus();
      await press('Tab');
      expect(focusedIn(el)?.dataset.value).to.equal('0');
      expect(el.value, 'focus alone checks nothing').to.equal(null);
      await press('Tab');
      expect(document.activeElement!.id).to.equal('after');
      el.value = 6;
      await el.updateComplete;
      await shiftTab();
      expect(focusedIn(el)?.dataset.value).to.equal('6');
    });

    it('arrows move and check, wrapping at both ends; Space checks the focused score', async () => {
      const { form, el } = await mountInForm<KoubeiNps>('koubei-nps');
      const log = recordEvents(form, el);
      el.focus();
      expect(focusedIn(el)?.dataset.value).to.equal('0');
      await press('Space');
      await el.updateComplete;
      expect(el.value).to.equal(0);
      await press('ArrowLeft');
      await el.updateComplete;
      expect([el.value, focusedIn(el)?.dataset.value]).to.deep.equal([10, '10']);
      await press('ArrowRight');
      await el.updateComplete;
      expect([el.value, focusedIn(el)?.dataset.value]).to.deep.equal([0, '0']);
      await press('ArrowDown');
      await press('ArrowDown');
      await el.updateComplete;
      expect([el.value, focusedIn(el)?.dataset.value]).to.deep.equal([2, '2']);
      await press('ArrowUp');
      await el.updateComplete;
      expect(el.value).to.equal(1);
      expect(checkedValue(el)).to.equal('1');
      expect(log).to.deep.include({ input: 6, change: 6 });
    });

    it('Enter in the scale never submits the form, on a page that submits on an Enter no control handled', async () => {
      const { form, el } = await mountInForm<KoubeiNps>('koubei-nps');
      let submitted = 0;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        submitted++;
      });
      const acted = enterSubmits(form, () => form.requestSubmit());
      // The control: the same key in a plain field of this form submits it.
      plainField(form).focus();
      await press('Enter');
      expect([acted(), submitted], 'Enter in a plain field').to.deep.equal([1, 1]);
      el.focus();
      await press('ArrowRight');
      await el.updateComplete;
      // Focus lands on 0 (nothing checked yet); ArrowRight checks 1: the keys reach the scale.
      expect(el.value, 'the keys reach the scale').to.equal(1);
      await press('Enter');
      await el.updateComplete;
      expect([acted(), submitted], 'Enter in the scale').to.deep.equal([1, 1]);
      expect(el.value, 'Enter changes no answer').to.equal(1);
    });

    it('a bad value is reported and ignored', async () => {
      const con = captureConsole('error');
      try {
        const errors: CustomEvent[] = [];
        const wrap = await fixture<HTMLElement>(html`<div @koubei-error=${(e: CustomEvent) => errors.push(e)}></div>`);
        const el = document.createElement('koubei-nps');
        el.setAttribute('value', '11');
        wrap.append(el);
        await el.updateComplete;
        expect(el.value).to.equal(null);
        expect(checkedValue(el)).to.equal('');
        expect(con.lines.join('\n')).to.match(/<koubei-nps> value="11"/);
        expect(errors.map((e) => e.detail)).to.deep.include({ reason: 'config', attribute: 'value', value: '11', message: errors[0]?.detail.message });
      } finally {
        con.restore();
      }
    });
  });
});
