/**
 * A survey rendered by real React 19 (its development build), answered and submitted by a
 * customer. React 19 sets a property when the element has one, with the value the JSX gives (points="7" sets
 * `el.points = '7'`, labels={[…]} the array, required="true" the string) and an attribute otherwise
 * (survey-id, data-order-id); `onkoubei-submit` listens for koubei-submit.
 */
import { expect } from '@open-wc/testing';
import { createElement as h, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '../../src/index.js';
import type { KoubeiResponse } from '../../src/index.js';
import { captureConsole } from '../support/form-control-suite.js';
import { checkout, fresh, LABELS, likertLabels, OPTIONS, question, rendered } from './checkout.js';

describe('React 19', () => {
  let host: HTMLDivElement;
  let root: Root;
  let errors: ReturnType<typeof captureConsole>;
  beforeEach(() => {
    errors = captureConsole('error');
    host = document.body.appendChild(document.createElement('div'));
    root = createRoot(host);
  });
  afterEach(() => {
    flushSync(() => root.unmount());
    host.remove();
    errors.restore();
  });

  it('renders a survey from JSX props, and its koubei-submit carries the exact answers and scores', async () => {
    const { bucket, endpoint, orderId } = fresh('react');
    const submitted: KoubeiResponse[] = [];
    let setBrand!: (b: string) => void;
    function Checkout() {
      const [brand, set] = useState('优选');
      setBrand = set;
      // What <koubei-survey survey-id="react-checkout" …> in JSX compiles to.
      return h(
        'koubei-survey',
        { 'survey-id': 'react-checkout', endpoint, lang: 'zh-CN', 'data-order-id': orderId, 'onkoubei-submit': (e: CustomEvent<KoubeiResponse>) => submitted.push(e.detail) },
        h('koubei-nps', { brand, required: 'true' }),
        h('koubei-likert', { name: 'delivery', points: '7', labels: LABELS }),
        h('koubei-text', { name: 'note', maxlength: '200', required: 'false' }),
        h('koubei-choice', { name: 'reason', multiple: 'true', options: OPTIONS }),
      );
    }
    flushSync(() => root.render(h(Checkout)));
    const c = await rendered(host);

    // React set properties where the element has them (nothing written as an attribute), attributes elsewhere.
    expect(['points', 'labels', 'maxlength', 'options'].filter((a) => host.querySelector(`[${a}]`)), 'set as attributes').to.deep.equal([]);
    expect(c.survey.getAttribute('survey-id')).to.equal('react-checkout');
    expect(likertLabels(c.likert)).to.deep.equal(LABELS);
    expect(c.text.required).to.equal(false);
    expect(c.choice.multiple).to.equal(true);
    expect(c.choice.shadowRoot!.querySelectorAll('input[type=checkbox]')).to.have.length(3);

    // A re-render sets the new value on the element.
    flushSync(() => setBrand('优选生活'));
    await c.nps.updateComplete;
    expect(question(c.nps)).to.include('优选生活');

    await checkout(c, { submitted, bucket, surveyId: 'react-checkout', orderId });
    expect(errors.lines, 'console errors (a bad value would be reported here)').to.deep.equal([]);
  });
});
