// Signed links in real browsers (Chromium, Firefox ESR): the browser's WebCrypto gives the bytes that
// openssl and Node's crypto give (the vectors of test/node/email-link.test.js, computed with openssl).
import { expect } from '@open-wc/testing';
import { responseIdFor, signLink, verifyLink } from '../../src/email/link.js';

const SECRET = 'test-secret-0123456789abcdef';
const RID = 'c6ffe627-c213-8bb6-b5bd-5f2482f53237';
const FIELDS = { surveyId: 'post-purchase', responseId: RID, score: 7, expiresAt: 1798761600, keyId: 'k1' };

describe('signed links in the browser', () => {
  it('signLink gives the openssl signature', async () => {
    // printf 'koubei.link.v1\nk1\npost-purchase\nc6ffe627-c213-8bb6-b5bd-5f2482f53237\n7\n1798761600' \
    //   | openssl dgst -sha256 -hmac 'test-secret-0123456789abcdef' -binary | base64 | tr '+/' '-_' | tr -d '='
    const link = await signLink('https://shop.example/survey', FIELDS, SECRET);
    expect(new URL(link).searchParams.get('sig')).to.equal('sUFkX10qh9DH_lygN6kZOe7naCyRAE_ivAqcELocdjQ');
    const zero = await signLink('https://shop.example/survey', { ...FIELDS, score: 0 }, SECRET);
    expect(new URL(zero).searchParams.get('sig')).to.equal('d95OynvDB4DAOAGiBNnVgNNuRi1es1EEPKtX3uK-CTw');
  });

  it('signLink with an order id gives the openssl signature of the seven v2 lines', async () => {
    // printf 'koubei.link.v2\nk1\npost-purchase\nc6ffe627-c213-8bb6-b5bd-5f2482f53237\n7\n1798761600\nA-1001' | openssl … (as above)
    const link = await signLink('https://shop.example/survey', { ...FIELDS, orderId: 'A-1001' }, SECRET);
    expect(new URL(link).searchParams.get('order-id')).to.equal('A-1001');
    expect(new URL(link).searchParams.get('sig')).to.equal('BjadflLAOc4I5An1QYf60nReqUwxMMCkBp13zhHhvZk');
    const now = new Date('2026-12-01T00:00:00Z');
    expect((await verifyLink(link, { k1: SECRET }, { now })).fields!.orderId).to.equal('A-1001');
    expect(await verifyLink(link.replace('order-id=A-1001', 'order-id=A-1002'), { k1: SECRET }, { now })).to.include({ valid: false, reason: 'mismatch' });
  });

  it('responseIdFor gives the id derived from the openssl HMAC', async () => {
    // printf 'koubei.order.v1\nA-1001' | openssl dgst -sha256 -hmac '…' → c6ffe627c213abb6b5bd…, version and variant set.
    expect(await responseIdFor('A-1001', SECRET)).to.equal(RID);
  });

  it('verifyLink accepts the link and names a tampered score', async () => {
    const link = await signLink('https://shop.example/survey', FIELDS, SECRET);
    const now = new Date('2026-12-01T00:00:00Z');
    expect((await verifyLink(link, { k1: SECRET }, { now })).valid).to.equal(true);
    const tampered = link.replace('nps=7', 'nps=10');
    expect(await verifyLink(tampered, { k1: SECRET }, { now })).to.include({ valid: false, reason: 'mismatch' });
  });
});
