/**
 * Any name a shop writes for a question, a data-* field or a context parameter is either used as
 * written or reported as a configuration error: never an exception, never a silent drop.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiErrorDetail, KoubeiLikert, KoubeiNps, KoubeiResponse, KoubeiSurvey } from '../../src/index.js';
import { captureConsole } from '../support/form-control-suite.js';

let stop = new AbortController();
/** Listens on window from before the survey exists: some problems are reported while it sets up. */
function collect() {
  const errors: KoubeiErrorDetail[] = [];
  const submits: KoubeiResponse[] = [];
  const { signal } = stop;
  addEventListener('koubei-error', (e) => errors.push(e.detail), { signal });
  addEventListener(
    'koubei-submit',
    (e) => {
      submits.push(e.detail);
      e.preventDefault(); // nothing is stored or sent
    },
    { signal },
  );
  return { errors, submits };
}

async function ready(s: KoubeiSurvey) {
  await s.updateComplete;
  await Promise.all(s.questions.map((q) => (q as KoubeiNps).updateComplete));
}

describe('question, data-* and context-parameter names', () => {
  let console: ReturnType<typeof captureConsole>;
  beforeEach(() => (console = captureConsole('error')));
  afterEach(() => {
    console.restore();
    stop.abort();
    stop = new AbortController();
  });

  it('a question named __proto__ is reported; submit still sends the other answers, and does not throw', async () => {
    const log = collect();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="names" endpoint="/x">
      <koubei-nps name="__proto__" value="9"></koubei-nps>
      <koubei-likert name="delivery" value="4"></koubei-likert>
    </koubei-survey>`);
    await ready(s);
    const r = await s.requestSubmit();
    expect(r, 'a response was built').to.not.equal(undefined);
    expect(log.submits).to.have.length(1);
    expect(Object.keys(log.submits[0].answers)).to.deep.equal(['delivery']);
    const e = log.errors.find((x) => x.attribute === 'name');
    expect(e, 'reported as a configuration error').to.include({ reason: 'config', value: '__proto__' });
    expect(console.lines.some((l) => l.includes('name="__proto__"'))).to.equal(true);
  });

  it('names that are Object.prototype members (constructor, toString, hasOwnProperty) are used as written, answered or not', async () => {
    const log = collect();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="names" endpoint="/x">
      <koubei-nps name="constructor" value="10"></koubei-nps>
      <koubei-likert name="hasOwnProperty" value="2"></koubei-likert>
      <koubei-text name="toString"></koubei-text>
      <koubei-text name="valueOf" show-when="constructor:promoter" value="好"></koubei-text>
    </koubei-survey>`);
    await ready(s);
    await s.requestSubmit();
    expect(log.errors).to.deep.equal([]);
    const r = log.submits[0];
    // Own properties, in document order; toString unanswered is absent (not Object.prototype.toString).
    expect(JSON.parse(JSON.stringify(r.answers))).to.deep.equal({ constructor: 10, hasOwnProperty: 2, valueOf: '好' });
    expect(Object.keys(r.scores)).to.deep.equal(['constructor', 'hasOwnProperty', 'valueOf']);
    expect(r.scores.hasOwnProperty).to.deep.equal({ type: 'likert', value: 2, points: 5, normalized: 0.25, satisfied: false });
  });

  it('an empty question name is reported, not sent under ""', async () => {
    const log = collect();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="names" endpoint="/x"><koubei-nps name="" value="3"></koubei-nps></koubei-survey>`);
    await ready(s);
    await s.requestSubmit();
    expect(log.submits[0].answers).to.deep.equal({});
    expect(log.errors.find((x) => x.attribute === 'name')).to.include({ reason: 'config', value: '' });
  });

  it('data-__proto__ is reported, not dropped silently; other data-* fields stay', async () => {
    const log = collect();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="names" endpoint="/x" data-__proto__="x" data-constructor="c" data-order-id="A1">
      <koubei-nps value="8"></koubei-nps>
    </koubei-survey>`);
    await ready(s);
    await s.requestSubmit();
    const ctx = log.submits[0].context;
    expect(ctx).to.include({ constructor: 'c', orderId: 'A1' });
    expect(Object.prototype.hasOwnProperty.call(ctx, '__proto__')).to.equal(false);
    expect(log.errors.find((x) => x.attribute === 'data-__proto__')).to.include({ reason: 'config', value: 'x' });
  });

  it('context-params="__proto__" is reported; the other listed parameters become context fields', async () => {
    const before = location.href;
    history.replaceState(null, '', `${location.pathname}?__proto__=1&order-id=B2&hasOwnProperty=h`);
    try {
      const log = collect();
      const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="names" endpoint="/x" context-params="__proto__,order-id,hasOwnProperty">
        <koubei-nps value="8"></koubei-nps>
      </koubei-survey>`);
        await ready(s);
      await s.requestSubmit();
      await waitUntil(() => log.submits.length === 1);
      expect(log.submits[0].context).to.include({ orderId: 'B2', hasOwnProperty: 'h' });
      expect(log.errors.find((x) => x.attribute === 'context-params')).to.include({ reason: 'config', value: '__proto__,order-id,hasOwnProperty' });
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('a Likert named __proto__ alone: submit reports it and sends an empty response rather than throwing', async () => {
    const log = collect();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey survey-id="names" endpoint="/x"><koubei-likert name="__proto__" required></koubei-likert></koubei-survey>`);
    await ready(s);
    (s.questions[0] as KoubeiLikert).value = 5;
    await s.requestSubmit();
    expect(log.submits).to.have.length(1);
    expect(log.submits[0].answers).to.deep.equal({});
  });
});
