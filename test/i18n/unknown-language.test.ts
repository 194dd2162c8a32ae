/** A language Koubei has no messages for falls back to English with one warning naming what there is. */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import { addMessages, type KoubeiNps } from '../../src/index.js';
import { captureConsole } from '../support/form-control-suite.js';

describe('an unknown language', () => {
  it('lang="fr": English, and one warning naming the languages available and addMessages', async () => {
    const warn = captureConsole('warn');
    try {
      const host = await fixture<HTMLDivElement>(html`<div lang="fr"><koubei-nps></koubei-nps><koubei-nps name="b"></koubei-nps></div>`);
      const [a] = [...host.querySelectorAll<KoubeiNps>('koubei-nps')];
      await a.updateComplete;
      expect(a.shadowRoot!.querySelector('[part~="low-label"]')!.textContent).to.equal('Not at all likely');
      const lines = warn.lines.filter((l) => l.includes('lang="fr"'));
      expect(lines, warn.lines.join('\n')).to.have.length(1);
      for (const w of ['en', 'zh-CN', 'zh-TW', 'ja', 'ko', 'addMessages']) expect(lines[0]).to.contain(w);
    } finally {
      warn.restore();
    }
  });

  it('xx-YY warns too; zh-HK, en-GB and an added language do not', async () => {
    const warn = captureConsole('warn');
    try {
      addMessages('de', { npsLow: 'Gar nicht wahrscheinlich' });
      const host = await fixture<HTMLDivElement>(html`<div>
        <koubei-nps lang="xx-YY"></koubei-nps><koubei-nps lang="zh-HK"></koubei-nps><koubei-nps lang="en-GB"></koubei-nps><koubei-nps lang="de"></koubei-nps>
      </div>`);
      await Promise.all([...host.querySelectorAll<KoubeiNps>('koubei-nps')].map((e) => e.updateComplete));
      expect(warn.lines.filter((l) => l.includes('[koubei] lang='))).to.deep.equal(warn.lines.filter((l) => l.includes('lang="xx-YY"')));
      expect(warn.lines.filter((l) => l.includes('lang="xx-YY"'))).to.have.length(1);
    } finally {
      warn.restore();
    }
  });
});
