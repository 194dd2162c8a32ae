import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiLikert } from '../../src/index.js';
import { click, focusedIn, press, settle } from '../support/customer.js';
import {
  accessibleName,
  captureConsole,
  checkedValue,
  mountInForm,
  radios,
  recordEvents,
  runFormControlSuite,
} from '../support/form-control-suite.js';

const option = (el: KoubeiLikert, v: number) => el.shadowRoot!.querySelector<HTMLElement>(`[role=radio][data-value="${v}"]`)!;

runFormControlSuite<KoubeiLikert>({
  tag: 'koubei-likert',
  defaultName: 'csat',
  validValue: '4',
  answered: '1',
  inputsPerAnswer: 1,
  // Keyboard: Tab-like focus into the group, Home checks the first option.
  answer: async (el) => {
    el.focus();
    await press('Home');
  },
  shown: checkedValue,
  requiredMessage: { en: 'Select an answer to this question', 'zh-CN': '请选择一个答案', 'zh-TW': '請選擇一個答案' },
});

const LABELS: Record<string, Record<number, string[]>> = {
  en: {
    3: ['Dissatisfied', 'Neutral', 'Satisfied'],
    4: ['Very dissatisfied', 'Dissatisfied', 'Satisfied', 'Very satisfied'],
    5: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    7: [
      'Extremely dissatisfied',
      'Very dissatisfied',
      'Dissatisfied',
      'Neutral',
      'Satisfied',
      'Very satisfied',
      'Extremely satisfied',
    ],
  },
  'zh-CN': {
    3: ['不满意', '一般', '满意'],
    4: ['非常不满意', '不满意', '满意', '非常满意'],
    5: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
    7: ['极不满意', '非常不满意', '不满意', '一般', '满意', '非常满意', '极其满意'],
  },
  'zh-TW': {
    5: ['非常不滿意', '不滿意', '普通', '滿意', '非常滿意'],
  },
};

