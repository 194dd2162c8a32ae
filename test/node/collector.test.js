// The demo collector (demo/collector.js) as a shop's server: validates with
// batchSchema, answers 400 with readable messages, keeps each response id once
// (highest revision wins) and stores JSON lines that survive a restart.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../demo/collector.js';

const ID1 = '3b241101-e2bb-4255-8caf-4136c566a962';
const ID2 = '9f0c2c1e-6d1a-4f59-9a8e-2b7b0d6c5e11';

const response = (id, nps, extra = {}) => ({
  id,
  surveyId: 'post-purchase',
  createdAt: '2026-11-23T10:15:00.000Z',
  locale: 'zh-CN',
  answers: { nps },
  scores: { nps: { type: 'nps', value: nps, category: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor' } },
  context: { orderId: 'A1001' },
  ...extra,
});
const body = (...responses) => JSON.stringify({ schema: 'koubei/1', sentAt: new Date().toISOString(), responses });
const lines = async (file) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l));

describe('demo collector', () => {
  let dir;
  let n = 0;
  const fresh = () => join(dir, `responses-${++n}.jsonl`);
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'koubei-collector-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('answers 400 for a body that is not JSON and stores nothing', async () => {
    const file = fresh();
    const c = createCollector({ file });
    const a = c.receive('{"schema": "koubei/1", ');
    assert.equal(a.status, 400);
    assert.match(a.body.error, /not JSON/);
    assert.deepEqual(c.responses(), []);
    await assert.rejects(readFile(file), { code: 'ENOENT' });
  });

  it('answers 400 with zod messages that name the field for a bad batch', () => {
    const c = createCollector({ file: fresh() });
    const bad = JSON.parse(body(response('not-a-uuid', 11)));
    delete bad.responses[0].surveyId;
    const a = c.receive(JSON.stringify(bad));
    assert.equal(a.status, 400);
    assert.equal(a.body.error, 'invalid batch');
    assert.ok(a.body.issues.includes('responses[0].id: expected a valid uuid'), a.body.issues.join('\n'));
    assert.ok(a.body.issues.includes('responses[0].surveyId: expected string, received nothing'));
    assert.ok(a.body.issues.includes('responses[0].scores.nps.value: must be at most 10'));
    assert.deepEqual(c.responses(), []);
  });

  it('rejects the whole batch when one response in it is bad', () => {
    const c = createCollector({ file: fresh() });
    const a = c.receive(body(response(ID1, 9), response(ID2, 9, { createdAt: 'today' })));
    assert.equal(a.status, 400);
    assert.deepEqual(a.body.issues, ['responses[1].createdAt: expected a valid datetime']);
    assert.deepEqual(c.responses(), []);
  });

  it('accepts a good batch, stores it as JSON lines with defaults filled', async () => {
    const file = fresh();
    const c = createCollector({ file });
    const a = c.receive(body(response(ID1, 9), response(ID2, 3)));
    assert.equal(a.status, 200);
    assert.deepEqual(a.body, { accepted: [ID1, ID2], stored: 2 });
    const stored = await lines(file);
    assert.deepEqual(stored.map((r) => [r.id, r.complete, r.revision]), [
      [ID1, true, 1],
      [ID2, true, 1],
    ]);
    assert.equal(c.summary().questions.nps.nps, 0); // 1 promoter, 1 detractor of 2
  });

  it('keeps a response id once when a retry delivers it again', async () => {
    const file = fresh();
    const c = createCollector({ file });
    assert.equal(c.receive(body(response(ID1, 9))).body.stored, 1);
    const again = c.receive(body(response(ID1, 9), response(ID2, 10)));
    // Still 200 with the id accepted: the client must delete it from its outbox.
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, { accepted: [ID1, ID2], stored: 1 });
    assert.deepEqual(c.responses().map((r) => r.id), [ID1, ID2]);
    assert.equal((await lines(file)).length, 2);
    assert.equal(c.summary().responses, 2);
  });

  it('keeps the highest revision of a response, whatever order they arrive in', async () => {
    const file = fresh();
    const c = createCollector({ file });
    c.receive(body(response(ID1, 9, { complete: false, revision: 1 })));
    c.receive(body(response(ID1, 6, { complete: true, revision: 3 })));
    const late = c.receive(body(response(ID1, 10, { complete: false, revision: 2 })));
    assert.equal(late.status, 200);
    assert.equal(late.body.stored, 0);
    const [r] = c.responses();
    assert.equal(c.responses().length, 1);
    assert.equal(r.revision, 3);
    assert.equal(r.complete, true);
    assert.equal(r.answers.nps, 6);
    // Only the revisions that won were appended.
    assert.deepEqual((await lines(file)).map((x) => x.revision), [1, 3]);
  });

  it('restores what it stored after a restart, skipping a torn last line', async () => {
    const file = fresh();
    const first = createCollector({ file });
    first.receive(body(response(ID1, 9, { revision: 1 })));
    first.receive(body(response(ID1, 8, { revision: 2 }), response(ID2, 4)));
    await writeFile(file, (await readFile(file, 'utf8')) + '{"id":"torn', { flag: 'w' });
    const second = createCollector({ file });
    const byId = Object.fromEntries(second.responses().map((r) => [r.id, r]));
    assert.deepEqual(Object.keys(byId).sort(), [ID1, ID2].sort());
    assert.equal(byId[ID1].revision, 2);
    assert.equal(byId[ID1].answers.nps, 8);
    // A retry after the restart is still recognised as a duplicate.
    assert.equal(second.receive(body(response(ID2, 4))).body.stored, 0);
    // A new response after the torn line is not glued onto it and lost at the next restart.
    const ID3 = 'c56a4180-65aa-42ec-a945-5fd21dec0538';
    assert.equal(second.receive(body(response(ID3, 7))).body.stored, 1);
    const third = createCollector({ file });
    assert.deepEqual(third.responses().map((r) => r.id).sort(), [ID1, ID2, ID3].sort());
  });

  it('has a failure switch with three known modes', () => {
    const c = createCollector({ file: fresh() });
    assert.equal(c.mode, 'ok');
    c.setMode('fail');
    assert.equal(c.mode, 'fail');
    assert.throws(() => c.setMode('explode'), /unknown mode/);
    assert.equal(c.mode, 'fail');
  });
});
