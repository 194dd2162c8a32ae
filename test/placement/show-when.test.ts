import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { matches, parseShowWhen } from '../../src/components/survey/show-when.js';
import { capture, choose, record, survey, uid } from './helpers.js';

describe('show-when syntax', () => {
  it('parses categories, answers and ranges, and keeps every item as written (a choice\'s values)', () => {
    expect(parseShowWhen('nps:detractor')).to.deep.equal({ name: 'nps', match: ['detractor'], values: ['detractor'] });
    expect(parseShowWhen('nps:passive,promoter')).to.deep.equal({ name: 'nps', match: ['passive', 'promoter'], values: ['passive', 'promoter'] });
    expect(parseShowWhen('delivery:1-2')).to.deep.equal({ name: 'delivery', match: [[1, 2]], values: ['1-2'] });
    expect(parseShowWhen(' delivery : 1 , 4-5 ')).to.deep.equal({ name: 'delivery', match: [[1, 1], [4, 5]], values: ['1', '4-5'] });
    expect(parseShowWhen('reason:damaged,late')).to.deep.equal({ name: 'reason', match: [], values: ['damaged', 'late'] });
  });

  it('rejects what is no condition at all', () => {
    for (const bad of ['', 'nps', 'nps:', ':detractor', 'nps:1,,2']) {
      expect(parseShowWhen(bad), bad).to.equal(undefined);
    }
  });

  it('items that are neither categories nor answers are values only: a score question refuses them (applyShowWhen)', () => {
    for (const bad of ['nps:detractors', 'nps:5-1', 'nps:1-', 'nps:a-b', 'nps:-1']) {
      const c = parseShowWhen(bad)!;
      expect(c.match.length, bad).to.be.below(c.values.length);
    }
  });

  it('matches a choice by value, single or multiple', () => {
    const c = parseShowWhen('reason:damaged,late')!;
    expect([matches(c, { reason: 'late' }), matches(c, { reason: ['wrong', 'damaged'] }), matches(c, { reason: ['wrong'] }), matches(c, {})]).to.deep.equal([true, true, false, false]);
  });

  it('matches NPS categories on 0–6, 7–8, 9–10 and ranges inclusively', () => {
    const det = parseShowWhen('nps:detractor')!;
    expect([0, 6, 7].map((v) => matches(det, { nps: v }))).to.deep.equal([true, true, false]);
    const pp = parseShowWhen('nps:passive,promoter')!;
    expect([6, 7, 8, 9, 10].map((v) => matches(pp, { nps: v }))).to.deep.equal([false, true, true, true, true]);
    const low = parseShowWhen('delivery:1-2')!;
    expect([1, 2, 3].map((v) => matches(low, { delivery: v }))).to.deep.equal([true, true, false]);
    expect(matches(low, {})).to.equal(false);
    expect(matches(low, { delivery: 'fast' })).to.equal(false);
  });
});

const FOLLOW_UPS = `
  <koubei-nps required></koubei-nps>
  <koubei-text name="wrong" question="What went wrong?" show-when="nps:detractor" required></koubei-text>
  <koubei-text name="liked" question="What did you like?" show-when="nps:passive,promoter"></koubei-text>
  <koubei-likert name="delivery" required></koubei-likert>
  <koubei-text name="delivery-why" show-when="delivery:1-2" required></koubei-text>`;