describe('<koubei-likert>', () => {
  describe('roles and names', () => {
    for (const [lang, byPoints] of Object.entries(LABELS)) {
      for (const [points, labels] of Object.entries(byPoints)) {
        it(`${points} points in ${lang}: a radiogroup of ${points} radios named by their labels`, async () => {
          const el = await fixture<KoubeiLikert>(html`<koubei-likert lang=${lang} points=${points}></koubei-likert>`);
          const group = el.shadowRoot!.querySelector('[role=radiogroup]')!;
          expect(accessibleName(group)).to.equal(el.questionText);
          expect(radios(el).map(accessibleName)).to.deep.equal(labels);
          expect(radios(el).map((o) => o.dataset.value)).to.deep.equal(labels.map((_, i) => String(i + 1)));
          expect(el.spec).to.deep.equal({ name: 'csat', type: 'likert', points: Number(points) });
        });
      }
    }

    for (const [lang, text] of [
      ['zh-CN', '您对本次购物体验的满意度如何？'],
      ['zh-TW', '您對本次購物體驗的滿意度如何？'],
      ['en', 'How satisfied are you with your experience?'],
    ]) {
      it(`asks the default question in ${lang}`, async () => {
        const el = await fixture<KoubeiLikert>(html`<koubei-likert lang=${lang}></koubei-likert>`);
        expect(accessibleName(el.shadowRoot!.querySelector('[role=radiogroup]')!)).to.equal(text);
      });
    }

    it('takes the question and the labels from the shop', async () => {
      const el = await fixture<KoubeiLikert>(
        html`<koubei-likert lang="zh-CN" points="3" question="物流配送" labels="慢 | 还行 | 快"></koubei-likert>`,
      );
      expect(accessibleName(el.shadowRoot!.querySelector('[role=radiogroup]')!)).to.equal('物流配送');
      expect(radios(el).map(accessibleName)).to.deep.equal(['慢', '还行', '快']);
      await expect(el).to.be.accessible();
    });

    for (const variant of ['numbers', 'stars', 'emoji'] as const) {
      it(`variant="${variant}" shows other content but keeps the labels as names`, async () => {
        const el = await fixture<KoubeiLikert>(html`<koubei-likert lang="en" variant=${variant}></koubei-likert>`);
        // Numbers: the visible number starts the name (label in name), the label follows.
        const names = radios(el).map(accessibleName);
        expect(names).to.deep.equal(
          variant === 'numbers' ? LABELS.en[5].map((l, i) => `${i + 1} ${l}`) : LABELS.en[5],
        );
        const shown = radios(el).map((o) => o.textContent!.trim());
        expect(shown).to.not.deep.equal(LABELS.en[5]);
        if (variant === 'numbers') {
          expect(shown).to.deep.equal(['1', '2', '3', '4', '5']);
          expect(el.shadowRoot!.querySelector('[part~="low-label"]')!.textContent).to.equal('Very dissatisfied');
          expect(el.shadowRoot!.querySelector('[part~="high-label"]')!.textContent).to.equal('Very satisfied');
        }
        if (variant === 'stars') expect(new Set(shown)).to.deep.equal(new Set(['★']));
        if (variant === 'emoji') expect(new Set(shown).size).to.equal(5);
        await click(option(el, 4));
        await el.updateComplete;
        expect(el.value).to.equal(4);
        await settle(el);
        await expect(el).to.be.accessible();
      });
    }

    it('stars fill up to the checked one', async () => {
      const el = await fixture<KoubeiLikert>(html`<koubei-likert lang="en" variant="stars" value="3"></koubei-likert>`);
      expect(radios(el).map((o) => o.classList.contains('filled'))).to.deep.equal([true, true, true, false, false]);
    });
  });

  describe('selection', () => {
    for (const points of [3, 4, 5, 7]) {
      it(`${points} points: arrows move and check with wrapping, clicks check`, async () => {
        const { form, el } = await mountInForm<KoubeiLikert>('koubei-likert', { points: String(points) });
        const log = recordEvents(form, el);
        el.focus();
        expect(focusedIn(el)?.dataset.value).to.equal('1');
        await press('ArrowLeft');
        await el.updateComplete;
        expect([el.value, focusedIn(el)?.dataset.value]).to.deep.equal([points, String(points)]);
        await press('ArrowRight');
        await el.updateComplete;
        expect([el.value, focusedIn(el)?.dataset.value]).to.deep.equal([1, '1']);
        await press('ArrowDown');
        await el.updateComplete;
        expect(el.value).to.equal(2);
        expect(radios(el).filter((o) => o.tabIndex === 0).map((o) => o.dataset.value)).to.deep.equal(['2']);
        await click(option(el, points));
        await el.updateComplete;
        expect(checkedValue(el)).to.equal(String(points));
        expect(log).to.deep.include({ input: 4, change: 4 });
        expect([...new FormData(form)]).to.deep.equal([['csat', String(points)]]);
      });
    }

    it('a value checked on 7 points is dropped when points shrink below it', async () => {
      const con = captureConsole('error');
      try {
        const { form, el } = await mountInForm<KoubeiLikert>('koubei-likert', { points: '7', value: '6' });
        expect([...new FormData(form)]).to.deep.equal([['csat', '6']]);
        el.points = 5;
        await el.updateComplete;
        expect(el.value).to.equal(null);
        expect([...new FormData(form)]).to.deep.equal([]);
        expect(el.spec).to.deep.equal({ name: 'csat', type: 'likert', points: 5 });
      } finally {
        con.restore();
      }
    });

    it('accepts a value only within its points', async () => {
      const con = captureConsole('error');
      try {
        const el = await fixture<KoubeiLikert>(html`<koubei-likert points="3" value="3"></koubei-likert>`);
        expect(el.value).to.equal(3);
        el.setAttribute('value', '5');
        await el.updateComplete;
        expect(el.value).to.equal(null);
        expect(con.lines.join('\n')).to.contain('value="5"');
      } finally {
        con.restore();
      }
    });
  });
});
