/**
 * A shop's mistakes in markup: each gives one console error naming the
 * attribute and its value and a `koubei-error` event, and never throws into
 * the page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../../src/index.js';
import type { KoubeiErrorDetail, KoubeiLikert, KoubeiSurvey } from '../../src/index.js';
import { define } from '../../src/define.js';
import { captureConsole } from '../support/form-control-suite.js';

interface Case {
  what: string;
  markup: TemplateResult;
  tag: string;
  attribute: string;
  value: string;
  /** The event's `value` when it differs from the console text (null: the attribute is absent). */
  eventValue?: string | null;
  /** What the console line says when not attribute="value" (an attribute not set: "survey-id (not set)"). */
  console?: string;
  /** Extra check that the element still works with a safe default. */
  after?: (root: HTMLElement) => unknown;
}

const likertNames = (el: Element) =>
  [...el.shadowRoot!.querySelectorAll('[role=radio]')].map((o) => o.getAttribute('aria-label') ?? o.textContent!.trim());

const CASES: Case[] = [
  {
    what: 'a survey without survey-id',
    markup: html`<koubei-survey endpoint="/test-endpoint/never"><koubei-nps value="9"></koubei-nps></koubei-survey>`,
    tag: 'koubei-survey',
    attribute: 'survey-id',
    value: '',
    // One truth: the event's value is null, and the console says so rather than survey-id="".
    eventValue: null,
    console: 'survey-id (not set)',
  },
  {
    what: 'an endpoint that is not a URL',
    markup: html`<koubei-survey survey-id="s1" endpoint="not a url"><koubei-nps></koubei-nps></koubei-survey>`,
    tag: 'koubei-survey',
    attribute: 'endpoint',
    value: 'not a url',
  },
  {
    what: 'an ftp:// endpoint (the console names the scheme, not "not a URL")',
    markup: html`<koubei-survey survey-id="s1" endpoint="ftp://shop.example/in"><koubei-nps></koubei-nps></koubei-survey>`,
    tag: 'koubei-survey',
    attribute: 'endpoint',
    value: 'ftp://shop.example/in',
    console: 'endpoint="ftp://shop.example/in": uses ftp:, which cannot receive a POST',
  },
  {
    what: 'a javascript: endpoint',
    markup: html`<koubei-survey survey-id="s1" endpoint="javascript:alert(1)"><koubei-nps></koubei-nps></koubei-survey>`,
    tag: 'koubei-survey',
    attribute: 'endpoint',
    value: 'javascript:alert(1)',
  },
  {
    what: 'two questions with one name (both Likerts left at the default csat)',
    markup: html`<koubei-survey survey-id="s1" endpoint="/test-endpoint/never"
      ><koubei-likert question="Delivery?"></koubei-likert><koubei-likert question="Packaging?"></koubei-likert
    ></koubei-survey>`,
    tag: 'koubei-likert',
    attribute: 'name',
    value: 'csat',
  },
  {
    what: 'theme="blue"',
    markup: html`<koubei-survey survey-id="s1" endpoint="/test-endpoint/never" theme="blue"><koubei-nps></koubei-nps></koubei-survey>`,
    tag: 'koubei-survey',
    attribute: 'theme',
    value: 'blue',
  },
  {
    what: 'points="11"',
    markup: html`<koubei-likert lang="en" points="11"></koubei-likert>`,
    tag: 'koubei-likert',
    attribute: 'points',
    value: '11',
    after: (root) => expect(root.shadowRoot!.querySelectorAll('[role=radio]').length).to.equal(5),
  },
  {
    what: 'maxlength="-1"',
    markup: html`<koubei-text maxlength="-1"></koubei-text>`,
    tag: 'koubei-text',
    attribute: 'maxlength',
    value: '-1',
  },
  {
    what: 'an NPS value outside 0–10',
    markup: html`<koubei-nps value="11"></koubei-nps>`,
    tag: 'koubei-nps',
    attribute: 'value',
    value: '11',
  },
  {
    what: 'a Likert value that is not a number',
    markup: html`<koubei-likert value="good"></koubei-likert>`,
    tag: 'koubei-likert',
    attribute: 'value',
    value: 'good',
  },
  {
    what: 'an unknown variant',
    markup: html`<koubei-likert lang="en" variant="slider"></koubei-likert>`,
    tag: 'koubei-likert',
    attribute: 'variant',
    value: 'slider',
    after: (root) => expect(likertNames(root)[0]).to.equal('Very dissatisfied'),
  },
  {
    what: 'labels that do not match points',
    markup: html`<koubei-likert lang="en" points="3" labels="bad|good"></koubei-likert>`,
    tag: 'koubei-likert',
    attribute: 'labels',
    value: 'bad|good',
    after: (root) => expect(likertNames(root)).to.deep.equal(['Dissatisfied', 'Neutral', 'Satisfied']),
  },
];

