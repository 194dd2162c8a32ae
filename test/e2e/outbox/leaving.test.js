// The page goes away at the worst moment: right after submit, or with a batch on its way.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BLANK, delivered, response, setup, waitFor, LIMIT } from './support.js';

const SURVEY = '/test/e2e/outbox/survey.html';

describe('outbox: the page leaves', () => {
  it('a response submitted just before the page navigates away is still delivered', LIMIT, async () => {
    const env = await setup();
    try {
      const page = await env.open({ goto: SURVEY });
      const ids = [];
      for (let i = 0; i < 6; i++) {
        // The customer submits and the shop's page moves on at once: the response's write has not committed yet.
        ids.push(
          await page.evaluate(
            () =>
              new Promise((resolve) => {
                const survey = document.querySelector('koubei-survey');
                survey.addEventListener('koubei-submit', (e) => resolve(e.detail.id), { once: true });
                document.querySelector('koubei-nps').shadowRoot.querySelector('[data-value="8"]').click();
                void survey.requestSubmit();
              }),
          ),
        );
        await page.goto(env.server.url + BLANK, { waitUntil: 'load' });
        await page.goto(env.server.url + SURVEY, { waitUntil: 'load' });
      }
      await delivered(env.collector, ids.length, 10000);
      assert.deepEqual(new Set(env.collector.acceptedIds()), new Set(ids));
      assert.deepEqual(page.problems.pageErrors, []);
    } finally {
      await env.close();
    }
  });

  it('closing a tab while a batch is on its way throws nothing into the page', LIMIT, async () => {
    const env = await setup({ behave: () => 'stall' });
    try {
      for (let i = 0; i < 3; i++) {
        const page = await env.open();
        const n = env.collector.receipts.length;
        await page.evaluate((r, endpoint) => window.Koubei.submit(r, { endpoint }), response(i), env.endpoint);
        await waitFor(() => env.collector.receipts.length > n, { message: 'the batch on its way' });
        await page.close(); // pagehide, then visibilitychange
        assert.deepEqual(page.problems.pageErrors, [], `close ${i + 1}`);
      }
    } finally {
      await env.close();
    }
  });
});
