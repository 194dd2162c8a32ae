// The built zod schema as a shop's server uses it: batchSchema.safeParse on a
// POSTed body, formatSchemaError for readable lines that name the field.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { batchSchema, formatSchemaError, responseSchema, scoreSchema, SCHEMA_VERSION } from '../../dist/schema.js';
import { scoreResponse } from '../../dist/scoring.js';
import { validResponse } from './fixtures.js';
import { responseSchema as liteResponse } from '../../dist/schema-lite.js';

const response = validResponse;
const batch = (r = response()) => ({ schema: 'koubei/1', sentAt: '2026-11-23T10:15:01.250+08:00', responses: [r] });

/** The readable error lines for a body, or [] when it is valid. */
function errors(body) {
  const r = batchSchema.safeParse(body);
  return r.success ? [] : formatSchemaError(r.error);
}

describe('batchSchema accepts a good batch', () => {
  it('parses and fills complete=true and revision=1', () => {
    assert.equal(SCHEMA_VERSION, 'koubei/1');
    const r = batchSchema.safeParse(batch());
    assert.ok(r.success, JSON.stringify(r.error?.issues));
    const [out] = r.data.responses;
    assert.equal(out.complete, true);
    assert.equal(out.revision, 1);
    assert.equal(out.answers.comment, '很好👍🏽');
    assert.deepEqual(out.scores.delivery, response().scores.delivery);
  });

  it("composes into a server's own zod schema (the build keeps zod's internals by name)", async () => {
    const z = await import('zod/mini');
    const body = z.object({ batch: batchSchema, note: z.optional(z.string()) });
    assert.ok(body.safeParse({ batch: batch(), note: 'from the shop' }).success);
    const bad = z.array(responseSchema).safeParse([{ ...response(), id: 'x' }]);
    assert.equal(bad.success, false);
    assert.deepEqual(bad.error.issues[0].path, [0, 'id']);
  });

  it('keeps an explicit partial answer and its revision', () => {
    const out = responseSchema.parse({ ...response(), complete: false, revision: 2 });
    assert.equal(out.complete, false);
    assert.equal(out.revision, 2);
  });

  it('accepts every score that scoreResponse computes', () => {
    for (let v = 0; v <= 10; v++) {
      const { nps } = scoreResponse({ nps: v }, [{ name: 'nps', type: 'nps' }]);
      assert.ok(scoreSchema.safeParse(nps).success, `NPS ${v}`);
    }
    for (const points of [3, 4, 5, 7]) {
      for (let v = 1; v <= points; v++) {
        const { q } = scoreResponse({ q: v }, [{ name: 'q', type: 'likert', points }]);
        assert.ok(scoreSchema.safeParse(q).success, `Likert ${v} of ${points}`);
      }
    }
  });

  it('accepts extra fields from a newer client and drops them, so old servers keep working', () => {
    const out = batchSchema.parse({ ...batch({ ...response(), channel: 'email' }), client: 'koubei/9' });
    assert.equal('client' in out, false);
    assert.equal('channel' in out.responses[0], false);
  });

  it('accepts a pair of surrogates (an emoji) anywhere, and an answer without a score', () => {
    const r = { ...response(), locale: 'en-GB', answers: { ...response().answers, '👍': 'ok 👍🏽', extra: 'free' }, context: { '表情': '😀' } };
    assert.deepEqual(errors(batch(r)), []);
  });

  it('round-trips through JSON as posted', () => {
    assert.deepEqual(errors(JSON.parse(JSON.stringify(batch()))), []);
  });
});

