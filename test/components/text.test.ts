import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiText } from '../../src/index.js';
import { press, type } from '../support/customer.js';
import { enterSubmits, plainField } from '../support/enter-submits.js';
import { captureConsole, mountInForm, recordEvents, runFormControlSuite } from '../support/form-control-suite.js';

const textarea = (el: KoubeiText) => el.shadowRoot!.querySelector('textarea')!;
const counter = (el: KoubeiText) => el.shadowRoot!.querySelector('[part~="counter"]')!;

/** Types into the text box as a customer: focus, select what is there, type over it. */
async function typeOver(el: KoubeiText, text: string): Promise<void> {
  el.focus();
  if (el.shadowRoot!.activeElement === textarea(el)) textarea(el).select();
  await type(text);
}

runFormControlSuite<KoubeiText>({
  tag: 'koubei-text',
  defaultName: 'comment',
  validValue: 'great',
  answered: 'ok',
  inputsPerAnswer: 2,
  answer: (el) => typeOver(el, 'ok'),
  // Like a native text box, change fires when the text box loses focus.
  commit: async (el) => textarea(el).blur(),
  shown: (el) => textarea(el).value,
  requiredMessage: { en: 'Enter an answer to this question', 'zh-CN': '请填写此问题', 'zh-TW': '請填寫此問題' },
});

