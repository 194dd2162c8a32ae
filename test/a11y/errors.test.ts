// Inline errors, the error summary, and the thank-you.
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { KoubeiNps, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { $, $$, deepActive, radios } from './helpers.js';

const PREFIX = { 'zh-CN': '错误：', 'zh-TW': '錯誤：', en: 'Error: ' } as const;

async function survey(lang: string) {
  const el = await fixture<KoubeiSurvey>(html`<koubei-survey
    lang=${lang}
    survey-id="errors"
    @koubei-submit=${(e: Event) => e.preventDefault()}
  >
    <p>Intro text</p>
    <koubei-nps required></koubei-nps>
    <koubei-likert required></koubei-likert>
    <koubei-text required></koubei-text>
  </koubei-survey>`);
  await el.updateComplete;
  return el;
}

const questions = (el: KoubeiSurvey) => [...el.querySelectorAll<KoubeiNps>('koubei-nps, koubei-likert, koubei-text')];
/** The inline error as the customer reads it, without the hidden prefix. */
const inlineText = (q: Element) => {
  const e = $(q, '[part=error]');
  return [...e.childNodes]
    .filter((n) => n.nodeType === Node.TEXT_NODE || (n instanceof HTMLElement && !n.classList.contains('visually-hidden')))
    .map((n) => n.textContent)
    .join('')
    .trim();
};

describe('errors', () => {
  for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`${lang}: inline errors have a hidden "${PREFIX[lang]}" prefix, aria-describedby and aria-invalid=true`, async () => {
      const el = await survey(lang);
      await el.requestSubmit();
      for (const q of questions(el)) {
        await (q as KoubeiNps).updateComplete;
        const error = $(q, '[part=error]');
        expect(error.hidden).to.be.false;
        const prefix = error.querySelector('.visually-hidden')!;
        expect(prefix.textContent).to.equal(PREFIX[lang]);
        // Hidden visually, still read: clipped, not display:none.
        expect(getComputedStyle(prefix).display).to.not.equal('none');
        expect(prefix.getBoundingClientRect().width).to.be.at.most(1);
        const control = q.localName === 'koubei-text' ? $(q, 'textarea') : $(q, '[role=radiogroup]');
        expect(control.getAttribute('aria-invalid')).to.equal('true');
        expect(control.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);
        expect(inlineText(q)).to.not.equal('');
      }
    });
  }

  it('with two or more unanswered questions a summary at the top receives focus and links to each', async () => {
    const el = await survey('zh-CN');
    await el.requestSubmit();
    await el.updateComplete;
    const summary = $(el, '[part=error-summary]');
    expect(summary).to.exist;
    expect(deepActive()).to.equal(summary);
    // At the top: before the questions and the first thing inside the survey.
    expect(summary.getBoundingClientRect().bottom).to.be.at.most(el.querySelector('p')!.getBoundingClientRect().top);
    expect(summary.getAttribute('role')).to.equal('alert');
    expect(summary.getAttribute('aria-labelledby')).to.equal('summary-title');
    expect($(el, '#summary-title').textContent).to.equal('提交前请检查以下问题');
    const links = $$<HTMLAnchorElement>(el, '[part=error-summary] a');
    expect(links).to.have.length(3);

    // The summary and the inline texts match.
    const qs = questions(el);
    links.forEach((a, i) => {
      expect(a.querySelector('.summary-message')!.textContent!.trim()).to.equal(inlineText(qs[i]));
      expect(a.querySelector('.summary-question')!.textContent!.trim()).to.equal((qs[i] as KoubeiNps).questionText);
    });

    // Each link moves focus to its question.
    links[1].click();
    expect(deepActive()).to.equal(radios(qs[1])[0]);
    links[2].click();
    expect(deepActive()).to.equal($(qs[2], 'textarea'));
    links[0].click();
    expect(deepActive()).to.equal(radios(qs[0])[0]);
  });

  it('the summary links work from the keyboard (Enter on a link)', async () => {
    const el = await survey('en');
    await el.requestSubmit();
    await el.updateComplete;
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect(deepActive()).to.equal(radios(questions(el)[0])[0]);
  });

  it('answering a question removes it from the summary; one left means no summary, focus goes to it', async () => {
    const el = await survey('en');
    await el.requestSubmit();
    const [nps, likert] = questions(el);
    radios(nps)[9].click();
    radios(likert)[4].click();
    await el.updateComplete;
    expect($(el, '[part=error-summary]')).to.equal(null);
    expect(inlineText(nps)).to.equal('');
    await el.requestSubmit();
    await el.updateComplete;
    expect($(el, '[part=error-summary]')).to.equal(null);
    expect(deepActive()).to.equal($(questions(el)[2], 'textarea'));
  });

  it('the thank-you is announced (role=status) and receives focus', async () => {
    const el = await fixture<KoubeiSurvey>(html`<koubei-survey lang="zh-TW" survey-id="ty" @koubei-submit=${(e: Event) => e.preventDefault()}>
      <koubei-nps></koubei-nps>
    </koubei-survey>`);
    radios(el.querySelector('koubei-nps')!)[10].click();
    $(el, '[part=submit]').click();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
    await el.updateComplete;
    const ty = $(el, '[part=thank-you]');
    expect(ty.getAttribute('role')).to.equal('status');
    expect(ty.textContent!.trim()).to.equal('感謝您的回饋！');
    expect(deepActive()).to.equal(ty);
  });

  it('the text box error for too long text says how to fix it', async () => {
    const text = await fixture<KoubeiText>(html`<koubei-text lang="en" maxlength="5"></koubei-text>`);
    const ta = $<HTMLTextAreaElement>(text, 'textarea');
    ta.value = 'abcdefg';
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    expect(text.check(true)).to.equal('Your answer must be 5 characters or fewer');
    await text.updateComplete;
    expect(inlineText(text)).to.equal('Your answer must be 5 characters or fewer');
  });
});
