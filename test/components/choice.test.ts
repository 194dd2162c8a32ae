import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiChoice, KoubeiResponse, KoubeiSurvey } from '../../src/index.js';
import { responseSchema } from '../../src/schema.js';
import { scoreResponse } from '../../src/scoring/score.js';
import { summarize } from '../../src/scoring/summarize.js';
import { click, focusedIn, press, type } from '../support/customer.js';
import { captureConsole, runFormControlSuite } from '../support/form-control-suite.js';

const OPTIONS = '<option value="late">送货慢</option><option value="damaged">包装破损</option><option value="wrong">发错货</option>';
const inputs = (el: KoubeiChoice) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="choice"]')];
const input = (el: KoubeiChoice, value: string) => inputs(el).find((i) => i.value === value)!;
const labelOf = (el: KoubeiChoice, value: string) => input(el, value).closest('label')!;

runFormControlSuite<KoubeiChoice>({
  tag: 'koubei-choice',
  children: OPTIONS,
  defaultName: 'choice',
  validValue: 'damaged',
  answered: 'late',
  inputsPerAnswer: 1,
  answer: (el) => click(labelOf(el, 'late')),
  shown: (el) => inputs(el).find((i) => i.checked)?.value ?? '',
  requiredMessage: { en: 'Select an answer to this question', 'zh-CN': '请选择一个答案', 'zh-TW': '請選擇一個答案' },
});

