/**
 * A survey rendered by real Vue 3 from a template (compiled in the browser by Vue's own
 * compiler, with the `isCustomElement` option the README gives), answered and submitted by a customer. Vue sets
 * a property when `key in el` (points="7" sets `el.points = '7'`, :labels="[…]" the array, multiple="true" the
 * string) and an attribute otherwise (survey-id, data-order-id); `@koubei-submit` listens for koubei-submit.
 */
import { expect } from '@open-wc/testing';
import { createApp, nextTick, ref, type App } from 'vue';
import '../../src/index.js';
import type { KoubeiResponse } from '../../src/index.js';
import { captureConsole } from '../support/form-control-suite.js';
import { checkout, fresh, LABELS, likertLabels, OPTIONS, question, rendered } from './checkout.js';

const TEMPLATE = `
  <koubei-survey survey-id="vue-checkout" :endpoint="endpoint" lang="zh-CN" :data-order-id="orderId" @koubei-submit="onSubmit">
    <koubei-nps :brand="brand" required="true"></koubei-nps>
    <koubei-likert name="delivery" points="7" :labels="labels"></koubei-likert>
    <koubei-text name="note" maxlength="200" required="false"></koubei-text>
    <koubei-choice name="reason" multiple="true" :options="options"></koubei-choice>
  </koubei-survey>`;

/** The option a shop sets so that Vue leaves Koubei's tags to the browser. */
const isCustomElement = (tag: string) => tag.startsWith('koubei-');

describe('Vue 3', () => {
  let host: HTMLDivElement;
  let app: App | undefined;
  let warnings: string[];
  let errors: ReturnType<typeof captureConsole>;
  beforeEach(() => {
    errors = captureConsole('error');
    warnings = [];
    host = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    app?.unmount();
    app = undefined;
    host.remove();
    errors.restore();
  });

  function mount(setup: () => Record<string, unknown>, custom = isCustomElement): void {
    app = createApp({ template: TEMPLATE, setup });
    app.config.compilerOptions.isCustomElement = custom;
    app.config.warnHandler = (msg) => warnings.push(msg);
    app.mount(host);
  }

  it('renders a survey from a template, and its koubei-submit carries the exact answers and scores', async () => {
    const { bucket, endpoint, orderId } = fresh('vue');
    const submitted: KoubeiResponse[] = [];
    const brand = ref('优选');
    mount(() => ({ endpoint, orderId, brand, labels: LABELS, options: OPTIONS, onSubmit: (e: CustomEvent<KoubeiResponse>) => submitted.push(e.detail) }));
    const c = await rendered(host);

    // Vue set properties where the element has them (nothing written as an attribute), attributes elsewhere.
    expect(['points', 'labels', 'maxlength', 'options'].filter((a) => host.querySelector(`[${a}]`)), 'set as attributes').to.deep.equal([]);
    expect(c.survey.getAttribute('survey-id')).to.equal('vue-checkout');
    expect(likertLabels(c.likert)).to.deep.equal(LABELS);
    expect(c.text.required).to.equal(false);
    expect(c.choice.multiple).to.equal(true);
    expect(c.choice.shadowRoot!.querySelectorAll('input[type=checkbox]')).to.have.length(3);

    // A reactive change sets the new value on the element.
    brand.value = '优选生活';
    await nextTick();
    await c.nps.updateComplete;
    expect(question(c.nps)).to.include('优选生活');

    await checkout(c, { submitted, bucket, surveyId: 'vue-checkout', orderId });
    expect(errors.lines, 'console errors (a bad value would be reported here)').to.deep.equal([]);
    expect(warnings, 'Vue warnings').to.deep.equal([]);
  });

  it('without isCustomElement Vue warns that it cannot resolve the tags (why the README sets it)', async () => {
    const { endpoint, orderId } = fresh('vue');
    mount(() => ({ endpoint, orderId, brand: '优选', labels: LABELS, options: OPTIONS, onSubmit: () => {} }), () => false);
    await rendered(host);
    expect(warnings.filter((w) => w.startsWith('Failed to resolve component: koubei-'))).to.have.length(5);
  });
});
