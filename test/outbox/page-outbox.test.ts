/**
 * The page's outbox (what `<koubei-survey>`, submit(), pending() and the page's listeners use) can be one of the
 * page's own, given to setPageOutbox() before it is first used: a page or a test sets other limits or a clock that
 * way, with no global in the production script. Once the page's outbox is in use, another is refused, since two
 * outboxes over one queue would each send it.
 */
import { expect } from '@open-wc/testing';
import { createOutbox } from '../../src/outbox/outbox.js';
import { memoryStorage } from '../../src/outbox/store.js';
import { installOutbox, outbox, pending, setPageOutbox, submit } from '../../src/outbox/index.js';
import { npsResponse } from '../support/response.js';

const response = () => npsResponse('page');

describe("the page's outbox", () => {
  it('is the one given to setPageOutbox before first use, even after the listeners are installed; another is refused after', async () => {
    const map = new Map<string, unknown>();
    const mine = createOutbox({ storage: memoryStorage(map), locks: null, channel: () => undefined, online: () => false, config: { maxRecords: 1 } });
    // The entries install the listeners on import, before a page's own module code runs: still in time.
    installOutbox();
    setPageOutbox(mine);
    const r = response();
    await submit(r, { endpoint: '/never' });
    expect([...map.keys()]).to.deep.equal([`responses/${r.id}`]);
    expect((await pending()).map((p) => p.id)).to.deep.equal([r.id]);
    expect(outbox.storageMode).to.equal('memory');
    // Its limits hold: a second response is refused by this outbox's maxRecords of 1.
    const err = await submit(response(), { endpoint: '/never' }).then(() => undefined, (e: Error) => e);
    expect(err?.name).to.equal('QuotaExceededError');
    setPageOutbox(mine); // the same one again: nothing changes
    expect(() => setPageOutbox(createOutbox({ storage: memoryStorage() }))).to.throw(/already in use/);
  });
});
