import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { contextFromUrl, validAnswer } from '../../src/components/survey/prefill.js';
import { capture, settle, survey, uid } from './helpers.js';

const QUESTIONS = `
  <koubei-nps required></koubei-nps>
  <koubei-likert name="delivery" points="5"></koubei-likert>
  <koubei-text name="comment"></koubei-text>
  <koubei-text name="wrong" show-when="nps:detractor"></koubei-text>`;

describe('prefill="url" and context-params', () => {
  const page = location.pathname;
  let warnings: string[];
  const warn = console.warn;
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    history.replaceState(null, '', page);
  });
  const at = (search: string) => history.replaceState(null, '', `${page}${search}`);

  it('valid values: the score and any question by name are set, and follow-ups react', async () => {
    at('?nps=4&delivery=5&comment=%E5%BE%88%E5%A5%BD');
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    capture(el);
    await settle(() => el.querySelector('koubei-nps')!.value === 4, 'prefilled');
    expect(el.querySelector('koubei-likert')!.value).to.equal(5);
    expect(el.querySelector('koubei-text')!.value).to.equal('很好');
    expect(el.querySelector<HTMLElement>('[name=wrong]')!.hidden).to.equal(false);
    expect(warnings).to.deep.equal([]);
  });

  it('tampered values are ignored with a console warning, never trusted', async () => {
    at('?nps=11&delivery=abc');
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    const sent = capture(el);
    await el.updateComplete;
    expect(el.querySelector('koubei-nps')!.value).to.equal(null);
    expect(el.querySelector('koubei-likert')!.value).to.equal(null);
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.contain('nps="11"');
    expect(warnings[1]).to.contain('delivery="abc"');
    expect(sent, 'nothing recorded').to.have.length(0);
    for (const raw of ['-1', '7.5', '1e1', ' ', '0x7', '07abc', '999999999999999999999']) {
      expect(validAnswer({ spec: { name: 'nps', type: 'nps' } }, raw), raw).to.equal(undefined);
    }
    expect(validAnswer({ spec: { name: 'nps', type: 'nps' } }, '10')).to.equal(10);
    expect(validAnswer({ spec: { name: 'd', type: 'likert', points: 3 } }, '4')).to.equal(undefined);
  });

  it('missing values: nothing is set and nothing is recorded', async () => {
    at('?utm_source=mail');
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    const sent = capture(el);
    await el.updateComplete;
    expect(el.querySelector('koubei-nps')!.value).to.equal(null);
    expect(sent).to.have.length(0);
    expect(warnings).to.deep.equal([]);
  });

  it('without prefill="url" the URL is not read', async () => {
    at('?nps=9');
    const el = await survey(`survey-id="${uid()}"`, QUESTIONS);
    await el.updateComplete;
    expect(el.querySelector('koubei-nps')!.value).to.equal(null);
  });

  it('context-params: only the listed URL parameters become context fields, camelCased', async () => {
    at('?nps=9&order-id=A1001&sig=abc123&email=x%40y.example&utm_source=mail');
    const el = await survey(`survey-id="${uid()}" context-params="order-id, sig" data-channel="email"`, QUESTIONS);
    const sent = capture(el);
    el.querySelector('koubei-nps')!.value = 9;
    await el.querySelector('koubei-nps')!.updateComplete;
    await el.requestSubmit();
    const ctx = sent[0].context;
    expect(ctx.orderId).to.equal('A1001');
    expect(ctx.sig).to.equal('abc123');
    expect(ctx.channel).to.equal('email');
    expect(Object.keys(ctx).sort()).to.deep.equal(['channel', 'orderId', 'page', 'referrer', 'sig']);
    expect(ctx.page).to.not.contain('?');
    expect(contextFromUrl('?a-b-c=1&d=', 'a-b-c,d,,missing')).to.deep.equal({ aBC: '1' });
  });
});