describe('show-when on a survey', () => {
  const shown = (el: Element) =>
    [...el.querySelectorAll('koubei-text')].filter((q) => !(q as HTMLElement).hidden).map((q) => q.getAttribute('name'));

  it('hides every follow-up until its question is answered', async () => {
    const el = await survey(`survey-id="${uid()}"`, FOLLOW_UPS);
    expect(shown(el)).to.deep.equal([]);
    expect(el.querySelector<HTMLElement>('[name=wrong]')!.getBoundingClientRect().height).to.equal(0);
  });

  it('follows a value set by code too (no input/change events): the follow-up shows, then switches', async () => {
    const el = await survey(`survey-id="${uid()}"`, FOLLOW_UPS);
    const nps = el.querySelector('koubei-nps')!;
    nps.value = 3;
    await nps.updateComplete;
    expect(shown(el)).to.deep.equal(['wrong']);
    nps.value = 10;
    await nps.updateComplete;
    expect(shown(el)).to.deep.equal(['liked']);
    nps.value = null;
    await nps.updateComplete;
    expect(shown(el)).to.deep.equal([]);
  });

  it('a detractor is asked what went wrong; a promoter what they liked; changing the score switches', async () => {
    const el = await survey(`survey-id="${uid()}"`, FOLLOW_UPS);
    const nps = el.querySelector('koubei-nps')!;
    await choose(nps, 3);
    expect(shown(el)).to.deep.equal(['wrong']);
    await choose(nps, 9);
    expect(shown(el)).to.deep.equal(['liked']);
    await choose(nps, 7);
    expect(shown(el)).to.deep.equal(['liked']);
    await choose(el.querySelector('koubei-likert')!, 2);
    expect(shown(el)).to.deep.equal(['liked', 'delivery-why']);
    await choose(el.querySelector('koubei-likert')!, 3);
    expect(shown(el)).to.deep.equal(['liked']);
  });

  it('a hidden required question does not block submit, and a hidden answer is not sent', async () => {
    const el = await survey(`survey-id="${uid()}"`, FOLLOW_UPS);
    const sent = capture(el);
    const nps = el.querySelector('koubei-nps')!;
    await choose(nps, 2);
    (el.querySelector('[name=wrong]') as HTMLElement & { value: string }).value = 'late';
    await choose(nps, 10); // "wrong" hides again, with its text still typed
    (el.querySelector('[name=liked]') as HTMLElement & { value: string }).value = 'quality';
    await choose(el.querySelector('koubei-likert')!, 5);
    const response = await el.requestSubmit();
    expect(response, 'submitted').to.exist;
    expect(sent[0].answers).to.deep.equal({ nps: 10, liked: 'quality', delivery: 5 });
  });

  it('a shown required follow-up must be answered', async () => {
    const el = await survey(`survey-id="${uid()}"`, FOLLOW_UPS);
    const sent = capture(el);
    await choose(el.querySelector('koubei-nps')!, 4);
    await choose(el.querySelector('koubei-likert')!, 4);
    expect(await el.requestSubmit()).to.equal(undefined);
    expect(sent).to.have.length(0);
    expect(el.querySelector('[name=wrong]')!.shadowRoot!.querySelector('[part~=error]')!.textContent).to.contain('Enter an answer');
    // Switching to a promoter drops the now-hidden question's error and lets the survey through.
    await choose(el.querySelector('koubei-nps')!, 9);
    expect(await el.requestSubmit()).to.exist;
    expect(sent[0].answers).to.deep.equal({ nps: 9, delivery: 4 });
  });

  it('bad syntax: a config error naming show-when and its value, and the question stays shown', async () => {
    const errors = record<{ attribute: string; value: string; message: string }>('koubei-error');
    const el = await survey(
      `survey-id="${uid()}"`,
      `<koubei-nps></koubei-nps><koubei-text name="a" show-when="nps=detractor"></koubei-text><koubei-text name="b" show-when="later:1-2"></koubei-text><koubei-likert name="later"></koubei-likert><koubei-text name="c" show-when="nps:detractors"></koubei-text>`,
    );
    expect(errors.map((e) => [e.attribute, e.value])).to.deep.equal([
      ['show-when', 'nps=detractor'],
      ['show-when', 'later:1-2'],
      ['show-when', 'nps:detractors'],
    ]);
    expect(errors[1].message).to.contain('not a question before this one');
    expect(shown(el)).to.deep.equal(['a', 'b', 'c']);
    // Reported once, not on every answer.
    await choose(el.querySelector('koubei-nps')!, 5);
    expect(errors).to.have.length(3);
  });
});