describe('<koubei-text>', () => {
  describe('roles and names', () => {
    for (const [lang, question, hint] of [
      ['zh-CN', '您还有什么想告诉我们的吗？', '最多可输入 1000 字'],
      ['zh-TW', '您還有什麼想告訴我們的嗎？', '最多可輸入 1000 字'],
      ['en', 'Is there anything else you would like to tell us?', 'You can enter up to 1000 characters'],
    ]) {
      it(`labels the text box with the default question in ${lang}`, async () => {
        const el = await fixture<KoubeiText>(html`<koubei-text lang=${lang}></koubei-text>`);
        const ta = textarea(el);
        expect(ta.labels?.[0]?.textContent?.trim()).to.equal(question);
        expect(el.shadowRoot!.getElementById(ta.getAttribute('aria-describedby')!.split(' ')[0])!.textContent).to.equal(hint);
        await expect(el).to.be.accessible();
      });
    }

    it('takes question, placeholder and rows from the shop', async () => {
      const el = await fixture<KoubeiText>(
        html`<koubei-text lang="zh-CN" question="还有什么建议？" placeholder="选填" rows="6"></koubei-text>`,
      );
      expect(textarea(el).labels?.[0]?.textContent?.trim()).to.equal('还有什么建议？');
      expect(textarea(el).placeholder).to.equal('选填');
      expect(textarea(el).rows).to.equal(6);
      expect(textarea(el).hasAttribute('maxlength'), 'no native maxlength: it would cut text').to.equal(false);
    });
  });

  describe('counter', () => {
    it('counts typed Chinese and ASCII as the customer sees them', async () => {
      const el = await fixture<KoubeiText>(html`<koubei-text lang="zh-CN" maxlength="10"></koubei-text>`);
      expect(counter(el).textContent!.trim()).to.equal('还可输入 10 字');
      await typeOver(el, '很好ok');
      await el.updateComplete;
      expect(el.value).to.equal('很好ok');
      expect(counter(el).textContent!.trim()).to.equal('还可输入 6 字');
    });

    const cases: [string, number][] = [
      ['很好👍🏽', 3],
      ['👨‍👩‍👧', 1],
      ['𠮷野家', 3],
      ['a\r\nb', 3],
      ['', 0],
    ];
    for (const [text, n] of cases) {
      it(`counts ${JSON.stringify(text)} as ${n}`, async () => {
        const el = await fixture<KoubeiText>(html`<koubei-text lang="en" maxlength="5"></koubei-text>`);
        el.value = text;
        await el.updateComplete;
        const left = 5 - n;
        expect(counter(el).textContent!.trim()).to.equal(
          left === 1 ? 'You have 1 character remaining' : `You have ${left} characters remaining`,
        );
      });
    }

    it('typed emoji count as one each', async () => {
      const el = await fixture<KoubeiText>(html`<koubei-text lang="en" maxlength="5"></koubei-text>`);
      await typeOver(el, '很好👍🏽');
      await el.updateComplete;
      expect(el.value).to.equal('很好👍🏽');
      expect(counter(el).textContent!.trim()).to.equal('You have 2 characters remaining');
    });

    it('over maxlength: the counter says by how much, the text is kept and the control is invalid', async () => {
      const { form, el } = await mountInForm<KoubeiText>('koubei-text', { maxlength: '5' }, { lang: 'zh-CN' });
      await typeOver(el, '很好很好很好');
      await el.updateComplete;
      expect(el.value, 'never cut').to.equal('很好很好很好');
      expect(counter(el).textContent!.trim()).to.equal('超出 1 字');
      expect(counter(el).classList.contains('over')).to.equal(true);
      expect(el.validity.tooLong).to.equal(true);
      expect(el.validationMessage).to.equal('回答不能超过 5 字');
      expect(form.checkValidity()).to.equal(false);
      await typeOver(el, '很好很好');
      await el.updateComplete;
      expect(el.validity.valid).to.equal(true);
      expect(counter(el).textContent!.trim()).to.equal('还可输入 1 字');
    });

    it('spaces and line breaks at the ends do not count: the answer is sent trimmed', async () => {
      const { form, el } = await mountInForm<KoubeiText>('koubei-text', { maxlength: '4' }, { lang: 'en' });
      await typeOver(el, 'good\n');
      await el.updateComplete;
      expect(counter(el).textContent!.trim()).to.equal('You have 0 characters remaining');
      expect(form.checkValidity(), 'a trailing Enter does not block submit').to.equal(true);
      await typeOver(el, ' a b c ');
      await el.updateComplete;
      expect(counter(el).textContent!.trim(), 'inner spaces count').to.equal('You have 1 character too many');
    });

    it('English plural and singular wording over the limit', async () => {
      const el = await fixture<KoubeiText>(html`<koubei-text lang="en" maxlength="2"></koubei-text>`);
      el.value = 'abc';
      await el.updateComplete;
      expect(counter(el).textContent!.trim()).to.equal('You have 1 character too many');
      el.value = 'abcd';
      await el.updateComplete;
      expect(counter(el).textContent!.trim()).to.equal('You have 2 characters too many');
    });
  });

  describe('events', () => {
    it('input per keystroke, change once on blur, none when the text is back as it was', async () => {
      const { form, el } = await mountInForm<KoubeiText>('koubei-text', { value: 'ok' });
      const log = recordEvents(form, el);
      await typeOver(el, 'fine');
      expect(log).to.deep.include({ input: 4, change: 0 });
      textarea(el).blur();
      expect(log).to.deep.include({ input: 4, change: 1 });
      // Typed over with the same text: input fires, change does not (as a native text box).
      await typeOver(el, 'fine');
      textarea(el).blur();
      expect(log).to.deep.include({ input: 8, change: 1 });
    });

    it('Enter adds a line and never submits the form, on a page that submits on an Enter no control handled', async () => {
      const { form, el } = await mountInForm<KoubeiText>('koubei-text');
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
      await typeOver(el, 'a');
      await press('Enter');
      await type('b');
      expect(el.value).to.equal('a\nb');
      expect([acted(), submitted], 'Enter in the text box').to.deep.equal([1, 1]);
    });

    it('required: spaces alone are no answer', async () => {
      const { form, el } = await mountInForm<KoubeiText>('koubei-text', { required: true });
      await typeOver(el, '   ');
      await el.updateComplete;
      expect(el.validity.valueMissing).to.equal(true);
      expect(form.checkValidity()).to.equal(false);
    });

    it('the answer is trimmed; blank is no answer', async () => {
      const el = await fixture<KoubeiText>(html`<koubei-text></koubei-text>`);
      el.value = '  很好  ';
      expect(el.answer).to.equal('很好');
      el.value = '   ';
      expect(el.answer).to.equal(undefined);
    });
  });

  it('a bad maxlength or rows is reported and the default used', async () => {
    const con = captureConsole('error');
    try {
      const errors: CustomEvent[] = [];
      const wrap = await fixture<HTMLElement>(html`<div @koubei-error=${(e: CustomEvent) => errors.push(e)}></div>`);
      const el = document.createElement('koubei-text');
      el.setAttribute('maxlength', '-1');
      el.setAttribute('rows', 'many');
      wrap.append(el);
      await el.updateComplete;
      expect(el.max).to.equal(1000);
      expect(textarea(el).rows).to.equal(4);
      const text = con.lines.join('\n');
      expect(text).to.contain('<koubei-text> maxlength="-1"');
      expect(text).to.contain('<koubei-text> rows="many"');
      expect(errors.map((e) => e.detail.attribute).sort()).to.deep.equal(['maxlength', 'rows']);
    } finally {
      con.restore();
    }
  });
});
