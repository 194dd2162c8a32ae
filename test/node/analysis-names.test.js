// Question names that are also the names of summary()'s own counters, or of Object members, counted as
// any other name (summary() sums into one record per question, looked up by name).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { summary, summaryStats } from '../../dist/analysis.js';

const likert = (value) => ({ type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 });
const nps = (value) => ({ type: 'nps', value, category: value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor' });

describe('summary: question names', () => {
  it("names such as 'n', 'sum', 'points', 'type' and 'promoters' are questions like any other", () => {
    // Two responses: n = 5 then 2 (sum 7, 1 satisfied), sum = 4 and 4 (2 satisfied), points = 1 and 5 (1),
    // type = 3 and 3 (0), and an NPS question named 'promoters' answered 10 and 0.
    const responses = [
      { id: 'a', scores: { n: likert(5), sum: likert(4), points: likert(1), type: likert(3), promoters: nps(10) } },
      { id: 'b', scores: { n: likert(2), sum: likert(4), points: likert(5), type: likert(3), promoters: nps(0) } },
    ];
    assert.deepEqual(summaryStats(responses), {
      n: 2,
      questions: {
        n: { type: 'likert', n: 2, satisfied: 1, sum: 7, points: 5 },
        sum: { type: 'likert', n: 2, satisfied: 2, sum: 8, points: 5 },
        points: { type: 'likert', n: 2, satisfied: 1, sum: 6, points: 5 },
        type: { type: 'likert', n: 2, satisfied: 0, sum: 6, points: 5 },
        promoters: { type: 'nps', promoters: 1, passives: 0, detractors: 1 },
      },
    });
    // 'promoters' as the NPS question: (1 − 1) / 2 = NPS 0; CSAT of 'sum' 2 / 2 = 100 %, mean 4.
    const s = summary(responses, { question: 'promoters', minN: 0 });
    assert.equal(s.nps.nps, 0);
    assert.deepEqual([s.csat.sum.csat, s.csat.sum.mean, s.csat.n.mean], [100, 4, 3.5]);
  });

  it("names of Object members ('toString', 'constructor', 'hasOwnProperty') are counted, as the collector's SQL counts them", () => {
    const responses = [
      { id: 'a', scores: { toString: nps(10), constructor: likert(5), hasOwnProperty: likert(2) } },
      { id: 'b', scores: { toString: nps(2), constructor: likert(4) } },
    ];
    assert.deepEqual(summaryStats(responses), {
      n: 2,
      questions: {
        toString: { type: 'nps', promoters: 1, passives: 0, detractors: 1 },
        constructor: { type: 'likert', n: 2, satisfied: 2, sum: 9, points: 5 },
        hasOwnProperty: { type: 'likert', n: 1, satisfied: 0, sum: 2, points: 5 },
      },
    });
    // (1 − 1) / 2 = NPS 0; constructor's CSAT 2 / 2 = 100 %, mean 4.5.
    const s = summary(responses, { question: 'toString', minN: 0 });
    assert.deepEqual([s.nps.nps, s.nps.n, s.csat.constructor.csat, s.csat.constructor.mean, s.csat.hasOwnProperty.n], [0, 2, 100, 4.5, 1]);
  });

  it('a question whose type changes keeps its first type, in the order the names first appear', () => {
    // 'q' is NPS first (10: a promoter), then Likert (not counted); 'r' Likert first, then NPS (not counted).
    const responses = [
      { id: 'a', scores: { q: nps(10) } },
      { id: 'b', scores: { r: likert(4), q: likert(5) } },
      { id: 'c', scores: { q: nps(3), r: nps(9) } },
    ];
    const { questions } = summaryStats(responses);
    assert.deepEqual(Object.keys(questions), ['q', 'r']);
    assert.deepEqual(questions.q, { type: 'nps', promoters: 1, passives: 0, detractors: 1 });
    assert.deepEqual(questions.r, { type: 'likert', n: 1, satisfied: 1, sum: 4, points: 5 });
  });
});
