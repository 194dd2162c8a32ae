// The zod-free validators of the browser bundles (dist/schema-lite.js) against
// the zod schemas servers use (dist/schema.js): on every input below both must
// accept or reject alike, with the same output and the same readable lines, so
// a response the browser lets through is one the shop's server accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import * as zod from '../../dist/schema.js';
import * as lite from '../../dist/schema-lite.js';
import { validResponse } from './fixtures.js';

const response = validResponse;
const batch = () => ({ schema: 'koubei/1', sentAt: '2026-11-23T10:15:01.250+08:00', responses: [response(), { ...response(), complete: false, revision: 2 }] });

// Values tried at every position of a good batch.
const values = [
  undefined, null, true, false, 0, -0, 1, -1, 1.5, 3, 5, 6, 7, 8, 9, 10, 11, 0.75, 2 ** 53, -(2 ** 53), NaN, Infinity, -Infinity,
  '', 'x', 'x'.repeat(200), 'x'.repeat(201), 'nps', 'likert', 'text', 'promoter', 'passive', 'detractor', 'koubei/1', 'toString', '__proto__',
  '3b241101-e2bb-4255-8caf-4136c566a962', '3B241101-E2BB-4255-8CAF-4136C566A962', '3b241101-e2bb-1255-0caf-4136c566a962', '3b241101e2bb42558caf4136c566a962',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '2026-11-23T10:15:00Z', '2026-11-23T10:15:00.123456+08:00', '2026-11-23T10:15Z', '2026-11-23 10:15:00Z', '2026-02-29T00:00:00Z', '2024-02-29T00:00:00Z',
  '2026-11-23T24:00:00Z', '2026-11-23T10:15:00+0800', '2026-11-23T10:15:00', '2026-13-01T00:00:00Z',
  // What PostgreSQL's json and text cannot hold, and what they can; locales well-formed or not.
  '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '\udc00\ud800', '😀', '\ud83d\ude00\ud83d', 'en_US', 'English', 'zh-Hant-TW', 'zz', 'und', 'EN-gb',
  ['a', '\u0000'], ['\ud800'],
  [], [1], {}, { a: 1 }, { type: 'nps', value: 9, category: 'promoter' }, { type: 'nps', value: 3, category: 'promoter' }, new Date(0), Object.create(null), { length: 0 }, { length: 300 }, 'x'.repeat(300).split(''),
];

/** Every [path] in a value, objects and arrays included. */
function paths(v, at = []) {
  const out = [at];
  if (v && typeof v === 'object') for (const k of Object.keys(v)) out.push(...paths(v[k], [...at, Array.isArray(v) ? Number(k) : k]));
  return out;
}

function setAt(root, path, value) {
  if (!path.length) return value;
  const copy = structuredClone(root);
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k];
  if (value === undefined) delete o[path.at(-1)];
  else o[path.at(-1)] = value;
  return copy;
}

function compare(name, input) {
  const z = zod[name].safeParse(input);
  const l = lite[name].safeParse(input);
  const show = JSON.stringify(input, (k, v) => (v === undefined ? '<undefined>' : Number.isNaN(v) ? '<NaN>' : v));
  assert.equal(l.success, z.success, `${name} on ${show}: zod ${z.success ? 'accepts' : JSON.stringify(zod.formatSchemaError(z.error))}`);
  if (z.success) assert.deepEqual(l.data, z.data, `${name} output on ${show}`);
  else assert.deepEqual(lite.formatSchemaError(l.error), zod.formatSchemaError(z.error), `${name} lines on ${show}`);
}

describe('schema-lite agrees with the zod schema', () => {
  it('on every field of a batch set to each odd value', () => {
    let n = 0;
    const good = batch();
    for (const path of paths(good)) {
      for (const v of values) {
        compare('batchSchema', setAt(good, path, v));
        n++;
      }
    }
    assert.ok(n > 3000, `${n} inputs`);
  });

  it('on every score at every value and scale, including contradictions', () => {
    for (const type of ['nps', 'likert', 'text', 'other', undefined]) {
      for (const value of [-1, 0, 1, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 11, 2 ** 60, '5', null]) {
        for (const category of ['detractor', 'passive', 'promoter', 'fan']) {
          compare('scoreSchema', { type, value, category });
        }
        for (const points of [3, 4, 5, 6, 7, '5']) {
          for (const satisfied of [true, false, 1]) {
            for (const normalized of [0, 0.5, 0.75, 1, 1 / 3, 2 / 3]) compare('scoreSchema', { type, value, points, normalized, satisfied });
          }
        }
        compare('scoreSchema', { type, length: value });
      }
    }
  });

  it('on record keys PostgreSQL cannot store, in answers, scores and context', () => {
    const keys = ['\u0000', 'a\u0000', '\ud800', 'x\udfff', '😀', 'ok', 'toString'];
    for (const record of ['answers', 'scores', 'context']) {
      for (const key of keys) {
        for (const value of ['x', 3, { type: 'text', length: 1 }, { type: 'nps', value: 3, category: 'detractor' }, null]) {
          const r = response();
          r[record] = { ...r[record], [key]: value };
          compare('responseSchema', r);
          compare('batchSchema', { ...batch(), responses: [r] });
        }
      }
    }
  });

  it('on scores that contradict the answers, and answers without scores', () => {
    for (const nps of [undefined, 0, 2, 9, 10, '9', [9]]) {
      for (const delivery of [undefined, 1, 4, 5, '4']) {
        for (const scored of [true, false]) {
          const r = response();
          if (nps === undefined) delete r.answers.nps;
          else r.answers.nps = nps;
          if (delivery === undefined) delete r.answers.delivery;
          else r.answers.delivery = delivery;
          if (!scored) delete r.scores.delivery;
          compare('responseSchema', r);
        }
      }
    }
  });

  it('on createdAt and sentAt at every day of leap and common years, with times good and bad', () => {
    const p = (x) => String(x).padStart(2, '0');
    let n = 0;
    for (const y of ['0000', '0004', '0100', '1900', '2000', '2024', '2026', '2100', '9999']) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          for (const time of ['T00:00:00Z', 'T23:59:59.123456+08:00', 'T24:00:00Z', 'T10:15:00']) {
            const at = `${y}-${p(m)}-${p(d)}${time}`;
            compare('batchSchema', { ...batch(), sentAt: at, responses: [{ ...response(), createdAt: at }] });
            n++;
          }
        }
      }
    }
    assert.ok(n > 16000, `${n} inputs`);
  });

  it('on two problems at once and on extra keys', () => {
    compare('responseSchema', { ...response(), id: 'x', locale: '', extra: 1, scores: { a: { type: 'likert', value: 9, points: 5, normalized: 2, satisfied: 1, more: 2 } } });
    compare('batchSchema', { sentAt: 5, responses: [{ ...response(), id: 'x', locale: '' }, { ...response(), context: null }] });
    compare('responseSchema', { ...response(), answers: { a: true, b: NaN, c: Infinity, d: null, e: [] } });
  });

  it('parse returns the data or throws the readable lines', () => {
    assert.deepEqual(lite.responseSchema.parse(response()), zod.responseSchema.parse(response()));
    assert.throws(() => lite.batchSchema.parse({ ...batch(), sentAt: 'yesterday' }), { name: 'SchemaError', message: 'sentAt: expected a valid datetime' });
  });
});
