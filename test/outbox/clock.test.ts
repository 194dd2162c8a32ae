/**
 * Koubei has one clock (src/clock.ts): the outbox's default (its records' times and its timers), the frequency
 * rules, a link's revisions and the answered-once marks all read it at each call, so replacing its members moves them
 * all, and no test needs a global or a fake Date.
 */
import { expect } from '@open-wc/testing';
import { clock } from '../../src/clock.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { memoryStorage } from '../../src/outbox/store.js';
import { decide, memoryStore, remember } from '../../src/placement/frequency.js';
import { timeRevision } from '../../src/components/survey/prefill.js';
import { answeredKey, markAnswered } from '../../src/components/survey/answered.js';

const T = Date.UTC(2030, 0, 1);
const DAY = 864e5;

describe("Koubei's one clock", () => {
  const orig = { ...clock };
  const timers: number[] = [];
  beforeEach(() => {
    timers.length = 0;
    clock.now = () => T;
    clock.setTimeout = (_fn, ms) => (timers.push(ms), timers.length);
    clock.clearTimeout = () => undefined;
  });
  afterEach(() => Object.assign(clock, orig));

  it("moves the outbox that was given no clock: a record's time and its timers", async () => {
    const map = new Map<string, unknown>();
    const ob = createOutbox({ storage: memoryStorage(map), locks: null, channel: () => undefined, online: () => false, fetch: () => new Promise(() => undefined), config: { onlineDelay: 1000 } });
    const id = crypto.randomUUID();
    await ob.submit(
      { id, surveyId: 's', createdAt: new Date(T).toISOString(), locale: 'en', answers: { nps: 9 }, scores: { nps: { type: 'nps', value: 9, category: 'promoter' } }, context: {} },
      { endpoint: 'https://collect.example/v1' },
    );
    expect((map.get(`responses/${id}`) as { createdAt: number }).createdAt).to.equal(T);
    ob.online();
    expect(timers.length).to.be.at.least(1);
    expect(timers.at(-1)).to.be.within(0, 1000);
  });

  it('moves the frequency rules, a link revision and the answered-once marks', async () => {
    const store = memoryStore();
    const rules = { surveyId: 'post', recontactDays: 30 };
    await remember('answered', rules, store);
    expect(await decide(rules, store)).to.equal('recontact');
    clock.now = () => T + 31 * DAY;
    expect(await decide(rules, store)).to.equal(undefined);
    expect(timeRevision()).to.equal(Math.floor((T + 31 * DAY - Date.UTC(2026, 0, 1)) / 1000));
    const key = answeredKey(`clock-${Math.random()}`, 'A1');
    markAnswered(key);
    try {
      expect(localStorage.getItem(key)).to.equal(String(T + 31 * DAY));
    } finally {
      localStorage.removeItem(key);
    }
  });
});