describe('bad configuration', () => {
  let con: ReturnType<typeof captureConsole>;
  const pageErrors: unknown[] = [];
  const onError = (e: ErrorEvent | PromiseRejectionEvent) => pageErrors.push('error' in e ? e.error : e.reason);
  beforeEach(() => {
    con = captureConsole('error');
    pageErrors.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
  });
  afterEach(() => {
    con.restore();
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onError);
  });

  for (const c of CASES) {
    it(`${c.what}: a console error naming ${c.console ?? `${c.attribute}="${c.value}"`} and a koubei-error event`, async () => {
      const events: KoubeiErrorDetail[] = [];
      const wrap = await fixture<HTMLElement>(html`<div @koubei-error=${(e: CustomEvent<KoubeiErrorDetail>) => events.push(e.detail)}>
        ${c.markup}
      </div>`);
      const el = wrap.querySelector<HTMLElement & { updateComplete: Promise<unknown> }>(c.tag)!;
      await el.updateComplete;
      await waitUntil(() => events.length > 0, 'no koubei-error event');
      const mine = events.filter((d) => d.attribute === c.attribute);
      expect(mine, JSON.stringify(events)).to.have.length(1);
      expect(mine[0]).to.include({ reason: 'config', attribute: c.attribute, value: c.eventValue === undefined ? c.value : c.eventValue });
      expect(mine[0].message).to.be.a('string').and.not.equal('');
      const lines = con.lines.filter((l) => l.includes(c.console ?? `${c.attribute}="${c.value}"`));
      expect(lines, con.lines.join('\n')).to.have.length(1);
      expect(lines[0]).to.contain(`<${c.tag}>`);
      await c.after?.(el);
      // Rendering again does not repeat the report.
      (el as unknown as { requestUpdate(): void }).requestUpdate();
      await el.updateComplete;
      expect(events.filter((d) => d.attribute === c.attribute)).to.have.length(1);
      expect(pageErrors).to.deep.equal([]);
    });
  }

  it('a survey without survey-id or with a bad endpoint does not throw on submit, sends nothing and says so at each submit', async () => {
    for (const [markup, attribute, value] of [
      [html`<koubei-survey endpoint="/test-endpoint/config-none"><koubei-nps value="9"></koubei-nps></koubei-survey>`, 'survey-id', null],
      [html`<koubei-survey survey-id="s1" endpoint="not a url"><koubei-nps value="9"></koubei-nps></koubei-survey>`, 'endpoint', 'not a url'],
      [html`<koubei-survey survey-id="s1" lang="zh-CN"><koubei-nps value="9"></koubei-nps></koubei-survey>`, 'endpoint', null],
    ] as const) {
      const s = await fixture<KoubeiSurvey>(markup);
      await s.updateComplete;
      await waitUntil(() => s.shadowRoot!.querySelector('[part~="submit"]'));
      const events: KoubeiErrorDetail[] = [];
      s.addEventListener('koubei-error', (e) => events.push(e.detail));
      const logged = con.lines.length;
      s.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
      expect(await s.requestSubmit()).to.equal(undefined);
      expect(s.shadowRoot!.querySelector('[part~="thank-you"]') === null, 'no thank-you: nothing was saved').to.equal(true);
      await s.updateComplete;
      const saveError = s.shadowRoot!.querySelector<HTMLElement>('[part~="save-error"]')!;
      expect(saveError.hidden, 'the customer is told, the answers stay').to.equal(false);
      // Not "please try again": trying again cannot help.
      expect(saveError.textContent!.trim()).to.equal(s.lang === 'zh-CN' ? '抱歉，此问卷暂时无法提交。' : 'Sorry, this survey cannot be sent at the moment.');
      for (const e of events) expect(e).to.include({ reason: 'config', attribute, value });
      const atSubmit = events.filter((e) => e.message.includes('the customer submitted'));
      expect(atSubmit, JSON.stringify(events)).to.have.length(2); // the click and requestSubmit()
      expect(atSubmit[0].message).to.contain('not stored or sent');
      if (attribute === 'endpoint') expect(atSubmit[0].ids).to.have.length(1);
      expect(con.lines.slice(logged).filter((l) => l.includes('the customer submitted')), con.lines.join('\n')).to.have.length(2);
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(await (await fetch('/test-endpoint/config-none/received')).json()).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
  });

  it('a bad value set from code is reported as well', async () => {
    const events: KoubeiErrorDetail[] = [];
    const el = await fixture<KoubeiLikert>(html`<koubei-likert points="4" @koubei-error=${(e: CustomEvent) => events.push(e.detail)}></koubei-likert>`);
    (el as unknown as { value: unknown }).value = 9;
    await el.updateComplete;
    expect(el.value).to.equal(null);
    expect(events.map((d) => d.attribute)).to.deep.equal(['value']);
    expect(con.lines.join('\n')).to.contain('9');
  });
});

describe('two definitions', () => {
  it('defining a tag again is a no-op with one console warning', async () => {
    const warn = captureConsole('warn');
    try {
      const first = customElements.get('koubei-nps');
      class Other extends HTMLElement {}
      expect(() => define('koubei-nps', Other)).to.not.throw();
      expect(define('koubei-likert', class extends HTMLElement {})).to.equal(false);
      expect(customElements.get('koubei-nps')).to.equal(first);
      expect(warn.lines).to.have.length(1);
      expect(warn.lines[0]).to.contain('koubei-nps').and.contain('already defined');
      // The element defined first still works.
      const el = await fixture(html`<koubei-nps></koubei-nps>`);
      expect(el.shadowRoot!.querySelectorAll('[role=radio]').length).to.equal(11);
    } finally {
      warn.restore();
    }
  });

  it('importing the module again defines nothing new and throws nothing', async () => {
    const mod = await import('../../src/index.js');
    expect(() => mod.defineAll()).to.not.throw();
    expect(customElements.get('koubei-survey')).to.equal(mod.KoubeiSurvey);
  });
});