describe('partial then complete', () => {
  const page = location.pathname;
  beforeEach(() => (sessionStorage.clear(), localStorage.clear()));
  afterEach(() => history.replaceState(null, '', page));

  it('a score by link is recorded at once as complete:false; the follow-ups re-send the same id as revision 2', async () => {
    history.replaceState(null, '', `${page}?nps=3&order-id=A7`);
    const id = uid();
    const wrapper = document.createElement('div');
    const sent: ReturnType<typeof capture> = [];
    wrapper.addEventListener('koubei-submit', (e) => {
      e.preventDefault();
      sent.push((e as CustomEvent).detail);
    });
    document.body.append(wrapper);
    try {
      wrapper.innerHTML = `<koubei-survey survey-id="${id}" prefill="url" context-params="order-id" lang="en">${QUESTIONS}</koubei-survey>`;
      await settle(() => sent.length === 1, 'partial recorded');
      expect(sent[0]).to.include({ complete: false, revision: 1 });
      expect(sent[0].answers).to.deep.equal({ nps: 3 });
      expect(sent[0].context.orderId).to.equal('A7');

      // A reload keeps the id and does not record the same partial again.
      wrapper.innerHTML = `<koubei-survey survey-id="${id}" prefill="url" context-params="order-id" lang="en">${QUESTIONS}</koubei-survey>`;
      const el = wrapper.firstElementChild as HTMLElementTagNameMap['koubei-survey'];
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      expect(sent).to.have.length(1);

      (el.querySelector('[name=wrong]') as HTMLElement & { value: string }).value = 'late';
      await el.requestSubmit();
      expect(sent).to.have.length(2);
      expect(sent[1].id).to.equal(sent[0].id);
      expect(sent[1]).to.include({ complete: true, revision: 2 });
      expect(sent[1].answers).to.deep.equal({ nps: 3, wrong: 'late' });

      // After completing, a reload never turns it back into a partial.
      wrapper.innerHTML = `<koubei-survey survey-id="${id}" prefill="url" context-params="order-id" lang="en">${QUESTIONS}</koubei-survey>`;
      await (wrapper.firstElementChild as HTMLElementTagNameMap['koubei-survey']).updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      expect(sent).to.have.length(2);
    } finally {
      wrapper.remove();
    }
  });

  it('the same link opened again in another tab (or days later) keeps the id: a new score is the next revision, the same one is not recorded', async () => {
    history.replaceState(null, '', `${page}?nps=3&order-id=A8`);
    const id = uid();
    const sent: ReturnType<typeof capture> = [];
    const onSubmit = (e: Event) => (e.preventDefault(), sent.push((e as CustomEvent).detail));
    document.addEventListener('koubei-submit', onSubmit);
    const open = async () => {
      const w = document.createElement('div');
      w.innerHTML = `<koubei-survey survey-id="${id}" prefill="url" context-params="order-id" lang="en">${QUESTIONS}</koubei-survey>`;
      document.body.append(w);
      await (w.firstElementChild as HTMLElementTagNameMap['koubei-survey']).updateComplete;
      await new Promise((r) => setTimeout(r, 50));
      w.remove();
    };
    try {
      await open();
      sessionStorage.clear(); // another tab has its own sessionStorage; localStorage is shared
      await open();
      expect(sent, 'the same score again').to.have.length(1);
      history.replaceState(null, '', `${page}?nps=9&order-id=A8`);
      await open();
      expect(sent).to.have.length(2);
      expect(sent[1].id).to.equal(sent[0].id);
      expect(sent[1]).to.include({ complete: false, revision: 2 });
      expect(sent[1].answers).to.deep.equal({ nps: 9 });
    } finally {
      document.removeEventListener('koubei-submit', onSubmit);
    }
  });

  it('links for two orders opened in one tab stay two responses', async () => {
    const id = uid();
    const sent: ReturnType<typeof capture> = [];
    const onSubmit = (e: Event) => {
      e.preventDefault();
      sent.push((e as CustomEvent).detail);
    };
    addEventListener('koubei-submit', onSubmit);
    try {
      for (const order of ['A1', 'B2']) {
        history.replaceState(null, '', `${page}?nps=9&order-id=${order}`);
        const el = await survey(`survey-id="${id}" prefill="url" context-params="order-id"`, QUESTIONS);
        await settle(() => sent.length === (order === 'A1' ? 1 : 3), `partial for ${order}`);
        await el.requestSubmit();
        el.remove();
      }
      expect(sent.map((r) => [r.context.orderId, r.revision, r.complete])).to.deep.equal([
        ['A1', 1, false],
        ['A1', 2, true],
        ['B2', 1, false],
        ['B2', 2, true],
      ]);
      expect(sent[0].id).to.equal(sent[1].id);
      expect(sent[2].id).to.equal(sent[3].id);
      expect(sent[2].id).to.not.equal(sent[0].id);
    } finally {
      removeEventListener('koubei-submit', onSubmit);
    }
  });

  it('a survey answered without a link score is sent once as revision 1, complete', async () => {
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    const sent = capture(el);
    el.querySelector('koubei-nps')!.value = 9;
    await el.querySelector('koubei-nps')!.updateComplete;
    await el.requestSubmit();
    expect(sent).to.have.length(1);
    expect(sent[0]).to.include({ complete: true, revision: 1 });
  });
});
