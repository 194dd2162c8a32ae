import { expect } from '@open-wc/testing';
import { createStore, set } from 'idb-keyval';
import { decide, memoryStore, parseRules, persistentStore, remember } from '../../src/placement/frequency.js';
import { DAY, fakeClock, seeded } from './support.js';

describe('frequency rules', () => {
  let time: ReturnType<typeof fakeClock>;
  beforeEach(() => (time = fakeClock()));
  afterEach(() => time.restore());

  it('shows a survey that has no rules', async () => {
    expect(await decide({ surveyId: 's' }, memoryStore())).to.equal(undefined);
  });

  it('once per order: answered or dismissed for an order, never again for that order', async () => {
    const store = memoryStore();
    const a1 = { surveyId: 'post', orderId: 'A1' };
    expect(await decide(a1, store)).to.equal(undefined);
    await remember('answered', a1, store);
    expect(await decide(a1, store)).to.equal('answered');
    expect(await decide({ surveyId: 'post', orderId: 'A2' }, store)).to.equal(undefined);
    expect(await decide({ surveyId: 'other', orderId: 'A1' }, store)).to.equal(undefined);
    await remember('dismissed', { surveyId: 'post', orderId: 'A2' }, store);
    expect(await decide({ surveyId: 'post', orderId: 'A2' }, store)).to.equal('dismissed');
    // A later dismissal never turns an answered order into a dismissed one.
    await remember('dismissed', a1, store);
    expect(await decide(a1, store)).to.equal('answered');
  });

  it('recontact-days: not shown before N days have passed, shown again after', async () => {
    const store = memoryStore();
    const rules = { surveyId: 'post', recontactDays: 30 };
    await remember('dismissed', rules, store);
    time.tick(29 * DAY);
    expect(await decide(rules, store)).to.equal('recontact');
    time.tick(DAY - 1);
    expect(await decide(rules, store)).to.equal('recontact');
    time.tick(1);
    expect(await decide(rules, store)).to.equal(undefined);
    // An answer counts like a dismissal.
    await remember('answered', rules, store);
    time.tick(DAY);
    expect(await decide(rules, store)).to.equal('recontact');
  });

  it('recontact-days: a clock set back by years does not block the survey', async () => {
    const store = memoryStore();
    const rules = { surveyId: 'post', recontactDays: 7 };
    await remember('answered', rules, store);
    time.set(time.now - 3 * 365 * DAY);
    expect(await decide(rules, store)).to.equal(undefined);
  });

  it('sample: decided once per visitor and survey and remembered', async () => {
    const store = memoryStore();
    const rules = { surveyId: 'post', sample: 0.25 };
    expect(await decide(rules, store, () => 0.9)).to.equal('sampled-out');
    // Later page loads draw other numbers but keep the first decision.
    for (const r of [0, 0.1, 0.24]) expect(await decide(rules, store, () => r)).to.equal('sampled-out');
    const other = memoryStore();
    expect(await decide(rules, other, () => 0.1)).to.equal(undefined);
    expect(await decide(rules, other, () => 0.99)).to.equal(undefined);
    // A different survey is rolled separately.
    expect(await decide({ surveyId: 'other', sample: 0.25 }, store, () => 0.1)).to.equal(undefined);
  });

  it('sample: near the requested share over 1,000 simulated visitors, and stable for each', async () => {
    const random = seeded(20261123);
    for (const share of [0.25, 0.6]) {
      const visitors = Array.from({ length: 1000 }, () => memoryStore());
      const rules = { surveyId: `s${share}`, sample: share };
      const first = await Promise.all(visitors.map((v) => decide(rules, v, random)));
      const shown = first.filter((r) => r === undefined).length;
      expect(shown / 1000).to.be.within(share - 0.04, share + 0.04);
      expect(first.filter((r) => r !== undefined && r !== 'sampled-out')).to.deep.equal([]);
      const again = await Promise.all(visitors.map((v) => decide(rules, v, random)));
      expect(again).to.deep.equal(first);
    }
  });

  it('sample: raising the share keeps every visitor who was in', async () => {
    const random = seeded(7);
    const visitors = Array.from({ length: 200 }, () => memoryStore());
    const small = await Promise.all(visitors.map((v) => decide({ surveyId: 's', sample: 0.2 }, v, random)));
    const large = await Promise.all(visitors.map((v) => decide({ surveyId: 's', sample: 0.5 }, v, random)));
    small.forEach((r, i) => {
      if (r === undefined) expect(large[i]).to.equal(undefined);
    });
  });

  it('checks the order first, then the recontact period, then the sample', async () => {
    const store = memoryStore();
    const rules = { surveyId: 'post', orderId: 'A1', recontactDays: 10, sample: 0 };
    expect(await decide(rules, store)).to.equal('sampled-out');
    await remember('dismissed', { surveyId: 'post', orderId: 'A9' }, store);
    expect(await decide(rules, store)).to.equal('recontact');
    await remember('answered', rules, store);
    expect(await decide(rules, store)).to.equal('answered');
  });

  it('keeps state in IndexedDB across store instances (a reload, another tab)', async () => {
    const rules = { surveyId: `idb-${Math.random()}`, orderId: 'A1' };
    await remember('answered', rules, persistentStore());
    expect(await decide(rules, persistentStore())).to.equal('answered');
    expect(localStorage.getItem(`koubei-placement:order:${rules.surveyId}:A1`)).to.equal(null);
  });

  it('reads the state an earlier version kept in IndexedDB (idb-keyval\'s state store in koubei-placement)', async () => {
    const rules = { surveyId: `old-${Math.random()}`, orderId: 'A1', recontactDays: 30 };
    const old = createStore('koubei-placement', 'state');
    await set(`order:${rules.surveyId}:A1`, 'answered', old);
    await set(`last:${rules.surveyId}`, { at: time.now, outcome: 'answered' }, old);
    expect(await decide(rules, persistentStore())).to.equal('answered');
    expect(await decide({ ...rules, orderId: 'A2' }, persistentStore())).to.equal('recontact');
  });

  it('falls back to localStorage when IndexedDB cannot open', async () => {
    const open = indexedDB.open;
    indexedDB.open = () => {
      throw new DOMException('blocked', 'SecurityError');
    };
    try {
      const rules = { surveyId: `ls-${Math.random()}`, orderId: 'A1' };
      await remember('dismissed', rules, persistentStore());
      expect(localStorage.getItem(`koubei-placement:order:${rules.surveyId}:A1`)).to.equal('"dismissed"');
      expect(await decide(rules, persistentStore())).to.equal('dismissed');
    } finally {
      indexedDB.open = open;
    }
  });

  it('reads the attributes and names each bad one', () => {
    const ok = parseRules('s', { oncePer: 'order', recontactDays: '30', sample: '0.25', orderId: 'A1' });
    expect(ok.rules).to.deep.equal({ surveyId: 's', orderId: 'A1', recontactDays: 30, sample: 0.25 });
    expect(ok.problems).to.deep.equal([]);
    const bad = parseRules('s', { oncePer: 'visit', recontactDays: 'soon', sample: '25%' });
    expect(bad.rules).to.deep.equal({ surveyId: 's' });
    expect(bad.problems.map((p) => p.attribute)).to.deep.equal(['once-per', 'recontact-days', 'sample']);
    const noOrder = parseRules('s', { oncePer: 'order', recontactDays: null, sample: '' });
    expect(noOrder.problems.map((p) => p.attribute)).to.deep.equal(['once-per', 'sample']);
    expect(noOrder.problems[0].message).to.contain('data-order-id');
  });
});
