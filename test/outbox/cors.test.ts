/**
 * Issue 14, item 6: a cross-origin endpoint that does not answer CORS fails at the network level only (the browser
 * hides why, and a server that is down fails the same way). After a few such failures the outbox says so once per
 * page, naming both causes and the README, and keeps retrying.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { cfg } from '../../src/outbox/config.js';
import { pending, submit } from '../../src/outbox/index.js';
import type { KoubeiErrorDetail } from '../../src/events.js';
import { captureConsole } from '../support/form-control-suite.js';
import { npsResponse } from '../support/response.js';

// Fast retries: 3 attempts within a second or two.
Object.assign(cfg, { base: 50, cap: 200 });

const otherHost = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
/** The test server, under another host name: another origin, and it sends no CORS headers. */
const crossOrigin = (name: string) => `${location.protocol}//${otherHost}:${location.port}/test-endpoint/${name}`;

const response = () => npsResponse('cors');

describe('outbox: a cross-origin endpoint without CORS', () => {
  it('is reported once (reason "endpoint", naming CORS and the README) while retries go on and the response stays stored', async () => {
    const errors: KoubeiErrorDetail[] = [];
    let retries = 0;
    const onError = (e: Event) => errors.push((e as CustomEvent<KoubeiErrorDetail>).detail);
    const onRetry = () => retries++;
    addEventListener('koubei-error', onError);
    addEventListener('koubei-retry', onRetry);
    const console = captureConsole('error');
    try {
      const endpoint = crossOrigin('cors-missing');
      const r = response();
      await submit(r, { endpoint });
      await waitUntil(() => errors.length > 0, 'no koubei-error', { timeout: 15000 });
      const seen = retries;
      await waitUntil(() => retries >= seen + 3, 'retries stopped', { timeout: 15000 });
      expect(errors).to.have.length(1);
      const [e] = errors;
      expect(e.reason).to.equal('endpoint');
      expect(e.value).to.equal(endpoint);
      expect(e.message).to.match(/CORS/);
      expect(e.message).to.match(/down or unreachable/);
      expect(e.message).to.match(/Troubleshooting/);
      expect(e.message).to.contain(location.origin);
      expect(console.lines.filter((l) => l.includes('CORS'))).to.have.length(1);
      expect((await pending()).map((p) => p.id)).to.include(r.id);
    } finally {
      console.restore();
      removeEventListener('koubei-error', onError);
      removeEventListener('koubei-retry', onRetry);
    }
  });
});