describe('<koubei-choice>', () => {
  it('single: a radio group named by the question; arrows move and check, wrapping', async () => {
    const el = await fixture<KoubeiChoice>(html`<koubei-choice lang="zh-CN" name="reason" question="哪里出了问题？"><option value="late">送货慢</option><option value="damaged">包装破损</option><option value="wrong">发错货</option></koubei-choice>`);
    const group = el.shadowRoot!.querySelector('[part~="base"]')!;
    expect(group.getAttribute('role')).to.equal('radiogroup');
    expect(el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent!.trim()).to.equal('哪里出了问题？');
    expect(inputs(el).map((i) => [i.type, i.value, i.closest('label')!.textContent!.trim()])).to.deep.equal([
      ['radio', 'late', '送货慢'],
      ['radio', 'damaged', '包装破损'],
      ['radio', 'wrong', '发错货'],
    ]);
    await expect(el).to.be.accessible();
    await click(labelOf(el, 'damaged'));
    expect(el.value).to.equal('damaged');
    await press('ArrowDown');
    await el.updateComplete;
    expect(el.value).to.equal('wrong');
    await press('ArrowDown'); // wraps to the first
    await el.updateComplete;
    expect(el.value).to.equal('late');
    expect(focusedIn(el)?.getAttribute('value') ?? (focusedIn(el) as HTMLInputElement).value).to.equal('late');
  });

  it('multiple: a group of checkboxes; Tab moves between them, Space toggles; the value is an array in option order', async () => {
    const el = await fixture<KoubeiChoice>(html`<koubei-choice lang="en" multiple><option value="late">Late</option><option value="damaged">Damaged</option><option value="wrong">Wrong item</option></koubei-choice>`);
    expect(el.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('role')).to.equal('group');
    expect(el.shadowRoot!.querySelector('[part~="hint"]')!.textContent).to.equal('Choose all that apply');
    expect(inputs(el).every((i) => i.type === 'checkbox')).to.equal(true);
    await click(labelOf(el, 'wrong'));
    input(el, 'late').focus();
    await press('Space');
    await el.updateComplete;
    expect(el.value).to.deep.equal(['late', 'wrong']);
    await press('Tab');
    await press('Space');
    await el.updateComplete;
    expect(el.value).to.deep.equal(['late', 'damaged', 'wrong']);
    await press('Space');
    await el.updateComplete;
    expect(el.value).to.deep.equal(['late', 'wrong']);
    await expect(el).to.be.accessible();
  });

  it('multiple in a <form>: one name=value entry per value chosen', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><koubei-choice name="reason" multiple value="wrong,late"><option value="late">Late</option><option value="damaged">Damaged</option><option value="wrong">Wrong</option></koubei-choice></form>`);
    await form.querySelector<KoubeiChoice>('koubei-choice')!.updateComplete;
    expect([...new FormData(form).entries()]).to.deep.equal([
      ['reason', 'late'],
      ['reason', 'wrong'],
    ]);
  });

  it('options="a|b|c" when there are no <option> children', async () => {
    const el = await fixture<KoubeiChoice>(html`<koubei-choice options="快递|自提|同城配送"></koubei-choice>`);
    expect(inputs(el).map((i) => i.value)).to.deep.equal(['快递', '自提', '同城配送']);
  });

  it('min and max: too few or too many is an error and blocks the survey', async () => {
    const el = await fixture<KoubeiChoice>(html`<koubei-choice lang="zh-CN" multiple min="2" max="2"><option value="a">A</option><option value="b">B</option><option value="c">C</option></koubei-choice>`);
    expect(el.shadowRoot!.querySelector('[part~="hint"]')!.textContent).to.equal('请选择 2 至 2 项');
    el.value = ['a'];
    await el.updateComplete;
    expect(el.check(true)).to.equal('请至少选择 2 项');
    el.value = ['a', 'b', 'c'];
    await el.updateComplete;
    expect(el.check(true)).to.equal('最多选择 2 项');
    el.value = ['a', 'c'];
    await el.updateComplete;
    expect(el.check(true)).to.equal('');
  });

  it('the hint of max: "no more than 2" when optional without min (none is an answer); "1 to 2" when required; "2 to 3" with min', async () => {
    const hint = async (attrs: string, lang: string) => {
      const el = await fixture<KoubeiChoice>(`<koubei-choice lang="${lang}" multiple ${attrs}>${OPTIONS}</koubei-choice>`);
      return el.shadowRoot!.querySelector('[part~="hint"]')!.textContent;
    };
    expect(await hint('max="2"', 'zh-CN')).to.equal('最多选择 2 项');
    expect(await hint('max="2"', 'zh-TW')).to.equal('最多選擇 2 項');
    expect(await hint('max="2"', 'en')).to.equal('Choose no more than 2');
    expect(await hint('max="2" required', 'zh-CN')).to.equal('请选择 1 至 2 项');
    expect(await hint('max="2" required', 'zh-TW')).to.equal('請選擇 1 至 2 項');
    expect(await hint('max="3" min="2"', 'en')).to.equal('Choose 2 to 3');
  });

  for (const lang of ['zh-CN', 'en'] as const) {
    it(`max="2" (${lang}): once two are ticked the third is aria-disabled but focusable, and a tick on it (mouse, label, Space) is refused at once with a status`, async () => {
      const el = await fixture<KoubeiChoice>(`<koubei-choice lang="${lang}" multiple max="2">${OPTIONS}</koubei-choice>`);
      const events: string[] = [];
      for (const t of ['input', 'change']) el.addEventListener(t, () => events.push(t));
      const status = el.shadowRoot!.querySelector<HTMLElement>('[part~="limit"]')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(status.textContent!.trim()).to.equal('');
      const message = lang === 'en' ? 'Choose no more than 2' : '最多选择 2 项';
      await click(labelOf(el, 'late'));
      await click(input(el, 'wrong'));
      await el.updateComplete;
      expect(el.value).to.deep.equal(['late', 'wrong']);
      expect(inputs(el).map((i) => i.getAttribute('aria-disabled'))).to.deep.equal([null, 'true', null]);
      expect(input(el, 'damaged').disabled, 'not removed from the tab order').to.equal(false);
      await expect(el).to.be.accessible();
      events.length = 0;

      // The mouse on the label.
      await click(labelOf(el, 'damaged'));
      await el.updateComplete;
      expect(el.value).to.deep.equal(['late', 'wrong']);
      expect(input(el, 'damaged').checked).to.equal(false);
      expect(status.textContent!.trim()).to.equal(message);
      expect(events, 'a refused tick is no change').to.deep.equal([]);
      expect(el.check(true), 'and no error at submit').to.equal('');

      // The keyboard: Tab from the first reaches the third (it stays in the tab order), Space is refused too.
      input(el, 'late').focus();
      await press('Tab');
      expect(focusedIn(el)).to.equal(input(el, 'damaged'));
      await press('Space');
      await el.updateComplete;
      expect(el.value).to.deep.equal(['late', 'wrong']);
      expect(input(el, 'damaged').checked).to.equal(false);
      expect(status.textContent!.trim()).to.equal(message);
      expect(events).to.deep.equal([]);

      // Unticking one frees the others and empties the status; the third can then be ticked.
      await click(labelOf(el, 'late'));
      await el.updateComplete;
      expect(inputs(el).map((i) => i.getAttribute('aria-disabled'))).to.deep.equal([null, null, null]);
      expect(status.textContent!.trim()).to.equal('');
      input(el, 'damaged').focus();
      await press('Space');
      await el.updateComplete;
      expect(el.value).to.deep.equal(['damaged', 'wrong']);
      expect(events).to.deep.equal(['input', 'change', 'input', 'change']);
    });
  }

  it('a value that is not an option is reported (naming it) and ignored', async () => {
    const c = captureConsole('error');
    try {
      const el = await fixture<KoubeiChoice>(html`<koubei-choice value="lost"><option value="late">Late</option></koubei-choice>`);
      await el.updateComplete;
      expect(el.value).to.equal(null);
      expect(c.lines.some((l) => l.includes('"lost"'))).to.equal(true);
    } finally {
      c.restore();
    }
  });
});

describe('<koubei-choice> in a survey', () => {
  it('answers.reason is the array of values, scores.reason a choice score, "other" adds reason-other; scoreResponse and summarize agree', async () => {
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="after-sales" endpoint="/test-endpoint/choice" lang="zh-CN">
      <koubei-nps></koubei-nps>
      <koubei-choice name="reason" multiple other required><option value="late">送货慢</option><option value="damaged">包装破损</option></koubei-choice>
      <koubei-text name="damage" show-when="reason:damaged" question="破损在哪里？"></koubei-text>
    </koubei-survey>`);
    const choice = s.querySelector<KoubeiChoice>('koubei-choice')!;
    await s.updateComplete;
    await choice.updateComplete;
    const damage = s.querySelector('koubei-text')!;
    expect(damage.hidden, 'follow-up hidden until damaged is chosen').to.equal(true);
    await click(labelOf(choice, 'damaged'));
    await click(labelOf(choice, 'other'));
    await choice.updateComplete;
    expect(damage.hidden).to.equal(false);
    const other = choice.shadowRoot!.querySelector<HTMLInputElement>('[part~="other"]')!;
    expect(other.labels![0].textContent).to.equal('请说明');
    other.focus();
    await type('颜色不对');
    (s.querySelector('koubei-nps') as unknown as { value: number }).value = 3;
    const got = new Promise<KoubeiResponse>((r) => s.addEventListener('koubei-submit', (e) => r(e.detail), { once: true }));
    await s.requestSubmit();
    const r = await got;
    expect(r.answers).to.deep.equal({ nps: 3, reason: ['damaged', 'other'], 'reason-other': '颜色不对' });
    expect(r.scores.reason).to.deep.equal({ type: 'choice', selected: ['damaged', 'other'] });
    expect(r.scores['reason-other']).to.deep.equal({ type: 'text', length: 4 });
    expect(responseSchema.safeParse(r).success).to.equal(true);
    expect(scoreResponse(r.answers, [{ name: 'reason', type: 'choice', options: ['late', 'damaged', 'other'], multiple: true }])).to.deep.equal({
      reason: { type: 'choice', selected: ['damaged', 'other'] },
    });
    // Two more responses: late; late and damaged. Counts per option: damaged 2, other 1, late 2 (3 responses).
    const more = [['late'], ['late', 'damaged']].map((selected) => ({ scores: { reason: { type: 'choice' as const, selected } } }));
    expect(summarize([r, ...more]).questions.reason).to.deep.equal({ type: 'choice', count: 3, options: { damaged: 2, other: 1, late: 2 } });
  });

  it('"other" chosen with nothing written blocks submit with its own message', async () => {
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="after-sales" endpoint="/x" lang="en"><koubei-choice name="reason" other><option value="late">Late</option></koubei-choice></koubei-survey>`);
    const choice = s.querySelector<KoubeiChoice>('koubei-choice')!;
    await choice.updateComplete;
    await click(labelOf(choice, 'other'));
    expect(await s.requestSubmit()).to.equal(undefined);
    await waitUntil(() => !choice.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!.hidden);
    expect(choice.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('Tell us what the other reason is');
  });
});