describe('batchSchema rejects malformed batches, naming the field', () => {
  const cases = [
    ['missing surveyId', () => batch({ ...response(), surveyId: undefined }), 'responses[0].surveyId: expected string, received nothing'],
    ['an empty surveyId', () => batch({ ...response(), surveyId: '' }), 'responses[0].surveyId: must not be empty'],
    ['an id that is not a uuid', () => batch({ ...response(), id: 'order-A1001' }), 'responses[0].id: expected a valid uuid'],
    ['createdAt that is not a datetime', () => batch({ ...response(), createdAt: '23/11/2026' }), 'responses[0].createdAt: expected a valid datetime'],
    ['sentAt that is not a datetime', () => ({ ...batch(), sentAt: 'yesterday' }), 'sentAt: expected a valid datetime'],
    [
      'an NPS score of 11',
      () => batch({ ...response(), scores: { nps: { type: 'nps', value: 11, category: 'promoter' } } }),
      'responses[0].scores.nps.value: must be at most 10',
    ],
    [
      'a fractional NPS score',
      () => batch({ ...response(), scores: { nps: { type: 'nps', value: 8.5, category: 'passive' } } }),
      'responses[0].scores.nps.value: expected int, received number',
    ],
    [
      'an unknown NPS category',
      () => batch({ ...response(), scores: { nps: { type: 'nps', value: 9, category: 'fan' } } }),
      'responses[0].scores.nps.category: expected one of "detractor", "passive", "promoter"',
    ],
    [
      'a Likert scale of 6 points',
      () => batch({ ...response(), scores: { d: { type: 'likert', value: 4, points: 6, normalized: 0.6, satisfied: true } } }),
      'responses[0].scores.d.points',
    ],
    [
      'a Likert value past the end of its scale',
      () => batch({ ...response(), scores: { fit: { type: 'likert', value: 5, points: 3, normalized: 1, satisfied: true } } }),
      'responses[0].scores.fit.value: exceeds points',
    ],
    [
      // (2 − 1) / (5 − 1) = 0.25 is right, but 2 of 5 is not top-2-box (4 or 5).
      'a Likert satisfied that contradicts the value',
      () => batch({ ...response(), scores: { d: { type: 'likert', value: 2, points: 5, normalized: 0.25, satisfied: true } } }),
      'responses[0].scores.d.satisfied: does not match value and points',
    ],
    [
      // 4 of 5 is (4 − 1) / (5 − 1) = 0.75, not 0.5.
      'a Likert normalized that contradicts the value',
      () => batch({ ...response(), scores: { d: { type: 'likert', value: 4, points: 5, normalized: 0.5, satisfied: true } } }),
      'responses[0].scores.d.normalized: does not match value and points',
    ],
    [
      'an NPS category that contradicts the value',
      () => batch({ ...response(), scores: { nps: { type: 'nps', value: 3, category: 'promoter' } } }),
      'responses[0].scores.nps.category: does not match value',
    ],
    ['the wrong schema literal', () => ({ ...batch(), schema: 'koubei/2' }), 'schema: expected one of "koubei/1"'],
    ['an empty responses array', () => ({ ...batch(), responses: [] }), 'responses: must be at least 1'],
    ['responses that is not an array', () => ({ ...batch(), responses: response() }), 'responses: expected array, received object'],
    ['a context value that is a number', () => batch({ ...response(), context: { orderId: 1001 } }), 'responses[0].context.orderId: expected string, received number'],
    ['an answer that is a boolean', () => batch({ ...response(), answers: { consent: true } }), 'responses[0].answers.consent'],
    ['complete that is a string', () => batch({ ...response(), complete: 'yes' }), 'responses[0].complete: expected boolean, received string'],
    ['revision 0', () => batch({ ...response(), revision: 0 }), 'responses[0].revision: must be at least 1'],
    // PostgreSQL's json and text hold neither: the collector answered 500 and the outbox retried for 30 days.
    ['a NUL in a text answer', () => batch({ ...response(), answers: { ...response().answers, comment: 'ok\u0000' } }), 'responses[0].answers.comment: contains a NUL character'],
    ['a lone surrogate in a text answer', () => batch({ ...response(), answers: { ...response().answers, comment: 'ok\ud800' } }), 'responses[0].answers.comment: contains a lone surrogate'],
    ['a lone low surrogate in a choice value', () => batch({ ...response(), answers: { ...response().answers, reason: ['late', '\udc00x'] } }), 'responses[0].answers.reason[1]: contains a lone surrogate'],
    ['a NUL in a context value', () => batch({ ...response(), context: { orderId: 'A\u00001' } }), 'responses[0].context.orderId: contains a NUL character'],
    ['a NUL in a key', () => batch({ ...response(), context: { 'order\u0000Id': 'A1' } }), 'responses[0].context.order\u0000Id: contains a NUL character'],
    ['a lone surrogate in a key', () => batch({ ...response(), answers: { ...response().answers, '\ud800': 'x' } }), 'responses[0].answers.\ud800: contains a lone surrogate'],
    ['a NUL in surveyId', () => batch({ ...response(), surveyId: 'post\u0000' }), 'responses[0].surveyId: contains a NUL character'],
    // The report and the analysis read scores, the list and the export show answers.
    ['an NPS score contradicting its answer', () => batch({ ...response(), scores: { ...response().scores, nps: { type: 'nps', value: 2, category: 'detractor' } } }), 'responses[0].scores.nps.value: does not match answers.nps'],
    ['a Likert score contradicting its answer', () => batch({ ...response(), answers: { ...response().answers, delivery: 2 } }), 'responses[0].scores.delivery.value: does not match answers.delivery'],
    ['an NPS score without its answer', () => batch({ ...response(), answers: { delivery: 4 } }), 'responses[0].scores.nps.value: does not match answers.nps'],
    ['a text score of a number', () => batch({ ...response(), answers: { ...response().answers, comment: 5 }, scores: { ...response().scores, comment: { type: 'text', length: 1 } } }), 'responses[0].scores.comment.length: does not match answers.comment'],
    ['an NPS answer scored as text (no category, so no call back)', () => batch({ ...response(), scores: { ...response().scores, nps: { type: 'text', length: 1 } } }), 'responses[0].scores.nps.length: does not match answers.nps'],
    ['a body that is not an object', () => null, '(body): expected object, received null'],
    ['a body that is an array', () => [batch()], '(body): expected object, received array'],
  ];
  for (const [what, make, line] of cases) {
    it(what, () => {
      const lines = errors(make());
      assert.ok(lines.length > 0, 'rejected');
      assert.ok(
        lines.some((l) => l.startsWith(line)),
        `expected a line starting with ${JSON.stringify(line)}, got ${JSON.stringify(lines)}`,
      );
    });
  }

  it('lists every problem of a bad batch at once, one readable line each', () => {
    const lines = errors({ sentAt: 5, responses: [{ ...response(), id: 'x', locale: '' }, { ...response(), context: null }] });
    assert.deepEqual(lines, [
      'schema: expected one of "koubei/1"',
      'sentAt: expected string, received number',
      'responses[0].id: expected a valid uuid',
      'responses[0].locale: must not be empty',
      'responses[1].context: expected record, received null',
    ]);
  });

  it('points at the second response when only it is bad', () => {
    const body = { ...batch(), responses: [response(), { ...response(), surveyId: undefined }] };
    assert.deepEqual(errors(body), ['responses[1].surveyId: expected string, received nothing']);
  });
});

