// latestResponses() from the built koubei/analysis against its rule written out the slow way (sort each
// order's responses and take the first, as SQL's DISTINCT ON does), on thousands of random small inputs,
// and the cases a hash keyed without building strings could get wrong.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { latestResponses } from '../../dist/analysis.js';
import { summarize } from '../../dist/scoring.js';

/** The rule of latestResponses' JSDoc, step by step, with sorting instead of running winners. */
function reference(responses) {
  // 1. Each id at its highest revision (the first seen among equals), at the id's first position.
  const firstAt = new Map();
  responses.forEach((r, i) => r.id !== undefined && !firstAt.has(r.id) && firstAt.set(r.id, i));
  const once = [];
  responses.forEach((r, i) => {
    if (r.id === undefined) return once.push(r);
    if (firstAt.get(r.id) !== i) return;
    const same = responses.filter((s) => s.id === r.id);
    const top = Math.max(...same.map((s) => s.revision ?? 1));
    once.push(same.find((s) => (s.revision ?? 1) === top));
  });
  // 2. Per (surveyId, orderId), as the one string `${surveyId}\0${orderId}`: sorted by complete first,
  // then createdAt (missing or unreadable earliest), revision and id, all descending; the first wins
  // (a stable sort keeps the first seen among equals).
  const time = (r) => (r.createdAt === undefined || Number.isNaN(Date.parse(r.createdAt)) ? -Infinity : Date.parse(r.createdAt));
  const orderOf = (r) => (typeof r.context?.orderId === 'string' && r.context.orderId !== '' ? `${r.surveyId ?? ''}\u0000${r.context.orderId}` : null);
  const winner = new Map();
  for (const key of new Set(once.map(orderOf).filter((k) => k !== null))) {
    const ranked = once.filter((r) => orderOf(r) === key).sort(
      (a, b) =>
        (b.complete !== false) - (a.complete !== false) ||
        (time(a) === time(b) ? 0 : time(b) > time(a) ? 1 : -1) ||
        (b.revision ?? 1) - (a.revision ?? 1) ||
        ((b.id ?? '') > (a.id ?? '') ? 1 : (b.id ?? '') < (a.id ?? '') ? -1 : 0),
    );
    winner.set(key, ranked[0]);
  }
  return once.filter((r) => orderOf(r) === null || winner.get(orderOf(r)) === r);
}

