/**
 * The outbox's IndexedDB storage (createStorage): a change to several keys reads the span they cover once, deletes
 * a span that holds only them in one request, and leaves every other key, and every value fn keeps, as it was.
 * Pages come in key order after the key given.
 */
import { expect } from '@open-wc/testing';
import { createStorage, memoryStorage, type OutboxStorage } from '../../src/outbox/store.js';

const keysOf = async (st: OutboxStorage) => (await st.page('responses')).map(([k]) => k);
const seed = (st: OutboxStorage, keys: string[]) => st.change('responses', keys, (_, k) => ({ k, revision: 1 }));

for (const [label, make] of [
  ['IndexedDB', () => createStorage({ name: `koubei-store-test-${crypto.randomUUID()}` })],
  ['memory', () => memoryStorage()],
] as const) {
  describe(`outbox storage (${label})`, () => {
    it('deletes a span of keys that holds only them, and nothing around it', async () => {
      const st = make();
      await seed(st, ['a', 'b', 'c', 'd', 'e']);
      expect(st.mode).to.equal(label === 'IndexedDB' ? 'indexeddb' : 'memory');
      await st.change('responses', ['d', 'b', 'c'], () => undefined);
      expect(await keysOf(st)).to.deep.equal(['a', 'e']);
    });

    it('leaves a key that lies between the ones changed, and a value fn keeps', async () => {
      const st = make();
      await seed(st, ['a', 'b', 'c', 'd']);
      // b lies inside a..d but is not asked for; c is kept by fn (a newer revision, say).
      await st.change('responses', ['a', 'c', 'd'], (old, k) => (k === 'c' ? old : undefined));
      expect(await keysOf(st)).to.deep.equal(['b', 'c']);
      await st.change('responses', ['b', 'c', 'z'], (old, k) => (k === 'z' ? { k, revision: 2 } : old));
      expect(await st.page('responses')).to.deep.equal([
        ['b', { k: 'b', revision: 1 }],
        ['c', { k: 'c', revision: 1 }],
        ['z', { k: 'z', revision: 2 }],
      ]);
    });

    it('reads pages in key order after the key given', async () => {
      const st = make();
      await seed(st, ['q', 'c', 'x', 'a', 'm']);
      const page = async (after: string | undefined) => (await st.page('responses', after, 2)).map(([k]) => k);
      expect(await page(undefined)).to.deep.equal(['a', 'c']);
      expect(await page('c')).to.deep.equal(['m', 'q']);
      expect(await page('q')).to.deep.equal(['x']);
      expect(await page('x')).to.deep.equal([]);
    });

    it('refuses a key past the record limit, writing none of the change', async () => {
      const st = make();
      await seed(st, ['a', 'b']);
      const err = await st.change('responses', ['c'], () => ({ revision: 1 }), 2).then(() => undefined, (e: Error) => e);
      expect(err?.name).to.equal('QuotaExceededError');
      expect(await keysOf(st)).to.deep.equal(['a', 'b']);
    });
  });
}