describe('the choice question', () => {
  const withChoice = (answers, scores) => ({ ...response(), answers, scores });
  it('accepts a single and a multiple choice, scored', () => {
    const answers = { reason: ['late', 'damaged'], channel: '自提' };
    const scores = scoreResponse(answers, [
      { name: 'reason', type: 'choice', options: ['late', 'damaged', 'wrong'], multiple: true },
      { name: 'channel', type: 'choice' },
    ]);
    assert.deepEqual(scores, { reason: { type: 'choice', selected: ['late', 'damaged'] }, channel: { type: 'choice', selected: ['自提'] } });
    for (const schema of [responseSchema]) assert.equal(schema.safeParse(withChoice(answers, scores)).success, true);
    for (const lite of [liteResponse]) assert.equal(lite.safeParse(withChoice(answers, scores)).success, true);
  });
  it('refuses a choice score without values, an empty value, or an array answer holding a number, in both schemas alike', () => {
    const bad = [
      withChoice({ reason: 'late' }, { reason: { type: 'choice', selected: [] } }),
      withChoice({ reason: 'late' }, { reason: { type: 'choice', selected: [''] } }),
      withChoice({ reason: ['late', 3] }, {}),
    ];
    for (const r of bad) {
      const z = responseSchema.safeParse(r);
      const l = liteResponse.safeParse(r);
      assert.equal(z.success, false, JSON.stringify(r.answers));
      assert.deepEqual(formatSchemaError(l.error), formatSchemaError(z.error));
    }
  });
  it('scoreResponse refuses a value that is not an option, and an array for a single choice', () => {
    assert.throws(() => scoreResponse({ r: 'lost' }, [{ name: 'r', type: 'choice', options: ['late'] }]), { name: 'RangeError', message: /"lost"/ });
    assert.throws(() => scoreResponse({ r: ['late'] }, [{ name: 'r', type: 'choice', options: ['late'], multiple: false }]), { name: 'TypeError' });
  });
});
