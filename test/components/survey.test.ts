import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiLikert, KoubeiNps, KoubeiResponse, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { batchSchema, responseSchema } from '../../src/schema.js';
import { click, press, settle, type } from '../support/customer.js';

let n = 0;
/** A fresh recording bucket on the test server for each test. */
const bucket = () => `survey-${Date.now().toString(36)}-${n++}`;

async function received(name: string): Promise<{ headers: Record<string, string>; body: string }[]> {
  return (await fetch(`/test-endpoint/${name}/received`)).json();
}

async function delivered(name: string) {
  await waitUntil(async () => (await received(name)).length > 0, 'the endpoint received nothing', { timeout: 8000 });
  return received(name);
}

const submitButton = (s: KoubeiSurvey) => s.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!;
const thankYou = (s: KoubeiSurvey) => s.shadowRoot!.querySelector<HTMLElement>('[part~="thank-you"]');
const option = (el: KoubeiNps | KoubeiLikert, v: number) =>
  el.shadowRoot!.querySelector<HTMLElement>(`[role=radio][data-value="${v}"]`)!;

/** Lets transitions in every question finish, so axe sees final colours. */
async function settled(s: KoubeiSurvey): Promise<void> {
  await Promise.all(s.questions.map((q) => settle(q)));
}

async function ready(s: KoubeiSurvey): Promise<void> {
  await s.updateComplete;
  await Promise.all(s.questions.map((q) => (q as unknown as KoubeiNps).updateComplete));
  await waitUntil(() => submitButton(s), 'the survey did not render');
}

/** Resolves with the next koubei-submit heard on window (so it must bubble out and be composed). */
function nextSubmit(): Promise<CustomEvent<KoubeiResponse>> {
  return new Promise((resolve) => window.addEventListener('koubei-submit', (e) => resolve(e), { once: true }));
}

