import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import { timeRevision, validAnswer } from '../../src/components/survey/prefill.js';
import { contextFromUrl } from '../../src/components/survey/response.js';
import { signLink, verifyContext } from '../../src/email/link.js';
import { capture, choose, settle, survey, uid } from './helpers.js';

const QUESTIONS = `
  <koubei-nps required></koubei-nps>
  <koubei-likert name="delivery" points="5"></koubei-likert>
  <koubei-text name="comment"></koubei-text>
  <koubei-text name="wrong" show-when="nps:detractor"></koubei-text>`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A person at the page: a real key press that changes nothing (see presence.ts). */
const person = () => sendKeys({ press: 'Shift' });
type Survey = HTMLElementTagNameMap['koubei-survey'];
type Sent = ReturnType<typeof capture>;

/** Collects every koubei-submit on the document (cancelled) until `stop()`. */
function collect(): Sent & { stop(): void } {
  const sent = [] as unknown as Sent & { stop(): void };
  const on = (e: Event) => (e.preventDefault(), sent.push((e as CustomEvent).detail));
  document.addEventListener('koubei-submit', on);
  sent.stop = () => document.removeEventListener('koubei-submit', on);
  return sent;
}

describe('prefill="url" and context-params', () => {
  const page = location.pathname;
  let warnings: string[];
  // Heard on the document from before the survey exists: a record made while it sets up is not missed.
  let sent: ReturnType<typeof collect>;
  const warn = console.warn;
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    sent = collect();
  });
  afterEach(() => {
    sent.stop();
    console.warn = warn;
    history.replaceState(null, '', page);
  });
  /**
   * A key press (the sign of a person a link's score waits for, see presence.ts), then time for a record to be made:
   * a valid ?nps=4 is recorded at this point (the first test below), so "nothing recorded" after it means something.
   */
  const personThere = async () => {
    await person();
    await sleep(300);
  };
  const at = (search: string) => history.replaceState(null, '', `${page}${search}`);

  it('valid values: the score and any question by name are set, and follow-ups react', async () => {
    at('?nps=4&delivery=5&comment=%E5%BE%88%E5%A5%BD');
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    await settle(() => el.querySelector('koubei-nps')!.value === 4, 'prefilled');
    expect(el.querySelector('koubei-likert')!.value).to.equal(5);
    expect(el.querySelector('koubei-text')!.value).to.equal('很好');
    expect(el.querySelector<HTMLElement>('[name=wrong]')!.hidden).to.equal(false);
    expect(warnings).to.deep.equal([]);
    // The control for the two tests below: with a person there, these valid answers are recorded.
    await personThere();
    expect(sent, 'the valid link recorded once a person is there').to.have.length(1);
    expect(sent[0].answers).to.deep.equal({ nps: 4, delivery: 5, comment: '很好' });
  });

  it('tampered values are ignored with a console warning, never trusted', async () => {
    at('?nps=11&delivery=abc');
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    await el.updateComplete;
    expect(el.querySelector('koubei-nps')!.value).to.equal(null);
    expect(el.querySelector('koubei-likert')!.value).to.equal(null);
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.contain('nps="11"');
    expect(warnings[1]).to.contain('delivery="abc"');
    await personThere();
    expect(sent, 'nothing recorded, even with a person there').to.have.length(0);
    for (const raw of ['-1', '7.5', '1e1', ' ', '0x7', '07abc', '999999999999999999999']) {
      expect(validAnswer({ spec: { name: 'nps', type: 'nps' } }, raw), raw).to.equal(undefined);
    }
    expect(validAnswer({ spec: { name: 'nps', type: 'nps' } }, '10')).to.equal(10);
    expect(validAnswer({ spec: { name: 'd', type: 'likert', points: 3 } }, '4')).to.equal(undefined);
  });

  it('missing values: nothing is set and nothing is recorded', async () => {
    at('?utm_source=mail');
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    await el.updateComplete;
    expect(el.querySelector('koubei-nps')!.value).to.equal(null);
    await personThere();
    expect(sent, 'nothing recorded, even with a person there').to.have.length(0);
    expect(warnings).to.deep.equal([]);
  });

  it('without prefill="url" the URL is not read', async () => {
    at('?nps=9');
    const el = await survey(`survey-id="${uid()}"`, QUESTIONS);
    await el.updateComplete;
    expect(el.querySelector('koubei-nps')!.value).to.equal(null);
    await personThere();
    expect(sent, 'nothing recorded').to.have.length(0);
  });

  it('context-params: only the listed URL parameters become context fields, camelCased', async () => {
    at('?nps=9&order-id=A1001&sig=abc123&email=x%40y.example&utm_source=mail');
    const el = await survey(`survey-id="${uid()}" context-params="order-id, sig" data-channel="email"`, QUESTIONS);
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

/** A survey opened as a landing page at `search` (a fresh element, as a page load makes). */
async function land(search: string, attrs: string, inner = QUESTIONS): Promise<Survey> {
  history.replaceState(null, '', `${location.pathname}${search}`);
  const w = document.createElement('div');
  w.className = 'landing';
  w.innerHTML = `<koubei-survey lang="en" prefill="url" ${attrs}>${inner}</koubei-survey>`;
  document.body.append(w);
  const el = w.firstElementChild as Survey;
  await el.updateComplete;
  await sleep(0);
  return el;
}
const leave = () => document.querySelectorAll('.landing').forEach((w) => w.remove());
const value = (el: Element, name: string) => (el.querySelector(`[name="${name}"]`) as HTMLElement & { value: unknown }).value;
const setText = async (el: Element, name: string, text: string) => {
  const q = el.querySelector(`[name="${name}"]`) as HTMLElement & { value: string; updateComplete: Promise<unknown> };
  q.value = text;
  await q.updateComplete;
};

describe('a link\'s score is recorded once a person is there', () => {
  const page = location.pathname;
  let sent: ReturnType<typeof collect>;
  beforeEach(() => (sessionStorage.clear(), localStorage.clear(), (sent = collect())));
  afterEach(() => (sent.stop(), leave(), history.replaceState(null, '', page)));

  it('nothing is recorded on load; the score is shown selected; a key press records it (confirmed: keyboard)', async () => {
    const el = await land('?nps=3&order-id=A7', `survey-id="${uid()}" context-params="order-id"`);
    const nps = el.querySelector('koubei-nps')!;
    await nps.updateComplete;
    expect(nps.value).to.equal(3);
    expect(nps.shadowRoot!.querySelector('[role=radio][data-value="3"]')!.getAttribute('aria-checked')).to.equal('true');
    await sleep(300);
    expect(sent, 'on load, with no one there').to.have.length(0);
    await person();
    await settle(() => sent.length === 1, 'recorded once a person is there');
    expect(sent[0]).to.include({ complete: false, revision: 1 });
    expect(sent[0].answers).to.deep.equal({ nps: 3 });
    expect(sent[0].context.orderId).to.equal('A7');
    expect(sent[0].context.confirmed).to.equal('keyboard');
  });

  it('a pointer press anywhere on the page: confirmed pointer', async () => {
    await land('?nps=8', `survey-id="${uid()}"`);
    const away = document.createElement('p');
    away.textContent = 'elsewhere on the page';
    document.querySelector('.landing')!.append(away);
    const r = away.getBoundingClientRect();
    await sendMouse({ type: 'click', position: [Math.round(r.left + 5), Math.round(r.top + r.height / 2)] });
    await resetMouse();
    await settle(() => sent.length === 1, 'recorded');
    expect(sent[0].context.confirmed).to.equal('pointer');
    expect(sent[0].answers).to.deep.equal({ nps: 8 });
  });

  it('no action, about two seconds in the foreground: confirmed time', async () => {
    const t0 = performance.now();
    await land('?nps=10', `survey-id="${uid()}"`);
    await sleep(1000);
    expect(sent, '1 s after load').to.have.length(0);
    await settle(() => sent.length === 1, 'recorded after about 2 s');
    // The page was set up after t0, and whenPresent waits 2000 ms from then.
    expect(performance.now() - t0).to.be.at.least(2000);
    expect(sent[0].context.confirmed).to.equal('time');
  });

  it('the record is what the link put on screen, not what changed before the sign of a person', async () => {
    const el = await land('?nps=4', `survey-id="${uid()}"`);
    // Changed by code (no trusted event, so no sign of a person): not part of the link's record.
    await setText(el, 'comment', 'typed meanwhile');
    await settle(() => sent.length === 1, 'recorded after about 2 s');
    expect(sent[0].context.confirmed).to.equal('time');
    expect(sent[0].answers).to.deep.equal({ nps: 4 });
    await el.requestSubmit();
    expect(sent[1].answers).to.deep.equal({ nps: 4, comment: 'typed meanwhile' });
  });

  it('a text answer in the URL alone records nothing, even with a person there; it is shown and sent on submit', async () => {
    const el = await land('?comment=%E5%BE%88%E5%A5%BD', `survey-id="${uid()}"`);
    await person();
    await sleep(300);
    expect(sent).to.have.length(0);
    expect(value(el, 'comment')).to.equal('很好');
    (el.querySelector('koubei-nps') as HTMLElement & { value: number }).value = 9;
    await el.requestSubmit();
    expect(sent).to.have.length(1);
    expect(sent[0]).to.include({ complete: true, revision: 1 });
    expect(sent[0].answers).to.deep.equal({ nps: 9, comment: '很好' });
  });

  it('a `confirmed` in the URL is never taken for a person', async () => {
    await land('?nps=2&confirmed=pointer', `survey-id="${uid()}" context-params="confirmed"`);
    await sleep(300);
    expect(sent, 'confirmed=pointer in the link').to.have.length(0);
    await person();
    await settle(() => sent.length === 1, 'recorded');
    // The page's own sign, never the link's: the key press, or the 2 s in the foreground when a slow
    // WebDriver key action (Firefox) arrives after them.
    expect(sent[0].context.confirmed).to.be.oneOf(['keyboard', 'time']);
  });

  it('a survey taken out of the page before anyone is there records nothing', async () => {
    const el = await land('?nps=5', `survey-id="${uid()}"`);
    // On the element itself: a koubei-submit from a survey out of the page never bubbles to the document.
    const own = capture(el);
    leave();
    await person();
    // Past the 2 s in the foreground too, the other sign that records a link's score (see presence.ts).
    await sleep(2300);
    expect(own, 'heard on the element').to.have.length(0);
    expect(sent).to.have.length(0);
  });
});

describe('partial then complete', () => {
  const page = location.pathname;
  let sent: ReturnType<typeof collect>;
  beforeEach(() => (sessionStorage.clear(), localStorage.clear(), (sent = collect())));
  afterEach(() => (sent.stop(), leave(), history.replaceState(null, '', page)));

  it('the link\'s score as complete:false; the follow-ups re-send the same id as revision 2; reloads record nothing again', async () => {
    const id = uid();
    const attrs = `survey-id="${id}" context-params="order-id"`;
    await land('?nps=3&order-id=A7', attrs);
    await person();
    await settle(() => sent.length === 1, 'partial recorded');
    expect(sent[0]).to.include({ complete: false, revision: 1 });
    expect(sent[0].answers).to.deep.equal({ nps: 3 });

    // A reload keeps the id and does not record the same answers again.
    leave();
    const el = await land('?nps=3&order-id=A7', attrs);
    await person();
    await sleep(300);
    expect(sent).to.have.length(1);

    await setText(el, 'wrong', 'late');
    await el.requestSubmit();
    expect(sent).to.have.length(2);
    expect(sent[1].id).to.equal(sent[0].id);
    expect(sent[1]).to.include({ complete: true, revision: 2 });
    expect(sent[1].answers).to.deep.equal({ nps: 3, wrong: 'late' });
    expect(sent[1].context.confirmed).to.equal('keyboard');

    // After completing, the same link again: the answers are back on screen and nothing is recorded.
    leave();
    const again = await land('?nps=3&order-id=A7', attrs);
    expect(value(again, 'wrong')).to.equal('late');
    await person();
    await sleep(300);
    expect(sent).to.have.length(2);
  });

  it('another tab, or a click days later: the same id; a new score is the next revision, the same one is not recorded', async () => {
    const attrs = `survey-id="${uid()}" context-params="order-id"`;
    for (const [search, n] of [['?nps=3&order-id=A8', 1], ['?nps=3&order-id=A8', 1], ['?nps=9&order-id=A8', 2]] as const) {
      leave();
      sessionStorage.clear(); // another tab has its own sessionStorage; localStorage is shared
      await land(search, attrs);
      await person();
      await sleep(300);
      expect(sent, search).to.have.length(n);
    }
    expect(sent[1].id).to.equal(sent[0].id);
    expect(sent[1]).to.include({ complete: false, revision: 2 });
    expect(sent[1].answers).to.deep.equal({ nps: 9 });
  });

  it('links for two orders opened in one tab stay two responses', async () => {
    const attrs = `survey-id="${uid()}" context-params="order-id"`;
    for (const order of ['A1', 'B2']) {
      leave();
      const el = await land(`?nps=9&order-id=${order}`, attrs);
      await person();
      await settle(() => sent.length === (order === 'A1' ? 1 : 3), `partial for ${order}`);
      await el.requestSubmit();
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
  });

  it('a survey answered without a link score is sent once as revision 1, complete', async () => {
    const el = await survey(`survey-id="${uid()}" prefill="url"`, QUESTIONS);
    const own = capture(el);
    el.querySelector('koubei-nps')!.value = 9;
    await el.querySelector('koubei-nps')!.updateComplete;
    await el.requestSubmit();
    expect(own).to.have.length(1);
    expect(own[0]).to.include({ complete: true, revision: 1 });
  });
});

describe('signed links: the link\'s response id (rid)', () => {
  const page = location.pathname;
  const RID = 'c6ffe627-c213-8bb6-b5bd-5f2482f53237';
  const SIG = (c: string) => c.repeat(43);
  /** A signed link as signLink writes it (the page verifies nothing, so any 43-character sig will do). */
  const link = (score: number, sig: string, sid = 'post-purchase') => `?nps=${score}&sid=${sid}&rid=${RID}&kid=k1&exp=1798761600&sig=${sig}`;
  const ATTRS = 'survey-id="post-purchase" context-params="rid,kid,exp,sig"';
  /** Seconds since 2026-01-01T00:00:00Z (1767225600 unix seconds), worked out here from the clock. */
  const clockRevision = () => Math.floor(Date.now() / 1000) - 1767225600;
  let sent: ReturnType<typeof collect>;
  let warnings: string[];
  const warn = console.warn;
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
    sent = collect();
    warnings = [];
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    sent.stop();
    leave();
    history.replaceState(null, '', page);
  });

  it('rid is the id of the partial and of the complete; the context carries rid, kid, exp, sig and confirmed; revisions follow the clock', async () => {
    const before = clockRevision();
    const el = await land(link(3, SIG('a')), ATTRS);
    await person();
    await settle(() => sent.length === 1, 'partial');
    const after = clockRevision();
    expect(sent[0].id).to.equal(RID);
    expect(sent[0].complete).to.equal(false);
    expect(sent[0].revision).to.be.within(before, after);
    expect(sent[0].context).to.include({ rid: RID, kid: 'k1', exp: '1798761600', sig: SIG('a'), confirmed: 'keyboard' });
    await el.requestSubmit();
    expect(sent[1].id).to.equal(RID);
    expect(sent[1].complete).to.equal(true);
    // One more than the partial, or the clock if it has moved on since.
    expect(sent[1].revision).to.be.within(sent[0].revision + 1, Math.max(sent[0].revision + 1, clockRevision()));
    expect(warnings).to.deep.equal([]);
  });

  it('7 then 9 is one response (the record is the rid\'s, not the sig\'s); the context carries the latest link', async () => {
    await land(link(7, SIG('a')), ATTRS);
    await person();
    await settle(() => sent.length === 1, 'the 7');
    leave();
    await land(link(9, SIG('b')), ATTRS);
    await person();
    await settle(() => sent.length === 2, 'the 9');
    expect(sent.map((r) => r.id)).to.deep.equal([RID, RID]);
    expect(sent[1].revision).to.be.greaterThan(sent[0].revision);
    expect(sent[1].answers).to.deep.equal({ nps: 9 });
    expect(sent[1].context.sig).to.equal(SIG('b'));
    expect(Object.keys(localStorage).filter((k) => k.startsWith('koubei-partial:'))).to.have.length(1);
  });

  it('a revisit keeps what the customer answered: 3, a comment and a touchpoint, submitted; then 9: one response with 9, the comment and the touchpoint', async () => {
    const first = await land(link(3, SIG('a')), ATTRS);
    await person();
    await settle(() => sent.length === 1, 'the 3');
    await choose(first.querySelector('[name=delivery]')!, 4);
    await setText(first, 'comment', '包装很好');
    await setText(first, 'wrong', '太慢'); // a detractor's follow-up: hidden, so not sent, once the score is 9
    await first.requestSubmit();
    expect(sent[1]).to.include({ id: RID, complete: true });
    expect(sent[1].answers).to.deep.equal({ nps: 3, delivery: 4, comment: '包装很好', wrong: '太慢' });

    leave();
    const second = await land(link(9, SIG('b')), ATTRS);
    // Shown before anything is recorded: the new score and the answers from before.
    expect(value(second, 'nps')).to.equal(9);
    expect(value(second, 'delivery')).to.equal(4);
    expect(value(second, 'comment')).to.equal('包装很好');
    expect(sent).to.have.length(2);
    await person();
    await settle(() => sent.length === 3, 'the 9');
    // Already submitted once: the revisit's record stays complete.
    expect(sent[2]).to.include({ id: RID, complete: true });
    expect(sent[2].revision).to.be.greaterThan(sent[1].revision);
    expect(sent[2].answers).to.deep.equal({ nps: 9, delivery: 4, comment: '包装很好' });
    await setText(second, 'comment', '包装很好，送货也快');
    await second.requestSubmit();
    expect(sent[3]).to.include({ id: RID, complete: true });
    expect(sent[3].revision).to.be.greaterThan(sent[2].revision);
    expect(sent[3].answers).to.deep.equal({ nps: 9, delivery: 4, comment: '包装很好，送货也快' });
  });

  it('a second device (no record in this browser): the same id, a revision from the clock, this visit\'s answers only', async () => {
    await land(link(3, SIG('a')), ATTRS);
    await person();
    await settle(() => sent.length === 1, 'first device');
    leave();
    localStorage.clear();
    const before = clockRevision();
    await land(link(9, SIG('b')), ATTRS);
    await person();
    await settle(() => sent.length === 2, 'second device');
    expect(sent[1].id).to.equal(RID);
    expect(sent[1].revision).to.be.within(before, clockRevision());
    expect(sent[1].answers).to.deep.equal({ nps: 9 });
  });

  it('a rid that is not a UUID is ignored with a warning (an id of its own); a sid in the URL alone is not warned about', async () => {
    await land('?nps=6&rid=12345&sid=other', ATTRS);
    await person();
    await settle(() => sent.length === 1, 'partial');
    expect(sent[0].id).to.not.equal('12345');
    expect(sent[0].id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent[0].revision).to.equal(1);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('rid="12345"').and.contain('not a UUID');
    // No sig in the URL: nothing to verify, so nothing said about one.
    expect(warnings[0]).to.not.contain('verify');
  });

  it('a real signed link: the page warns exactly when the collector\'s check (verifyContext) will fail, and says why', async () => {
    const keys = { k1: 'a secret of at least sixteen bytes' };
    const url = await signLink(`https://shop.example${page}`, { surveyId: 'post-purchase', responseId: RID, score: 6, expiresAt: '2099-01-01T00:00:00Z', keyId: 'k1' }, keys.k1);
    const signed = new URL(url).search;
    const visit = async (search: string, attrs: string) => {
      leave();
      localStorage.clear();
      sent.length = 0;
      warnings.length = 0;
      await land(search, attrs);
      await person();
      await settle(() => sent.length === 1, search);
      return verifyContext(sent[0], keys);
    };
    // The control: the link as signed verifies, and nothing is said.
    expect(await visit(signed, ATTRS)).to.include({ valid: true });
    expect(warnings).to.deep.equal([]);
    // Only sid changed in the URL: the response still carries survey-id "post-purchase", which is what is signed,
    // and sid is not sent: it verifies, so no warning (one said "signed for survey-id \"other\"… will not verify").
    const otherSid = signed.replace('sid=post-purchase', 'sid=other');
    expect(otherSid).to.contain('sid=other');
    expect(await visit(otherSid, ATTRS)).to.include({ valid: true });
    expect(warnings).to.deep.equal([]);
    // A page that sends sid too (context-params lists it): context.sid "other" is not the surveyId, a mismatch.
    expect(await visit(otherSid, 'survey-id="post-purchase" context-params="sid,rid,kid,exp,sig"')).to.include({ valid: false, reason: 'mismatch' });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('context.sid "other"').and.contain('survey-id "post-purchase"').and.contain('will not verify');
    // The same page with the link as signed: context.sid equals the survey-id, it verifies, no warning.
    expect(await visit(signed, 'survey-id="post-purchase" context-params="sid,rid,kid,exp,sig"')).to.include({ valid: true });
    expect(warnings).to.deep.equal([]);
    // A rid that is not a UUID on a signed link: an id of its own, which is not the one signed.
    expect(await visit(signed.replace(RID, '12345'), ATTRS)).to.include({ valid: false, reason: 'mismatch' });
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('rid="12345"').and.contain('will not verify');
  });

  it('a record in storage that is not one (another script\'s, a revision past 32 bits) is ignored, not sent on', async () => {
    const key = `koubei-partial:post-purchase:${RID}`;
    for (const junk of [JSON.stringify({ id: RID, revision: 2 ** 31 - 1, sig: '{}' }), '"text"', 'null', '{"id":1}']) {
      leave();
      localStorage.setItem(key, junk);
      const before = clockRevision();
      await land(link(5, SIG('c')), ATTRS);
      await person();
      await settle(() => sent.length === 1, junk);
      expect(sent[0].id, junk).to.equal(RID);
      expect(sent[0].revision, junk).to.be.within(before, clockRevision());
      expect(JSON.parse(localStorage.getItem(key)!).revision, junk).to.equal(sent[0].revision);
      sent.length = 0;
    }
  });

  it('timeRevision: seconds since 2026-01-01T00:00:00Z, a 32-bit integer until 2094', () => {
    expect(timeRevision(Date.UTC(2026, 0, 1))).to.equal(0);
    // Jan–Nov 2026: 31+28+31+30+31+30+31+31+30+31+30 = 334 days × 86400 s.
    expect(timeRevision(Date.UTC(2026, 11, 1, 0, 0, 1, 999))).to.equal(334 * 86400 + 1);
    // 2026 to 2094: 68 years of 365 days plus 17 leap days (2028 … 2092) = 24837 days; within 2^31 − 1 = 2147483647.
    expect(timeRevision(Date.UTC(2094, 0, 1))).to.equal(24837 * 86400);
    expect(24837 * 86400).to.be.below(2 ** 31 - 1);
  });
});