/** A seeded generator (the LCG of Numerical Recipes), so a failure can be replayed. */
function random(seed) {
  let x = seed;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const pick = (rnd, xs) => xs[Math.floor(rnd() * xs.length)];

function randomResponses(rnd) {
  const out = [];
  const n = Math.floor(rnd() * 25);
  for (let i = 0; i < n; i++) {
    // Now and then the same object again (only without an id does it survive step 1 twice).
    if (out.length > 0 && rnd() < 0.1) {
      out.push(pick(rnd, out));
      continue;
    }
    const r = { scores: {} };
    const id = pick(rnd, ['a', 'b', 'c', 'd', 'e', undefined, undefined]);
    if (id !== undefined) r.id = id;
    const survey = pick(rnd, ['s', 's', 't', undefined, 's\u0000x', '']);
    if (survey !== undefined) r.surveyId = survey;
    const order = pick(rnd, ['O1', 'O1', 'O2', 'x\u0000O1', '', undefined, 7]);
    r.context = order === undefined ? pick(rnd, [{}, undefined]) : { orderId: order };
    const complete = pick(rnd, [true, true, false, undefined]);
    if (complete !== undefined) r.complete = complete;
    const createdAt = pick(rnd, ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z', '2026-11-23T18:00:00+08:00', '2026-11-23T11:00:00Z', 'soon', undefined]);
    if (createdAt !== undefined) r.createdAt = createdAt;
    const revision = pick(rnd, [1, 2, 3, undefined]);
    if (revision !== undefined) r.revision = revision;
    r.n = i; // tells equal-looking responses apart in a failure message
    out.push(r);
  }
  return out;
}

describe('latestResponses: the rule, however the responses come', () => {
  it('equals the rule worked out the slow way on 5,000 random inputs', () => {
    const rnd = random(20261202);
    for (let k = 0; k < 5000; k++) {
      const input = randomResponses(rnd);
      const got = latestResponses(input);
      const want = reference(input);
      assert.equal(got.length, want.length, `input ${k}: ${JSON.stringify(input)}`);
      got.forEach((r, i) => assert.equal(r, want[i], `input ${k}, position ${i}: ${JSON.stringify(input)}`));
    }
  });

  it('a survey id holding a NUL is the same order as the string `${surveyId}\\0${orderId}` says', () => {
    // 's\0x' + '\0' + 'O1' and 's' + '\0' + 'x\0O1' are one string, 's\0x\0O1': one order. b is later: it wins.
    const a = { id: 'a', surveyId: 's\u0000x', context: { orderId: 'O1' }, createdAt: '2026-11-23T10:00:00Z', scores: {} };
    const b = { id: 'b', surveyId: 's', context: { orderId: 'x\u0000O1' }, createdAt: '2026-11-23T11:00:00Z', scores: {} };
    assert.deepEqual(latestResponses([a, b]), [b]);
    // 's\0x' / 'O1' and 's' / 'xO1' are not: both count.
    const c = { ...b, id: 'c', context: { orderId: 'xO1' } };
    assert.deepEqual(latestResponses([a, c]), [a, c]);
    // A survey id that is not a string is read as a string, as the key always did: 1 and '1' are one survey.
    const d = { id: 'd', surveyId: 1, context: { orderId: 'O1' }, createdAt: '2026-11-23T10:00:00Z', scores: {} };
    const e = { id: 'e', surveyId: '1', context: { orderId: 'O1' }, createdAt: '2026-11-23T12:00:00Z', scores: {} };
    assert.deepEqual(latestResponses([d, e]), [e]);
  });

  it('one object listed twice without an id counts twice while it wins its order, never when it loses', () => {
    const a = { surveyId: 's', context: { orderId: 'O1' }, createdAt: '2026-11-23T10:00:00Z', scores: {} };
    const later = { surveyId: 's', context: { orderId: 'O1' }, createdAt: '2026-11-23T11:00:00Z', scores: {} };
    assert.deepEqual(latestResponses([a, a]), [a, a]);
    assert.deepEqual(latestResponses([a, later, a]), [later]);
  });

  it('ids that are not strings are compared as a Map compares them (1 is not "1"; NaN is NaN)', () => {
    const a1 = { id: 1, revision: 1, scores: {} };
    const a2 = { id: 1, revision: 2, scores: {} };
    const b = { id: '1', scores: {} };
    const n1 = { id: NaN, scores: {} };
    const n2 = { id: NaN, revision: 3, scores: {} };
    assert.deepEqual(latestResponses([a1, b, a2, n1, n2]), [a2, b, n2]);
  });

  it('ids made to collide in its hash table give the same answer (it falls back to Maps)', () => {
    // The table hashes an id with FNV-1a and MurmurHash3's finalizer and takes the low bits: for 100
    // responses, 256 slots. 100 ids that all hash to slot 0 make one probe of 100 steps, over its limit.
    const fnv = (s, h) => {
      for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
      return h;
    };
    const mix = (h) => {
      h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
      h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
      return h ^ (h >>> 16);
    };
    const ids = [];
    for (let j = 0; ids.length < 90; j++) if ((mix(fnv(`c${j}`, 0x811c9dc5 | 0)) & 255) === 0) ids.push(`c${j}`);
    const rnd = random(7);
    const input = Array.from({ length: 100 }, (_, i) => ({
      id: ids[i % 90], // ids 0..9 twice
      revision: 1 + Math.floor(rnd() * 3),
      surveyId: 's',
      context: { orderId: `O${i % 70}` },
      complete: rnd() < 0.8,
      createdAt: new Date(Date.UTC(2026, 10, 23) + Math.floor(rnd() * 50) * 60_000).toISOString(),
      scores: {},
    }));
    const got = latestResponses(input);
    const want = reference(input);
    assert.equal(got.length, want.length);
    got.forEach((r, i) => assert.equal(r, want[i], `position ${i}`));
  });

  it('a large input: 100,000 responses, one order in 50 answered twice, agree with summarize()', () => {
    // Response i (1-based) answers order i, except that i = 51, 101, ... answer order i − 1 again, later:
    // 1,999 orders answered twice (51 .. 99,951), so 100,000 − 1,999 = 98,001 count; each later answer wins.
    const rs = Array.from({ length: 100_000 }, (_, k) => {
      const i = k + 1;
      const order = i % 50 === 1 && i > 1 ? i - 1 : i;
      return { id: `r${i}`, surveyId: 's', context: { orderId: `O${order}` }, createdAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), scores: {} };
    });
    const kept = latestResponses(rs);
    assert.equal(kept.length, 98_001);
    assert.equal(summarize(rs).responses, 98_001);
    assert.ok(!kept.includes(rs[49]) && kept.includes(rs[50]), 'order 50: the second answer (r51) counts, the first (r50) does not');
  });
});
