// summarize() from the built module against numbers worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scoreResponse, summarize } from '../../dist/scoring.js';

const QUESTIONS = [
  { name: 'nps', type: 'nps' },
  { name: 'delivery', type: 'likert', points: 5 },
  { name: 'fit', type: 'likert', points: 3 },
  { name: 'comment', type: 'text' },
];
const scored = (answers) => ({ scores: scoreResponse(answers, QUESTIONS) });

// Ten customers; not everybody answered every question.
const RESPONSES = [
  { nps: 10, delivery: 5, fit: 3, comment: '很好👍🏽' },
  { nps: 9, delivery: 4, fit: 2 },
  { nps: 9, delivery: 4, comment: 'ok' },
  { nps: 8, delivery: 3, fit: 3 },
  { nps: 7, delivery: 2, fit: 1 },
  { nps: 6, delivery: 5 },
  { nps: 3, delivery: 1 },
  { nps: 0, delivery: 4, comment: '太慢了' },
  { nps: 10 },
  { nps: 9 },
].map(scored);

const Z = 1.96;

describe('summarize against hand-computed numbers', () => {
  const s = summarize(RESPONSES);

  it('counts responses and answers per question', () => {
    assert.equal(s.responses, 10);
    assert.deepEqual(
      Object.fromEntries(Object.entries(s.questions).map(([k, q]) => [k, q.count])),
      { nps: 10, delivery: 8, fit: 4, comment: 3 },
    );
  });

  it('NPS: % promoters - % detractors with its 95% margin of error', () => {
    const q = s.questions.nps;
    // promoters 10,9,9,10,9 = 5; passives 8,7 = 2; detractors 6,3,0 = 3; n = 10
    assert.equal(q.type, 'nps');
    assert.equal(q.promoters, 5);
    assert.equal(q.passives, 2);
    assert.equal(q.detractors, 3);
    //                        0  1  2  3  4  5  6  7  8  9  10
    assert.deepEqual(q.distribution, [1, 0, 0, 1, 0, 0, 1, 1, 1, 3, 2]);
    // NPS = 50% - 30% = 20
    assert.equal(q.nps, 20);
    // Each answer is +1, 0 or -1: variance = p + d - (p - d)^2 = 0.5 + 0.3 - 0.2^2 = 0.76
    // MoE = 100 * 1.96 * sqrt(0.76 / 10) = 100 * 1.96 * 0.275681 = 54.03
    assert.equal(q.marginOfError, 54.03);
    assert.ok(Math.abs(q.marginOfError - 100 * Z * Math.sqrt(0.76 / 10)) < 0.01);
  });

  it('5-point CSAT: top-2-box share with a 95% Wilson interval, mean and distribution', () => {
    const q = s.questions.delivery;
    // values 5,4,4,3,2,5,1,4: satisfied (4 or 5) = 5 of 8
    assert.equal(q.type, 'likert');
    assert.equal(q.points, 5);
    assert.deepEqual(q.distribution, [1, 1, 1, 3, 2]);
    assert.equal(q.satisfied, 5);
    assert.equal(q.csat, 62.5); // 5 / 8
    assert.equal(q.mean, 3.5); // 28 / 8
    // Wilson, p = 0.625, n = 8, z^2 = 3.8415:
    //   centre = (p + z^2/2n) / (1 + z^2/n) = (0.625 + 0.24009) / 1.48018 = 0.58443
    //   half   = z * sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n) = 1.96 * sqrt(0.029297 + 0.015006) / 1.48018 = 0.27871
    //   → [30.57%, 86.32%]
    assert.deepEqual(q.csatInterval, [30.57, 86.32]);
    const p = 5 / 8;
    const n = 8;
    const centre = (p + (Z * Z) / (2 * n)) / (1 + (Z * Z) / n);
    const half = (Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n))) / (1 + (Z * Z) / n);
    assert.ok(Math.abs(q.csatInterval[0] - 100 * (centre - half)) < 0.01);
    assert.ok(Math.abs(q.csatInterval[1] - 100 * (centre + half)) < 0.01);
  });

  it('3-point CSAT counts only the top box', () => {
    const q = s.questions.fit;
    // values 3,2,3,1: satisfied (3 only) = 2 of 4; the 2 is not satisfied
    assert.deepEqual(q.distribution, [1, 1, 2]);
    assert.equal(q.satisfied, 2);
    assert.equal(q.csat, 50);
    assert.equal(q.mean, 2.25); // 9 / 4
    // Wilson at p = 0.5, n = 4 is symmetric around 50: centre 0.5, half = 1.96 * sqrt(0.0625 + 0.060025) / 1.9604 = 0.34996
    assert.deepEqual(q.csatInterval, [15, 85]);
  });

  it('text: mean length in user-perceived characters', () => {
    // 很好👍🏽 = 3, ok = 2, 太慢了 = 3 → 8 / 3
    assert.deepEqual(s.questions.comment, { type: 'text', count: 3, meanLength: 2.67 });
  });
});

