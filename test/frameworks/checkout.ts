/**
 * The checkout survey the React and Vue tests render, and what a customer does with it. Both frameworks render
 * the same survey with the values their templates pass (strings for numbers and booleans, arrays for lists), so
 * both must give the same payload.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { KoubeiChoice, KoubeiLikert, KoubeiNps, KoubeiResponse, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { batchSchema } from '../../src/schema.js';
import { click, type } from '../support/customer.js';

export const LABELS = ['差', '较差', '一般', '好', '很好', '非常好', '完美'];
export const OPTIONS = ['late', 'damaged', 'wrong'];
export const NOTE = '包装很好';

let n = 0;
/** A fresh recording bucket on the test server (test/support/server-plugin.js) and a fresh order. */
export function fresh(framework: string) {
  const id = `${framework}-${Date.now().toString(36)}-${n++}`;
  // A fresh order each run: an order answered before shows its thank-you (once per order).
  return { bucket: id, endpoint: `/test-endpoint/${id}`, orderId: `O-${id}` };
}

async function received(bucket: string): Promise<{ body: string }[]> {
  return (await fetch(`/test-endpoint/${bucket}/received`)).json();
}

/** The responses the endpoint received, once it received any. */
export async function delivered(bucket: string): Promise<KoubeiResponse[]> {
  await waitUntil(async () => (await received(bucket)).length > 0, 'the endpoint received nothing', { timeout: 8000 });
  return (await received(bucket)).flatMap((r) => batchSchema.parse(JSON.parse(r.body)).responses);
}

export interface Checkout {
  survey: KoubeiSurvey;
  nps: KoubeiNps;
  likert: KoubeiLikert;
  text: KoubeiText;
  choice: KoubeiChoice;
}

const submitButton = (s: KoubeiSurvey) => s.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]');

/** The elements under `root`, once the framework made them and they rendered. */
export async function rendered(root: Element): Promise<Checkout> {
  await waitUntil(() => root.querySelector('koubei-survey koubei-choice'), 'the framework rendered no survey');
  const c = {
    survey: root.querySelector('koubei-survey')!,
    nps: root.querySelector('koubei-nps')!,
    likert: root.querySelector('koubei-likert')!,
    text: root.querySelector('koubei-text')!,
    choice: root.querySelector('koubei-choice')!,
  };
  await Promise.all(Object.values(c).map((el) => el.updateComplete));
  await waitUntil(() => submitButton(c.survey), 'the survey rendered no submit button');
  return c;
}

/** The Likert's options, as the customer reads them. */
export const likertLabels = (likert: KoubeiLikert) =>
  [...likert.shadowRoot!.querySelectorAll('[role=radio]')].map((r) => r.textContent!.trim());

export const question = (el: Element) => el.shadowRoot!.querySelector('[part~="question"]')!.textContent!;

/** The question's own error message, when one shows. */
export const errorOf = (el: Element) => {
  const e = el.shadowRoot!.querySelector<HTMLElement>('[part~="error"]');
  return e && !e.hidden ? e.textContent!.trim() : '';
};

export const submit = async (s: KoubeiSurvey) => click(submitButton(s)!);

/**
 * The customer's answers: 9 on the NPS, 非常好 (6 of 7) on the Likert, the note typed, and "damaged" then "late"
 * ticked in the multiple choice.
 */
export async function answer({ nps, likert, text, choice }: Checkout): Promise<void> {
  await click(nps.shadowRoot!.querySelector('[role=radio][data-value="9"]')!);
  await click(likert.shadowRoot!.querySelector('[role=radio][data-value="6"]')!);
  text.focus();
  await type(NOTE);
  const box = (v: string) => [...choice.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((i) => i.value === v)!;
  await click(box('damaged'));
  await click(box('late'));
}

/** The response those answers make, worked out by hand. */
export function expectResponse(r: KoubeiResponse, surveyId: string, orderId: string): void {
  expect(r.surveyId).to.equal(surveyId);
  expect(r.locale).to.equal('zh-CN');
  expect(r.complete).to.equal(true);
  expect(r.context.orderId).to.equal(orderId);
  // The choice keeps the options' order (late before damaged), not the order of the clicks.
  expect(r.answers).to.deep.equal({ nps: 9, delivery: 6, note: NOTE, reason: ['late', 'damaged'] });
  expect(r.scores).to.deep.equal({
    nps: { type: 'nps', value: 9, category: 'promoter' }, // 9-10 promote
    // normalized (6 - 1) / (7 - 1) = 5/6; satisfied: the top two boxes of 7 are 6 and 7.
    delivery: { type: 'likert', value: 6, points: 7, normalized: 5 / 6, satisfied: true },
    note: { type: 'text', length: 4 }, // 包, 装, 很, 好
    reason: { type: 'choice', selected: ['late', 'damaged'] },
  });
}

/**
 * What a customer does with the rendered survey, and what must come of it: refused before the required NPS
 * (nothing sent), then answered and submitted: one `koubei-submit` with the response worked out by hand,
 * and the endpoint received exactly that.
 */
export async function checkout(c: Checkout, { submitted, bucket, surveyId, orderId }: { submitted: KoubeiResponse[]; bucket: string; surveyId: string; orderId: string }): Promise<void> {
  // required="true": nothing is sent before the NPS is answered.
  await submit(c.survey);
  await c.nps.updateComplete;
  expect(errorOf(c.nps)).to.not.equal('');
  expect(submitted).to.have.length(0);

  await answer(c);
  expect(c.text.value).to.equal(NOTE);
  await submit(c.survey);
  const [sent] = await delivered(bucket);
  expect(submitted).to.have.length(1);
  expectResponse(submitted[0]!, surveyId, orderId);
  expect(sent).to.deep.equal(submitted[0]);
}
