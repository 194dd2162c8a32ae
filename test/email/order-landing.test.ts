// A signed link's landing page sends the order id, and it is the signed one (Chromium, Firefox ESR): the page of
// the README (prefill="url" context-params="order-id,rid,kid,exp,sig") opened at a link signLink wrote with an
// order id gives a response with context.orderId that verifyContext accepts (fields.orderId set), so the
// collector's per-order follow-up queue gets it; the same link with order-id changed gives one that fails.
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { html, unsafeStatic } from 'lit/static-html.js';
import '../../src/index.js';
import type { KoubeiNps, KoubeiResponse, KoubeiSurvey } from '../../src/index.js';
import { responseIdFor, signLink, verifyContext } from '../../src/email/link.js';

const SECRET = 'test-secret-0123456789abcdef';
const NOW = new Date('2026-12-01T00:00:00Z');
const PAGE = 'survey-id="post-purchase" prefill="url" context-params="order-id,rid,kid,exp,sig"';

describe('a signed link with an order id, on its landing page', () => {
  const page = location.pathname;
  beforeEach(() => localStorage.clear());
  afterEach(() => history.replaceState(null, '', page));

  /** Opens the landing page at `search` and submits what the link put on screen; the response as sent. */
  async function land(search: string, score: number, attrs = PAGE): Promise<KoubeiResponse> {
    history.replaceState(null, '', `${page}${search}`);
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" ${unsafeStatic(attrs)}><koubei-nps required></koubei-nps></koubei-survey>`);
    await waitUntil(() => s.querySelector<KoubeiNps>('koubei-nps')!.value === score, 'the link\'s score on screen');
    const sent = new Promise<KoubeiResponse>((resolve) =>
      s.addEventListener('koubei-submit', (e) => (e.preventDefault(), resolve((e as CustomEvent<KoubeiResponse>).detail)), { once: true }),
    );
    void s.requestSubmit();
    return sent;
  }

  it('sends context.orderId, and verifyContext vouches for it', async () => {
    const rid = await responseIdFor('A-1001', SECRET);
    const link = await signLink('https://shop.example/survey', { surveyId: 'post-purchase', responseId: rid, score: 3, expiresAt: 1798761600, keyId: 'k1', orderId: 'A-1001' }, SECRET);
    const r = await land(new URL(link).search, 3);
    expect(r.id).to.equal(rid);
    expect(r.context.orderId).to.equal('A-1001');
    const check = await verifyContext(r, { k1: SECRET }, { now: NOW });
    expect(check).to.deep.equal({ valid: true, reason: null, fields: { surveyId: 'post-purchase', responseId: rid, score: 3, keyId: 'k1', expiresAt: 1798761600, orderId: 'A-1001' } });
  });

  it('a landing page that lists only rid,kid,exp,sig (written before links signed the order) still sends it', async () => {
    const rid = await responseIdFor('A-1003', SECRET);
    const link = await signLink('https://shop.example/survey', { surveyId: 'post-purchase', responseId: rid, score: 9, expiresAt: 1798761600, keyId: 'k1', orderId: 'A-1003' }, SECRET);
    const r = await land(new URL(link).search, 9, 'survey-id="post-purchase" prefill="url" context-params="rid,kid,exp,sig"');
    expect(r.context.orderId).to.equal('A-1003');
    expect(await verifyContext(r, { k1: SECRET }, { now: NOW })).to.include({ valid: true, reason: null });
  });

  it('a page that takes no signature takes no unlisted order-id', async () => {
    const r = await land('?nps=7&order-id=A-1004', 7, 'survey-id="post-purchase" prefill="url" context-params="utm_source"');
    expect(r.context).to.not.have.property('orderId');
  });

  it('the same link with order-id changed gives a response that fails verification', async () => {
    const rid = await responseIdFor('A-1001', SECRET);
    const link = new URL(await signLink('https://shop.example/survey', { surveyId: 'post-purchase', responseId: rid, score: 3, expiresAt: 1798761600, keyId: 'k1', orderId: 'A-1001' }, SECRET));
    link.searchParams.set('order-id', 'A-1002');
    const r = await land(link.search, 3);
    expect(r.context.orderId).to.equal('A-1002');
    expect(await verifyContext(r, { k1: SECRET }, { now: NOW })).to.include({ valid: false, reason: 'mismatch' });
  });
});
