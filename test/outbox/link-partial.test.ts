/**
 * A score that arrives by an email link is recorded as a partial response (PartialResponse in
 * src/components/survey/prefill.ts) and remembered for the link only once the outbox has stored it: if the first
 * store fails, the same score is recorded again on the next try (review finding: remembered first, the score of a
 * link whose first store failed was lost for good).
 */
import { expect } from '@open-wc/testing';
import { PartialResponse } from '../../src/components/survey/prefill.js';
import { responseSchema, type KoubeiResponse } from '../../src/schema.js';

const built = (nps: number): KoubeiResponse =>
  responseSchema.parse({
    id: crypto.randomUUID(),
    surveyId: 'link',
    createdAt: new Date().toISOString(),
    locale: 'en',
    answers: { nps },
    scores: { nps: { type: 'nps', value: nps, category: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor' } },
    context: {},
  });

describe('a link score is remembered only once stored', () => {
  let name: string;
  beforeEach(() => (name = `link-test:${crypto.randomUUID()}`));
  afterEach(() => localStorage.removeItem(`koubei-partial:${name}`));

  it('a record that was never stored is made again for the same score, with the same id and revision', () => {
    const link = new PartialResponse(name);
    const first = link.partial(built(9))!;
    expect(first).to.include({ complete: false, revision: 1 });
    // The outbox refused it (storage failed): nothing was remembered, so the same click records it again.
    const again = new PartialResponse(name).partial(built(9));
    expect(again, 'the score is recorded again').to.not.equal(undefined);
    expect(again!.revision).to.equal(1);
    expect(localStorage.getItem(`koubei-partial:${name}`)).to.equal(null);
  });

  it('once stored, the same score is not recorded twice, and the complete response takes its id and the next revision', () => {
    const link = new PartialResponse(name);
    const first = link.partial(built(9))!;
    link.stored(first);
    const later = new PartialResponse(name);
    expect(later.partial(built(9))).to.equal(undefined);
    const complete = later.complete(built(9));
    // The id of the first record, revision 1 + 1 = 2.
    expect(complete).to.include({ id: first.id, revision: 2, complete: true });
  });

  it('stored() of a response this link did not make remembers nothing', () => {
    const link = new PartialResponse(name);
    link.stored(built(5));
    expect(localStorage.getItem(`koubei-partial:${name}`)).to.equal(null);
  });
});
