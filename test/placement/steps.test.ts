import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import type { KoubeiSurvey } from '../../src/index.js';
import { capture, choose, part, settle, survey, uid } from './helpers.js';

const QUESTIONS = `
  <koubei-nps required></koubei-nps>
  <koubei-text name="wrong" show-when="nps:detractor"></koubei-text>
  <koubei-likert name="delivery" required></koubei-likert>
  <koubei-text name="comment"></koubei-text>`;

/** The names of the questions a customer can see. */
const visible = (el: KoubeiSurvey) =>
  [...el.querySelectorAll<HTMLElement>('koubei-nps, koubei-likert, koubei-text')].filter((q) => q.getBoundingClientRect().height > 0).map((q) => q.getAttribute('name') ?? 'nps');
const progress = (el: KoubeiSurvey) => part(el, 'progress')!.textContent!.trim();

describe('steps', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows one question per step with progress in a polite live region', async () => {
    const el = await survey(`survey-id="${uid()}" steps`, QUESTIONS);
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['nps']);
    expect(progress(el)).to.equal('1 / 3');
    expect(part(el, 'progress')!.getAttribute('aria-live')).to.equal('polite');
    expect(part(el, 'back')).to.equal(null);
    expect(part(el, 'submit')).to.equal(null);
    expect(part(el, 'next')!.textContent!.trim()).to.equal('Next');
  });

  it('steps set as a property by code before the survey is in the page', async () => {
    const el = document.createElement('koubei-survey');
    el.surveyId = uid();
    el.steps = true;
    el.innerHTML = QUESTIONS;
    document.body.append(el);
    try {
      await settle(() => part(el, 'progress'), 'the progress');
      expect(progress(el)).to.equal('1 / 3');
      expect(visible(el)).to.deep.equal(['nps']);
    } finally {
      el.remove();
    }
  });

  it('steps added at runtime to a survey that had none (say, on a narrow screen): one per step', async () => {
    const el = await survey(`survey-id="${uid()}"`, QUESTIONS);
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['nps', 'delivery', 'comment']);
    el.steps = true;
    await settle(() => part(el, 'progress'), 'the progress');
    expect(visible(el)).to.deep.equal(['nps']);
    expect(progress(el)).to.equal('1 / 3');
  });

  it('steps removed at runtime (say, on a wide screen) shows every question again; added back, one per step', async () => {
    const el = await survey(`survey-id="${uid()}" steps`, QUESTIONS);
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['nps']);
    el.steps = false;
    await el.updateComplete;
    await el.updateComplete; // the footer follows in the next frame's update
    expect(visible(el)).to.deep.equal(['nps', 'delivery', 'comment']);
    expect(part(el, 'submit')).to.exist;
    el.toggleAttribute('steps', true);
    await el.updateComplete;
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['nps']);
    expect(progress(el)).to.equal('1 / 3');
  });

  it('Next checks the current answer; Back goes back; focus follows; the last step submits', async () => {
    const el = await survey(`survey-id="${uid()}" steps lang="zh-CN"`, QUESTIONS);
    const sent = capture(el);
    await el.updateComplete;
    expect(part(el, 'next')!.textContent!.trim()).to.equal('下一步');
    part(el, 'next')!.click();
    await el.updateComplete;
    expect(progress(el), 'an unanswered required question stops Next').to.equal('1 / 3');
    expect(el.querySelector('koubei-nps')!.shadowRoot!.querySelector('[part~=error]')!.textContent).to.contain('请选择');
    await choose(el.querySelector('koubei-nps')!, 9);
    part(el, 'next')!.click();
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['delivery']);
    expect(progress(el)).to.equal('2 / 3');
    await settle(() => document.activeElement === el.querySelector('koubei-likert'), 'focus on the new step');
    expect(part(el, 'back')!.textContent!.trim()).to.equal('上一步');
    part(el, 'back')!.click();
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['nps']);
    expect(progress(el)).to.equal('1 / 3');
    part(el, 'next')!.click();
    await el.updateComplete;
    await choose(el.querySelector('koubei-likert')!, 4);
    part(el, 'next')!.click();
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['comment']);
    expect(progress(el)).to.equal('3 / 3');
    expect(part(el, 'next')).to.equal(null);
    part(el, 'submit')!.click();
    await settle(() => sent.length === 1, 'submitted');
    expect(sent[0].answers).to.deep.equal({ nps: 9, delivery: 4 });
  });

  it('a follow-up that appears becomes a step and the total follows', async () => {
    const el = await survey(`survey-id="${uid()}" steps`, QUESTIONS);
    await choose(el.querySelector('koubei-nps')!, 3);
    await el.updateComplete;
    expect(progress(el)).to.equal('1 / 4');
    part(el, 'next')!.click();
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['wrong']);
    expect(progress(el)).to.equal('2 / 4');
  });

  it('keyboard: Tab to Next, Enter moves on', async () => {
    const el = await survey(`survey-id="${uid()}" steps`, QUESTIONS);
    await choose(el.querySelector('koubei-nps')!, 8);
    el.querySelector('koubei-nps')!.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(part(el, 'next'));
    await sendKeys({ press: 'Enter' });
    await settle(() => progress(el) === '2 / 3', 'step 2');
  });

  it('answered steps survive a reload until submitted', async () => {
    const id = uid();
    const first = await survey(`survey-id="${id}" steps`, QUESTIONS);
    await choose(first.querySelector('koubei-nps')!, 6);
    part(first, 'next')!.click();
    await first.updateComplete;
    part(first, 'next')!.click(); // the detractor follow-up, left empty
    await first.updateComplete;
    await choose(first.querySelector('koubei-likert')!, 2);
    first.remove();

    // The page is loaded again in the same tab: same step, same answers.
    const again = await survey(`survey-id="${id}" steps`, QUESTIONS);
    await again.updateComplete;
    expect(again.querySelector('koubei-nps')!.value).to.equal(6);
    expect(again.querySelector('koubei-likert')!.value).to.equal(2);
    expect(visible(again)).to.deep.equal(['delivery']);
    expect(progress(again)).to.equal('3 / 4');
    const sent = capture(again);
    part(again, 'next')!.click();
    await again.updateComplete;
    part(again, 'submit')!.click();
    await settle(() => sent.length === 1, 'submitted');
    expect(sent[0].answers).to.deep.equal({ nps: 6, delivery: 2 });
    again.remove();

    // Submitted: nothing kept, the next load starts afresh.
    const fresh = await survey(`survey-id="${id}" steps`, QUESTIONS);
    await fresh.updateComplete;
    expect(fresh.querySelector('koubei-nps')!.value).to.equal(null);
    expect(progress(fresh)).to.equal('1 / 3');
  });

  it('a step not on screen is hidden the way show-when hides (the hidden attribute), which no page rule undoes', async () => {
    const style = document.createElement('style');
    style.textContent = 'koubei-nps, koubei-likert, koubei-text { display: block !important; }';
    document.head.append(style);
    try {
      const el = await survey(`survey-id="${uid()}" steps`, QUESTIONS);
      await el.updateComplete;
      expect(visible(el)).to.deep.equal(['nps']);
      // nps (on screen), then the detractor follow-up, delivery and comment.
      expect([...el.querySelectorAll<HTMLElement>('koubei-nps, koubei-likert, koubei-text')].map((q) => q.hidden)).to.deep.equal([false, true, true, true]);
    } finally {
      style.remove();
    }
  });

  it('a question the shop hid stays hidden and out of the steps; steps off shows only what steps hid', async () => {
    const el = await survey(`survey-id="${uid()}" steps`, `${QUESTIONS}<koubei-text name="internal" hidden></koubei-text>`);
    await el.updateComplete;
    expect(progress(el)).to.equal('1 / 3');
    el.steps = false;
    await el.updateComplete;
    expect(visible(el)).to.deep.equal(['nps', 'delivery', 'comment']);
    expect(el.querySelector<HTMLElement>('[name=internal]')!.hidden).to.equal(true);
  });

  it('without steps every question shows and there is no progress', async () => {
    const el = await survey(`survey-id="${uid()}"`, QUESTIONS);
    expect(visible(el)).to.deep.equal(['nps', 'delivery', 'comment']);
    expect(part(el, 'progress')).to.equal(null);
    expect(sessionStorage.length).to.equal(0);
  });
});
