/**
 * A survey inside a page's own <form> (a checkout) takes no part in that form's submission or
 * validation; a question used on its own in a form submits what the payload would send (trimmed text).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiNps, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { click, type } from '../support/customer.js';

const entries = (form: HTMLFormElement) => [...new FormData(form).entries()].map(([k, v]) => [k, String(v)]);
const option = (el: KoubeiNps, v: number) => el.shadowRoot!.querySelector<HTMLElement>(`[role=radio][data-value="${v}"]`)!;

describe('a survey inside a page <form>', () => {
  it("adds nothing to the shop's form data: the order note keeps its own value", async () => {
    const form = await fixture<HTMLFormElement>(html`<form lang="zh-CN">
      <input name="address" value="上海市" />
      <textarea name="comment">请放门口</textarea>
      <koubei-survey survey-id="checkout" endpoint="/test-endpoint/host-form">
        <koubei-nps required></koubei-nps>
        <koubei-text></koubei-text>
      </koubei-survey>
    </form>`);
    const survey = form.querySelector<KoubeiSurvey>('koubei-survey')!;
    await survey.updateComplete;
    const nps = form.querySelector<KoubeiNps>('koubei-nps')!;
    const text = form.querySelector<KoubeiText>('koubei-text')!;
    await nps.updateComplete;
    await text.updateComplete;
    await click(option(nps, 9));
    text.focus();
    await type('好评\n');
    await text.updateComplete;
    expect(nps.value).to.equal(9);
    // Before the fix: [..., ['nps', '9'], ['comment', '好评\n']], and a server keeping the last "comment" read the feedback.
    expect(entries(form)).to.deep.equal([
      ['address', '上海市'],
      ['comment', '请放门口'],
    ]);
  });

  it('is never blocked by an unanswered required or too long question', async () => {
    const form = await fixture<HTMLFormElement>(html`<form>
      <koubei-survey survey-id="checkout" endpoint="/test-endpoint/host-form"><koubei-nps required></koubei-nps><koubei-text required maxlength="2" value="too long"></koubei-text></koubei-survey>
    </form>`);
    const nps = form.querySelector<KoubeiNps>('koubei-nps')!;
    const text = form.querySelector<KoubeiText>('koubei-text')!;
    await nps.updateComplete;
    await text.updateComplete;
    expect(form.checkValidity()).to.equal(true);
    expect(nps.validity.valid && text.validity.valid).to.equal(true);
  });

  it('a question moved into a survey after it rendered stops submitting with the form', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><koubei-nps value="7"></koubei-nps><koubei-survey survey-id="s" endpoint="/x"></koubei-survey></form>`);
    const nps = form.querySelector<KoubeiNps>('koubei-nps')!;
    await nps.updateComplete;
    expect(entries(form)).to.deep.equal([['nps', '7']]);
    form.querySelector('koubei-survey')!.append(nps);
    await nps.updateComplete;
    expect(entries(form)).to.deep.equal([]);
  });
});

describe('a question on its own in a <form>', () => {
  it('submits the text trimmed, as the payload would send it', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><koubei-text name="note" value="  门口 \n"></koubei-text></form>`);
    await form.querySelector<KoubeiText>('koubei-text')!.updateComplete;
    expect(entries(form)).to.deep.equal([['note', '门口']]);
  });

  it('submits nothing for text that is only spaces', async () => {
    const form = await fixture<HTMLFormElement>(html`<form><koubei-text name="note" value=" \n "></koubei-text></form>`);
    await form.querySelector<KoubeiText>('koubei-text')!.updateComplete;
    expect(entries(form)).to.deep.equal([]);
  });
});
