import { expect } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiSurvey } from '../../src/index.js';
import { decide } from '../../src/placement/frequency.js';
import { capture, card, part, record, settle, survey, uid } from './helpers.js';
import { DAY, fakeClock } from './support.js';

type Skip = { surveyId: string; reason: string };

describe('frequency on <koubei-survey>: koubei-skip', () => {
  let time: ReturnType<typeof fakeClock>;
  beforeEach(() => (time = fakeClock()));
  afterEach(() => time.restore());

  async function answer(el: KoubeiSurvey) {
    capture(el);
    el.querySelector('koubei-nps')!.value = 8;
    await el.querySelector('koubei-nps')!.updateComplete;
    expect(await el.requestSubmit()).to.exist;
  }

  it('once-per="order": answered for an order, skipped with reason "answered" on the next page load, shown for another order', async () => {
    const id = uid();
    const attrs = `survey-id="${id}" once-per="order"`;
    const first = await survey(`${attrs} data-order-id="A1"`);
    await answer(first);
    first.remove();
    await settle(async () => (await decide({ surveyId: id, orderId: 'A1' })) === 'answered', 'answer remembered');
    const skips = record<Skip>('koubei-skip');
    const again = await survey(`${attrs} data-order-id="A1"`);
    await settle(() => skips.length === 1, 'koubei-skip');
    expect(skips[0]).to.deep.equal({ surveyId: id, reason: 'answered' });
    expect(part(again, 'base')).to.equal(null);
    expect(again.querySelector('koubei-nps')!.getBoundingClientRect().height).to.equal(0);
    const other = await survey(`${attrs} data-order-id="A2"`);
    await settle(() => part(other, 'submit'), 'shown for another order');
    expect(skips).to.have.length(1);
  });

  it('once-per="order": dismissed, skipped with reason "dismissed"', async () => {
    const id = uid();
    const attrs = `survey-id="${id}" once-per="order" data-order-id="B7" display="popover"`;
    const first = await survey(attrs);
    await settle(() => time.pending() > 0, 'armed');
    time.tick(0);
    await first.updateComplete;
    part(first, 'close')!.click();
    first.remove();
    await settle(async () => (await decide({ surveyId: id, orderId: 'B7' })) === 'dismissed', 'dismissal remembered');
    const skips = record<Skip>('koubei-skip');
    const again = await survey(attrs);
    await settle(() => skips.length === 1, 'koubei-skip');
    expect(skips[0].reason).to.equal('dismissed');
    time.tick(60000);
    await again.updateComplete;
    expect(card(again)).to.equal(null);
  });

  it('recontact-days: skipped with reason "recontact" before N days, shown after', async () => {
    const id = uid();
    const attrs = `survey-id="${id}" recontact-days="14"`;
    await answer(await survey(`${attrs} data-order-id="C1"`));
    await settle(async () => (await decide({ surveyId: id, recontactDays: 14 })) === 'recontact', 'answer remembered');
    time.tick(13 * DAY);
    const skips = record<Skip>('koubei-skip');
    const soon = await survey(`${attrs} data-order-id="C2"`);
    await settle(() => skips.length === 1, 'koubei-skip');
    expect(skips[0]).to.deep.equal({ surveyId: id, reason: 'recontact' });
    expect(part(soon, 'submit')).to.equal(null);
    time.tick(DAY);
    const later = await survey(`${attrs} data-order-id="C3"`);
    await settle(() => part(later, 'submit'), 'shown after 14 days');
    expect(skips).to.have.length(1);
  });

  it('sample: "sampled-out" stays the decision across page loads', async () => {
    const id = uid();
    const random = Math.random;
    const skips = record<Skip>('koubei-skip');
    try {
      Math.random = () => 0.7;
      const first = await survey(`survey-id="${id}" sample="0.5"`);
      await settle(() => skips.length === 1, 'koubei-skip');
      expect(skips[0]).to.deep.equal({ surveyId: id, reason: 'sampled-out' });
      first.remove();
      Math.random = () => 0.1; // a reload would draw again: the kept draw wins
      for (let i = 2; i <= 4; i++) {
        const el = await survey(`survey-id="${id}" sample="0.5"`);
        await settle(() => skips.length === i, 'koubei-skip');
        el.remove();
      }
      expect(skips.map((s) => s.reason)).to.deep.equal(Array(4).fill('sampled-out'));
    } finally {
      Math.random = random;
    }
  });

  it('sample set as a property by code before the survey is in the page is applied too', async () => {
    const id = uid();
    const random = Math.random;
    const skips = record<Skip>('koubei-skip');
    Math.random = () => 0.9;
    const el = document.createElement('koubei-survey');
    try {
      el.surveyId = id;
      el.sample = '0.25';
      el.innerHTML = '<koubei-nps></koubei-nps>';
      document.body.append(el);
      await settle(() => skips.length === 1, 'koubei-skip');
      expect(skips[0]).to.deep.equal({ surveyId: id, reason: 'sampled-out' });
      expect(part(el, 'submit')).to.equal(null);
    } finally {
      Math.random = random;
      el.remove();
    }
  });

  it('sample: a visitor sampled in sees it on every page load', async () => {
    const id = uid();
    const random = Math.random;
    const skips = record<Skip>('koubei-skip');
    try {
      Math.random = () => 0.2;
      const first = await survey(`survey-id="${id}" sample="0.25"`);
      await settle(() => part(first, 'submit'), 'shown');
      Math.random = () => 0.99;
      const again = await survey(`survey-id="${id}" sample="0.25"`);
      await settle(() => part(again, 'submit'), 'shown again');
      expect(skips).to.deep.equal([]);
    } finally {
      Math.random = random;
    }
  });

  it('a skipped survey far down the page reserves no space', async () => {
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.prepend(spacer);
    try {
      const skips = record<Skip>('koubei-skip');
      const el = await survey(`survey-id="${uid()}" sample="0"`, '<koubei-nps></koubei-nps><koubei-likert></koubei-likert>');
      await settle(() => skips.length === 1, 'koubei-skip');
      await el.updateComplete;
      expect(el.getBoundingClientRect().height).to.equal(0);
    } finally {
      spacer.remove();
    }
  });

  it('a popover that is skipped never arms its trigger', async () => {
    const skips = record<Skip>('koubei-skip');
    const el = await survey(`survey-id="${uid()}" display="popover" sample="0"`);
    await settle(() => skips.length === 1, 'koubei-skip');
    expect(time.pending()).to.equal(0);
    time.tick(60000);
    await el.updateComplete;
    expect(card(el)).to.equal(null);
  });

  it('once-per="order" without data-order-id: a config error naming the attribute, and the survey shows', async () => {
    const errors = record<{ attribute: string; message: string }>('koubei-error');
    const el = await survey(`survey-id="${uid()}" once-per="order"`);
    expect(errors[0].attribute).to.equal('once-per');
    expect(errors[0].message).to.contain('data-order-id');
    await settle(() => part(el, 'submit'), 'shown');
  });
});
