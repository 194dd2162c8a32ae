/**
 * React 19 and Vue 3 set properties, not attributes, with whatever type the template gives.
 * Every attribute works as a property with those types; a value that cannot be used is reported like a bad
 * attribute, naming the value that was set, and never throws.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiErrorDetail, KoubeiLikert, KoubeiNps, KoubeiResponse, KoubeiSurvey } from '../../src/index.js';
import { captureConsole } from '../support/form-control-suite.js';

const radios = (el: Element) => [...el.shadowRoot!.querySelectorAll('[role=radio]')];

describe('properties as frameworks set them', () => {
  let c: ReturnType<typeof captureConsole>;
  beforeEach(() => (c = captureConsole('error')));
  afterEach(() => c.restore());

  it("likert.labels = ['差', …] (an array) renders those labels", async () => {
    const el = document.createElement('koubei-likert') as KoubeiLikert;
    (el as { labels: unknown }).labels = ['差', '较差', '一般', '好', '很好'];
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    await el.updateComplete;
    expect(radios(el).map((r) => r.textContent)).to.deep.equal(['差', '较差', '一般', '好', '很好']);
    expect(c.lines).to.deep.equal([]);
  });

  it("likert.points = '7' (a string) gives 7 options", async () => {
    const el = document.createElement('koubei-likert') as KoubeiLikert;
    (el as { points: unknown }).points = '7';
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(el);
    await el.updateComplete;
    expect(radios(el)).to.have.length(7);
    expect(c.lines).to.deep.equal([]);
  });

  it('a value that cannot be used is reported naming the value set (not points="")', async () => {
    const errors: KoubeiErrorDetail[] = [];
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    host.addEventListener('koubei-error', (e) => errors.push((e as CustomEvent<KoubeiErrorDetail>).detail));
    const el = document.createElement('koubei-likert') as KoubeiLikert;
    (el as { points: unknown }).points = 11;
    (el as { labels: unknown }).labels = ['a', 'b'];
    host.append(el);
    await el.updateComplete;
    expect(radios(el)).to.have.length(5);
    expect(errors.map((e) => [e.attribute, e.value])).to.deep.include.members([
      ['points', '11'],
      ['labels', '["a","b"]'],
    ]);
    expect(c.lines.some((l) => l.includes('points="11"'))).to.equal(true);
  });

  it("nps.value = '7', required = 'false', survey.surveyId = 42: used as a template means them", async () => {
    const s = document.createElement('koubei-survey') as KoubeiSurvey;
    (s as { surveyId: unknown }).surveyId = 42;
    s.endpoint = '/x';
    const nps = document.createElement('koubei-nps') as KoubeiNps;
    (nps as { value: unknown }).value = '7';
    (nps as { required: unknown }).required = 'false';
    s.append(nps);
    (await fixture<HTMLDivElement>(html`<div></div>`)).append(s);
    await s.updateComplete;
    await nps.updateComplete;
    expect(nps.required).to.equal(false);
    const got = new Promise<KoubeiResponse>((r) => s.addEventListener('koubei-submit', (e) => (e.preventDefault(), r(e.detail)), { once: true }));
    await s.requestSubmit();
    const r = await got;
    expect([r.surveyId, r.answers]).to.deep.equal(['42', { nps: 7 }]);
  });
});
