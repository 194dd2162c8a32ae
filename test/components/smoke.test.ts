import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiNps } from '../../src/index.js';

describe('smoke', () => {
  it('renders nps', async () => {
    const el = await fixture<KoubeiNps>(html`<koubei-nps lang="zh-CN"></koubei-nps>`);
    expect(el.shadowRoot!.querySelectorAll('[role=radio]').length).to.equal(11);
    await expect(el).to.be.accessible();
  });
});