describe('<koubei-survey>', () => {
  it('sends the answers of questions at any depth, scored, to its endpoint', async () => {
    const b = bucket();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-CN" survey-id="post-purchase" endpoint=${`/test-endpoint/${b}`}>
      <koubei-nps brand="优选" required></koubei-nps>
      <section>
        <div><koubei-likert name="delivery" points="5"></koubei-likert></div>
        <fieldset><koubei-likert name="described" points="3"></koubei-likert></fieldset>
      </section>
      <koubei-text></koubei-text>
    </koubei-survey>`);
    await ready(s);
    await expect(s).to.be.accessible();
    const [nps, delivery, described] = s.questions as unknown as [KoubeiNps, KoubeiLikert, KoubeiLikert];
    const comment = s.querySelector<KoubeiText>('koubei-text')!;
    await click(option(nps, 6));
    await click(option(delivery, 4));
    await click(option(described, 2));
    comment.focus();
    await type('  很好👍🏽 ');
    const event = nextSubmit();
    await click(submitButton(s));
    const e = await event;
    expect(e.bubbles && e.composed && e.cancelable).to.equal(true);
    expect(responseSchema.safeParse(e.detail).success).to.equal(true);

    const [receipt] = await delivered(b);
    expect(receipt.headers['content-type']).to.equal('application/json');
    const batch = batchSchema.parse(JSON.parse(receipt.body));
    expect(batch.responses).to.have.length(1);
    const r = batch.responses[0];
    expect(r.id).to.equal(e.detail.id);
    expect(r.surveyId).to.equal('post-purchase');
    expect(r.locale).to.equal('zh-CN');
    expect(r.answers).to.deep.equal({ nps: 6, delivery: 4, described: 2, comment: '很好👍🏽' });
    expect(r.scores).to.deep.equal({
      nps: { type: 'nps', value: 6, category: 'detractor' },
      delivery: { type: 'likert', value: 4, points: 5, normalized: 0.75, satisfied: true },
      described: { type: 'likert', value: 2, points: 3, normalized: 0.5, satisfied: false },
      comment: { type: 'text', length: 3 },
    });
  });

  it('endpoint, survey-id and context-params set as properties by code (as Vue and React 19 do) are used', async () => {
    const b = bucket();
    const wrap = await fixture<HTMLElement>(html`<div></div>`);
    const s = document.createElement('koubei-survey');
    s.surveyId = 'by-code';
    s.endpoint = `/test-endpoint/${b}`;
    s.contextParams = 'wtr-session-id'; // the test page's own query
    s.append(document.createElement('koubei-nps'));
    wrap.append(s);
    await ready(s);
    expect(s.getAttribute('endpoint'), 'reflected').to.equal(`/test-endpoint/${b}`);
    await click(option(s.querySelector('koubei-nps')!, 9));
    await click(submitButton(s));
    const r = JSON.parse((await delivered(b))[0].body).responses[0];
    expect(r.surveyId).to.equal('by-code');
    expect(r.answers).to.deep.equal({ nps: 9 });
    expect(r.context.wtrSessionId).to.be.a('string').and.equal(new URLSearchParams(location.search).get('wtr-session-id'));
  });

  it('leaves an unanswered optional question out of answers and scores', async () => {
    const b = bucket();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" survey-id="s1" endpoint=${`/test-endpoint/${b}`}>
      <koubei-nps></koubei-nps><koubei-likert></koubei-likert><koubei-text></koubei-text>
    </koubei-survey>`);
    await ready(s);
    await click(option(s.querySelector('koubei-likert')!, 5));
    await click(submitButton(s));
    const r = JSON.parse((await delivered(b))[0].body).responses[0];
    expect(r.answers).to.deep.equal({ csat: 5 });
    expect(Object.keys(r.scores)).to.deep.equal(['csat']);
  });

  it('questions sharing a name: the first answer is sent, nothing throws into the page; behind different show-when both work', async () => {
    const pageErrors: unknown[] = [];
    const onError = (e: ErrorEvent | PromiseRejectionEvent) => pageErrors.push('error' in e ? e.error : e.reason);
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    const original = console.error;
    console.error = () => {}; // the duplicate name is reported (config-errors.test.ts)
    try {
      const b = bucket();
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" survey-id="s1" endpoint=${`/test-endpoint/${b}`}>
        <koubei-text name="nps"></koubei-text><koubei-nps></koubei-nps>
        <koubei-text name="why" show-when="nps:detractor"></koubei-text><koubei-text name="why" show-when="nps:promoter"></koubei-text>
      </koubei-survey>`);
      await ready(s);
      const [text, nps, , why] = s.questions as unknown as [KoubeiText, KoubeiNps, KoubeiText, KoubeiText];
      text.focus();
      await type('typed first');
      await click(option(nps, 10));
      await why.updateComplete;
      why.focus();
      await type('fast');
      await click(submitButton(s));
      await waitUntil(() => thankYou(s), 'the survey did not thank the customer');
      const r = JSON.parse((await delivered(b))[0].body).responses[0];
      expect(r.answers).to.deep.equal({ nps: 'typed first', why: 'fast' });
      expect(pageErrors).to.deep.equal([]);
    } finally {
      console.error = original;
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    }
  });

  it('context: data-* in camelCase, the page without query or hash, the referrer origin only', async () => {
    const referrer = Object.getOwnPropertyDescriptor(Document.prototype, 'referrer')!;
    Object.defineProperty(document, 'referrer', { configurable: true, get: () => 'https://www.baidu.com/s?wd=%E4%BC%98%E9%80%89#x' });
    try {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey
        survey-id="s1"
        endpoint="/test-endpoint/context"
        data-order-id="A1001"
        data-channel-name="mini program"
      ><koubei-nps></koubei-nps></koubei-survey>`);
      await ready(s);
      s.addEventListener('koubei-submit', (e) => e.preventDefault());
      const event = nextSubmit();
      await click(submitButton(s));
      const { context } = (await event).detail;
      expect(location.search, 'the test page has a query to strip').to.not.equal('');
      expect(context).to.deep.equal({
        orderId: 'A1001',
        channelName: 'mini program',
        page: `${location.origin}${location.pathname}`,
        referrer: 'https://www.baidu.com',
      });
    } finally {
      delete (document as { referrer?: string }).referrer;
      expect(Object.getOwnPropertyDescriptor(Document.prototype, 'referrer')).to.deep.equal(referrer);
    }
  });

  it('can be answered and submitted with the keyboard alone', async () => {
    const b = bucket();
    const wrap = await fixture<HTMLElement>(html`<div>
      <button id="before">before</button>
      <koubei-survey lang="en" survey-id="s1" endpoint=${`/test-endpoint/${b}`}>
        <koubei-nps required></koubei-nps><koubei-likert required></koubei-likert><koubei-text></koubei-text>
      </koubei-survey>
    </div>`);
    const s = wrap.querySelector('koubei-survey')!;
    await ready(s);
    wrap.querySelector<HTMLButtonElement>('#before')!.focus();
    await press('Tab'); // NPS: lands on 0
    await press('End'); // 10
    await press('ArrowLeft'); // 9
    await press('Tab'); // Likert: lands on the first option
    await press('Space'); // 1
    await press('ArrowRight'); // 2
    await press('ArrowRight'); // 3
    await press('ArrowRight'); // 4
    await press('Tab'); // the text box
    await type('Fast');
    await press('Tab'); // the submit button
    expect(s.shadowRoot!.activeElement).to.equal(submitButton(s));
    await press('Enter');
    const r = JSON.parse((await delivered(b))[0].body).responses[0];
    expect(r.answers).to.deep.equal({ nps: 9, csat: 4, comment: 'Fast' });
  });

  it('text over its maxlength blocks submit with its message', async () => {
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-CN" survey-id="s1" endpoint="/test-endpoint/never">
      <koubei-text maxlength="2" value="很好很"></koubei-text>
    </koubei-survey>`);
    await ready(s);
    let submitted = 0;
    s.addEventListener('koubei-submit', () => submitted++);
    await click(submitButton(s));
    const text = s.querySelector('koubei-text')!;
    await text.updateComplete;
    expect(submitted).to.equal(0);
    expect(text.shadowRoot!.querySelector('[part~="error"]')!.textContent).to.contain('回答不能超过 2 字');
    expect(text.shadowRoot!.activeElement?.localName).to.equal('textarea');
  });

  describe('required answers', () => {
    it('inside a page-wide <form>, an unanswered required question does not block the page\'s own submit', async () => {
      const form = await fixture<HTMLFormElement>(html`<form>
        <input name="address" value="上海市" />
        <koubei-survey lang="zh-CN" survey-id="s-in-form" endpoint="/test-endpoint/never">
          <koubei-nps required></koubei-nps>
          <koubei-text required></koubei-text>
        </koubei-survey>
      </form>`);
      const s = form.querySelector('koubei-survey')!;
      await ready(s);
      const [nps] = s.questions as unknown as [KoubeiNps];
      expect(form.checkValidity(), 'the shop form is valid').to.equal(true);
      let shopSubmits = 0;
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        shopSubmits++;
      });
      form.requestSubmit();
      expect(shopSubmits).to.equal(1);
      // The survey itself still insists on its required answers.
      await click(submitButton(s));
      await nps.updateComplete;
      expect(nps.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!.hidden).to.equal(false);
      expect(thankYou(s)).to.equal(null);
    });

    it('shows the error and moves focus to the first unanswered question', async () => {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-CN" survey-id="s1" endpoint="/test-endpoint/never">
        <koubei-nps required></koubei-nps>
        <div><koubei-likert name="delivery" required></koubei-likert></div>
        <koubei-text></koubei-text>
      </koubei-survey>`);
      await ready(s);
      const [nps, likert] = s.questions as unknown as [KoubeiNps, KoubeiLikert];
      let submitted = 0;
      s.addEventListener('koubei-submit', () => submitted++);
      await click(option(nps, 10));
      await click(submitButton(s));
      await likert.updateComplete;
      expect(submitted).to.equal(0);
      const error = likert.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!;
      expect(error.hidden).to.equal(false);
      expect(error.getClientRects().length, 'visible').to.be.greaterThan(0);
      expect(error.textContent).to.contain('请选择一个答案');
      expect(document.activeElement).to.equal(likert);
      expect(likert.shadowRoot!.activeElement?.getAttribute('role')).to.equal('radio');
      expect(nps.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!.hidden).to.equal(true);
      expect(thankYou(s)).to.equal(null);
      await settled(s);
      await expect(s).to.be.accessible();
      // Answered, the error goes and the survey submits.
      await click(option(likert, 3));
      await likert.updateComplete;
      expect(error.hidden).to.equal(true);
      s.addEventListener('koubei-submit', (e) => e.preventDefault());
      await click(submitButton(s));
      expect(submitted).to.equal(1);
    });

    it('with two unanswered, both show errors and the summary leads to the first', async () => {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" survey-id="s1" endpoint="/test-endpoint/never">
        <koubei-text name="first" required></koubei-text>
        <koubei-nps required></koubei-nps>
      </koubei-survey>`);
      await ready(s);
      await click(submitButton(s));
      await s.updateComplete;
      const [text, nps] = s.questions as unknown as [KoubeiText, KoubeiNps];
      for (const q of [text, nps]) {
        await q.updateComplete;
        expect(q.shadowRoot!.querySelector<HTMLElement>('[part~="error"]')!.hidden).to.equal(false);
      }
      const summary = s.shadowRoot!.querySelector<HTMLElement>('[part~="error-summary"]')!;
      expect(s.shadowRoot!.activeElement).to.equal(summary);
      const links = [...summary.querySelectorAll('a')];
      expect(links.map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        'Is there anything else you would like to tell us? Enter an answer to this question',
        'How likely are you to recommend us to a friend or colleague? Select an answer to this question',
      ]);
      await click(links[0]);
      expect(text.shadowRoot!.activeElement?.localName).to.equal('textarea');
    });

    it('the error summary follows a change of lang, in one language throughout', async () => {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" survey-id="s1" endpoint="/test-endpoint/never">
        <koubei-text name="first" required></koubei-text>
        <koubei-nps required></koubei-nps>
      </koubei-survey>`);
      await ready(s);
      await click(submitButton(s));
      s.lang = 'zh-CN';
      await s.updateComplete;
      await Promise.all(s.questions.map((q) => (q as unknown as KoubeiNps).updateComplete));
      await s.updateComplete;
      const summary = s.shadowRoot!.querySelector<HTMLElement>('[part~="error-summary"]')!;
      expect([...summary.querySelectorAll('a')].map((a) => a.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
        '您还有什么想告诉我们的吗？ 请填写此问题',
        '您有多大可能向朋友或同事推荐我们？ 请选择一个答案',
      ]);
    });

    it('skips hidden and disabled questions: not checked, not sent', async () => {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" survey-id="s1" endpoint="/test-endpoint/never">
        <koubei-nps value="8"></koubei-nps>
        <koubei-likert name="a" required hidden value="2"></koubei-likert>
        <div hidden><koubei-likert name="b" required value="2"></koubei-likert></div>
        <koubei-text name="c" required disabled value="x"></koubei-text>
      </koubei-survey>`);
      await ready(s);
      s.addEventListener('koubei-submit', (e) => e.preventDefault());
      const event = nextSubmit();
      await click(submitButton(s));
      const r = (await event).detail;
      expect(r.answers).to.deep.equal({ nps: 8 });
      expect(Object.keys(r.scores)).to.deep.equal(['nps']);
    });
  });

  describe('submit and thank-you', () => {
    for (const [lang, submit, thanks] of [
      ['zh-CN', '提交', '感谢您的反馈！'],
      ['zh-TW', '送出', '感謝您的回饋！'],
      ['en', 'Submit', 'Thank you for your feedback!'],
    ]) {
      it(`${lang}: a real button "${submit}", then "${thanks}" in place of the survey`, async () => {
        const b = bucket();
        const s = await fixture<KoubeiSurvey>(
          html`<koubei-survey lang=${lang} survey-id="s1" endpoint=${`/test-endpoint/${b}`}><koubei-nps></koubei-nps></koubei-survey>`,
        );
        await ready(s);
        const button = submitButton(s);
        expect(button.localName).to.equal('button');
        expect(button.textContent!.trim()).to.equal(submit);
        const nps = s.querySelector('koubei-nps')!;
        await click(option(nps, 9));
        await click(button);
        await waitUntil(() => thankYou(s), 'no thank-you');
        expect(thankYou(s)!.textContent!.trim()).to.equal(thanks);
        expect(s.shadowRoot!.querySelector('slot'), 'the questions are gone').to.equal(null);
        expect(nps.getClientRects().length, 'the question is not shown').to.equal(0);
        expect(s.shadowRoot!.querySelector('[part~="submit"]')).to.equal(null);
        await expect(s).to.be.accessible();
        await delivered(b);
      });
    }

    it('uses submit-label and thank-you from the shop', async () => {
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey
        lang="zh-CN"
        survey-id="s1"
        endpoint="/test-endpoint/never"
        submit-label="发送评价"
        thank-you="谢谢！优惠券已发放"
      ><koubei-nps value="9"></koubei-nps></koubei-survey>`);
      await ready(s);
      expect(submitButton(s).textContent!.trim()).to.equal('发送评价');
      s.addEventListener('koubei-submit', (e) => e.preventDefault());
      await click(submitButton(s));
      await waitUntil(() => thankYou(s));
      expect(thankYou(s)!.textContent!.trim()).to.equal('谢谢！优惠券已发放');
    });

    it('koubei-submit can be cancelled: nothing is stored or sent, the shop delivers it', async () => {
      const b = bucket();
      const s = await fixture<KoubeiSurvey>(
        html`<koubei-survey survey-id="s1" endpoint=${`/test-endpoint/${b}`}><koubei-nps value="3"></koubei-nps></koubei-survey>`,
      );
      await ready(s);
      let detail: KoubeiResponse | undefined;
      document.addEventListener('koubei-submit', (e) => {
        detail = (e as CustomEvent<KoubeiResponse>).detail;
        e.preventDefault();
      }, { once: true });
      await click(submitButton(s));
      await waitUntil(() => thankYou(s));
      expect(detail?.answers).to.deep.equal({ nps: 3 });
      const { pending } = await import('../../src/outbox/index.js');
      expect((await pending()).map((r) => r.id)).to.not.include(detail!.id);
      await new Promise((r) => setTimeout(r, 300));
      expect(await received(b)).to.deep.equal([]);
    });

    it('the button submits once however often it is pressed', async () => {
      const b = bucket();
      const s = await fixture<KoubeiSurvey>(
        html`<koubei-survey survey-id="s1" endpoint=${`/test-endpoint/${b}`}><koubei-nps value="3"></koubei-nps></koubei-survey>`,
      );
      await ready(s);
      let submits = 0;
      s.addEventListener('koubei-submit', () => submits++);
      const button = submitButton(s);
      button.click();
      button.click();
      void s.requestSubmit();
      await waitUntil(() => thankYou(s));
      expect(submits).to.equal(1);
      await delivered(b);
      expect(await received(b)).to.have.length(1);
    });
  });
});
