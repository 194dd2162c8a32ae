import { expect } from '@open-wc/testing';
import { readRecord, VERSION } from '../../src/outbox/record.js';

const payload = {
  id: '6f1c2f43-52a4-4f1e-9a53-1d7c8b9e0a11',
  surveyId: 'post-purchase',
  createdAt: '2026-11-23T10:00:00.000Z',
  locale: 'zh-CN',
  answers: { nps: 9 },
  scores: { nps: { type: 'nps', value: 9, category: 'promoter' } },
  context: {},
  complete: true,
  revision: 1,
};
const v2 = { v: 2, id: payload.id, surveyId: 'post-purchase', endpoint: 'https://shop.example/fb', payload, createdAt: 1, attempts: 3, nextAttemptAt: 9, lastError: 'HTTP 503' };

describe('outbox records', () => {
  it('reads a current record as is', () => {
    expect(VERSION).to.equal(2);
    expect(readRecord(payload.id, v2)).to.deep.equal(v2);
  });
  it('migrates a v1 record (first outbox) without losing its id or payload', () => {
    const v1 = { v: 1, id: payload.id, surveyId: 'post-purchase', endpoint: 'https://shop.example/fb', payload, createdAt: 5 };
    expect(readRecord(payload.id, v1)).to.deep.equal({ ...v1, v: 2, attempts: 0, nextAttemptAt: 0, lastError: null });
  });
  it('leaves a record of a newer version for the code that wrote it', () => {
    expect(readRecord(payload.id, { ...v2, v: 3 })).to.equal('newer');
  });
  it('refuses garbage, truncated and id-less records', () => {
    for (const [key, raw] of [
      [payload.id, null],
      [payload.id, 'garbage'],
      [payload.id, 42],
      [payload.id, { v: 2 }],
      [payload.id, { ...v2, payload: { ...payload, scores: undefined } }],
      [payload.id, { ...v2, id: undefined }],
      [payload.id, { ...v2, payload: { ...payload, id: undefined } }],
      ['other-key', v2],
      [payload.id, { ...v2, attempts: '3' }],
      [payload.id, { ...v2, v: undefined }],
    ] as const)
      expect(readRecord(key, raw), JSON.stringify(raw)?.slice(0, 60)).to.equal(undefined);
  });
});
