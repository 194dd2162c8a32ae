/**
 * A survey with data-order-id that was answered for that order shows the thank-you instead of the
 * questions, across reloads and tabs, by default; once-per="none" opts out.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiErrorDetail, KoubeiSurvey } from '../../src/index.js';
import { answeredKey } from '../../src/components/survey/answered.js';

let n = 0;
const order = () => `T-${Date.now().toString(36)}-${n++}`;
const thankYou = (s: KoubeiSurvey) => s.shadowRoot!.querySelector('[part~="thank-you"]');
const submitButton = (s: KoubeiSurvey) => s.shadowRoot!.querySelector('[part~="submit"]');

/** A survey as the page would have it after a reload: a new element, same survey-id and order. */
async function mount(orderId: string, extra = '') {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.innerHTML = `<koubei-survey survey-id="after-order" data-order-id="${orderId}" ${extra}><koubei-nps></koubei-nps></koubei-survey>`;
  const s = host.querySelector<KoubeiSurvey>('koubei-survey')!;
  // Not delivered anywhere: the test cancels koubei-submit (the shop delivering itself), which still counts as answered.
  s.addEventListener('koubei-submit', (e) => e.preventDefault());
  await waitUntil(() => thankYou(s) || submitButton(s), 'the survey did not render');
  return s;
}

async function answer(s: KoubeiSurvey) {
  const nps = s.querySelector('koubei-nps')!;
  nps.value = 9;
  await nps.updateComplete;
  expect(await s.requestSubmit(), 'submitted').to.not.equal(undefined);
  await s.updateComplete;
}

describe('one answer per order, by default', () => {
  beforeEach(() => localStorage.clear());

  it('after an answer for an order, the same survey for that order shows the thank-you (a reload), fires koubei-skip and cannot be submitted again', async () => {
    const id = order();
    await answer(await mount(id));
    const skips: string[] = [];
    const onSkip = (e: Event) => skips.push((e as CustomEvent<{ reason: string }>).detail.reason);
    addEventListener('koubei-skip', onSkip);
    try {
      const again = await mount(id);
      expect(thankYou(again), 'the thank-you').to.not.equal(null);
      expect(submitButton(again), 'no questions to answer').to.equal(null);
      expect(skips).to.deep.equal(['answered']);
      expect(await again.requestSubmit()).to.equal(undefined);
    } finally {
      removeEventListener('koubei-skip', onSkip);
    }
  });

  it('another order, or another survey-id for the same order, still asks', async () => {
    const id = order();
    await answer(await mount(id));
    expect(submitButton(await mount(order()))).to.not.equal(null);
    const host = await fixture<HTMLDivElement>(html`<div><koubei-survey survey-id="other" data-order-id=${id}><koubei-nps></koubei-nps></koubei-survey></div>`);
    const other = host.querySelector<KoubeiSurvey>('koubei-survey')!;
    await waitUntil(() => submitButton(other) || thankYou(other));
    expect(submitButton(other)).to.not.equal(null);
  });

  it('once-per="none" asks again, and needs no on-demand code', async () => {
    const errors: KoubeiErrorDetail[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent<KoubeiErrorDetail>).detail);
    addEventListener('koubei-error', onError);
    try {
      const id = order();
      await answer(await mount(id, 'once-per="none"'));
      const again = await mount(id, 'once-per="none"');
      expect(submitButton(again)).to.not.equal(null);
      await answer(again);
      expect(errors).to.deep.equal([]);
    } finally {
      removeEventListener('koubei-error', onError);
    }
  });

  it('an answer in another tab turns an open survey for that order into the thank-you', async () => {
    const id = order();
    const s = await mount(id);
    expect(submitButton(s)).to.not.equal(null);
    // A same-origin frame stands in for the other tab: its localStorage write fires `storage` here.
    const frame = await fixture<HTMLIFrameElement>(html`<iframe src="about:blank"></iframe>`);
    frame.contentWindow!.localStorage.setItem(answeredKey('after-order', id), String(Date.now()));
    await waitUntil(() => thankYou(s), 'the open survey did not follow the other tab');
    expect(submitButton(s)).to.equal(null);
  });

  it('without data-order-id nothing is remembered', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const make = async () => {
      host.innerHTML = '<koubei-survey survey-id="after-order"><koubei-nps></koubei-nps></koubei-survey>';
      const s = host.querySelector<KoubeiSurvey>('koubei-survey')!;
      s.addEventListener('koubei-submit', (e) => e.preventDefault());
      await waitUntil(() => submitButton(s));
      return s;
    };
    await answer(await make());
    expect(submitButton(await make())).to.not.equal(null);
  });
});