describe('summarize counts each response once', () => {
  it('a response received twice, or as a partial (score by link) then complete, counts once at its highest revision', () => {
    const partial = { id: 'a', revision: 1, ...scored({ nps: 3 }) };
    const complete = { id: 'a', revision: 2, ...scored({ nps: 9, delivery: 5 }) };
    const other = { id: 'b', revision: 1, ...scored({ nps: 0 }) };
    for (const order of [[partial, complete, other, other], [complete, other, partial]]) {
      const s = summarize(order);
      assert.equal(s.responses, 2);
      assert.deepEqual([s.questions.nps.count, s.questions.nps.promoters, s.questions.nps.detractors], [2, 1, 1]);
      assert.equal(s.questions.delivery.count, 1);
    }
  });

  it('a customer who answered one order twice counts once, with the latest complete response', () => {
    const order = (id, createdAt, nps, complete = true) => ({ id, surveyId: 'post-purchase', createdAt, complete, context: { orderId: 'A1001' }, ...scored({ nps }) });
    const first = order('a', '2026-11-20T10:00:00Z', 0);
    const second = order('b', '2026-11-21T10:00:00Z', 10);
    // A score clicked later in the email is partial: the complete answer still wins.
    const clicked = order('c', '2026-11-22T10:00:00Z', 3, false);
    const s = summarize([first, second, clicked]);
    assert.equal(s.responses, 1);
    assert.deepEqual([s.questions.nps.promoters, s.questions.nps.detractors], [1, 0]);
    // The same order number in another survey is another answer.
    assert.equal(summarize([first, { ...second, surveyId: 'delivery' }]).responses, 2);
  });

  it('responses without an id all count', () => {
    assert.equal(summarize([scored({ nps: 1 }), scored({ nps: 1 })]).questions.nps.count, 2);
  });
});

describe('summarize at the edges', () => {
  it('nothing to summarize', () => {
    assert.deepEqual(summarize([]), { responses: 0, questions: {} });
    assert.deepEqual(summarize([{ scores: {} }]), { responses: 1, questions: {} });
  });

  it('all promoters: NPS 100 with no spread; all detractors: -100', () => {
    const up = summarize([9, 10, 10].map((nps) => scored({ nps }))).questions.nps;
    assert.equal(up.nps, 100);
    assert.equal(up.marginOfError, 0); // variance 1 + 0 - 1^2 = 0
    const down = summarize([0, 6].map((nps) => scored({ nps }))).questions.nps;
    assert.equal(down.nps, -100);
    assert.equal(down.marginOfError, 0);
  });

  it('a Wilson interval never leaves 0..100, unlike the normal approximation', () => {
    // 0 of 3 satisfied: [0, z^2/(n + z^2)] = [0, 3.8415 / 6.8415] = [0, 56.15]
    const none = summarize([1, 2, 3].map((delivery) => scored({ delivery }))).questions.delivery;
    assert.equal(none.csat, 0);
    assert.deepEqual(none.csatInterval, [0, 56.15]);
    // 3 of 3: [n / (n + z^2), 1] = [3 / 6.8415, 1] = [43.85, 100]
    const all = summarize([4, 5, 5].map((delivery) => scored({ delivery }))).questions.delivery;
    assert.equal(all.csat, 100);
    assert.deepEqual(all.csatInterval, [43.85, 100]);
  });

  it('a question whose scale changed keeps its first shape instead of mixing scales', () => {
    const s = summarize([
      { scores: { q: { type: 'likert', value: 5, points: 5, normalized: 1, satisfied: true } } },
      { scores: { q: { type: 'likert', value: 7, points: 7, normalized: 1, satisfied: true } } },
      { scores: { q: { type: 'nps', value: 3, category: 'detractor' } } },
    ]);
    assert.equal(s.questions.q.points, 5);
    assert.equal(s.questions.q.count, 1);
    assert.deepEqual(s.questions.q.distribution, [0, 0, 0, 0, 1]);
  });

  it('takes responses straight from a validated batch (extra fields ignored)', () => {
    const r = { id: 'x', answers: { nps: 7 }, context: {}, scores: { nps: { type: 'nps', value: 7, category: 'passive' } } };
    assert.equal(summarize([r]).questions.nps.passives, 1);
    assert.equal(summarize([r]).questions.nps.nps, 0);
  });
});

describe('summarize: a choice question', () => {
  it('counts responses per option; a multiple choice counts each value it chose', () => {
    const specs = [{ name: 'reason', type: 'choice', options: ['late', 'damaged', 'wrong'], multiple: true }];
    const rs = [['late'], ['late', 'damaged'], ['wrong'], ['damaged', 'late']].map((v) => ({ scores: scoreResponse({ reason: v }, specs) }));
    // late: responses 1, 2, 4 = 3; damaged: 2, 4 = 2; wrong: 3 = 1; 4 responses answered.
    assert.deepEqual(summarize(rs).questions.reason, { type: 'choice', count: 4, options: { late: 3, damaged: 2, wrong: 1 } });
  });
  it('a value named constructor is counted like any other', () => {
    const s = summarize([{ scores: { r: { type: 'choice', selected: ['constructor'] } } }]);
    assert.deepEqual(s.questions.r.options, { constructor: 1 });
  });
});
