// The render's cost (a year of weekly data, five drivers, 30 themes and 100 comments in under 100 ms of
// main-thread work, measured by test/report/bench.js, not here): what the benchmark showed slow, checked as
// behaviour: the numbers arrive in one render (not one for the comments first), formatters are made once per
// language, and every table row is one row of the right cells.
import { expect } from '@open-wc/testing';
import { loadReportMessages } from '../../src/components/report/i18n/index.js';
import { formats } from '../../src/components/report/model.js';
import { KoubeiReport } from '../../src/report.js';
import { api, cleanup, collector, mount, startCollector, table } from './support.js';

describe('<koubei-report> render cost', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  it('the numbers and the comments arrive in one render after the skeletons', async () => {
    await loadReportMessages('en'); // the catalogue is there: its arrival is not a render of this test
    const proto = KoubeiReport.prototype as unknown as { render(): unknown };
    const real = proto.render;
    const renders: string[] = [];
    proto.render = function (this: KoubeiReport) {
      const root = this.shadowRoot;
      renders.push(root?.querySelector('[data-headline]') ? 'numbers' : 'skeleton');
      return real.call(this);
    };
    try {
      const { el, root } = await mount({ lang: 'en' });
      await el.updateComplete;
      // One render with skeletons (mount) and one that draws the numbers and the comments together;
      // the comments' page, arriving first, used to cost a render of its own.
      expect(renders.length, renders.join(', ')).to.equal(2);
      expect(root.querySelectorAll('[data-comments] li').length).to.be.greaterThan(0);
    } finally {
      proto.render = real;
    }
  });

  it('the pointer moving over one chart point renders once, not once per move', async () => {
    const { el, root } = await mount({ lang: 'en' });
    const box = root.querySelector<HTMLElement>('.chart.trend')!;
    const r = box.querySelector('svg')!.getBoundingClientRect();
    const proto = KoubeiReport.prototype as unknown as { render(): unknown };
    const real = proto.render;
    let renders = 0;
    proto.render = function (this: KoubeiReport) {
      renders++;
      return real.call(this);
    };
    const move = async (x: number) => {
      box.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + x, clientY: r.top + r.height / 2, bubbles: true }));
      await el.updateComplete;
    };
    try {
      // The first point, under the pointer at the left edge and a pixel further on: one render, one tip.
      for (const x of [1, 1, 2, 1]) await move(x);
      expect(renders).to.equal(1);
      const first = box.querySelector('.tip text')!.textContent;
      expect(first).to.have.length.greaterThan(0);
      // Another point (the last): one more.
      for (const x of [r.width - 1, r.width - 2]) await move(x);
      expect(renders).to.equal(2);
      expect(box.querySelector('.tip text')!.textContent).to.not.equal(first);
    } finally {
      proto.render = real;
    }
  });

  it('formatters are made once per language, shared by every report', () => {
    expect(formats('en')).to.equal(formats('en'));
    expect(formats('zh-CN')).to.not.equal(formats('en'));
    // Still right after the sharing: 1234.5 → "1,235" in English, a signed change "+3".
    expect(formats('en').whole(1234.5)).to.equal('1,235');
    expect(formats('en').signed(3)).to.equal('+3');
  });

  it('every table row has its header cell and one cell per column (tables of 4 to 8 columns)', async () => {
    const c = await collector();
    const { root } = await mount({ lang: 'en', groupBy: 'channel' });
    const widths: Record<string, number> = { 'follow-ups': 4, groups: 5, touchpoints: 6, drivers: 6, themes: 6, trend: 7, headline: 8 };
    for (const [key, n] of Object.entries(widths)) {
      const t = root.querySelector(`table[data-table="${key}"]`)!;
      expect(t, key).to.not.equal(null);
      expect(t.querySelectorAll('thead th').length, `${key} head`).to.equal(n);
      for (const tr of t.querySelectorAll('tbody tr')) {
        expect([...tr.children].map((x) => x.localName), key).to.deep.equal(['th', ...Array(n - 1).fill('td')]);
        expect(tr.firstElementChild!.getAttribute('scope')).to.equal('row');
      }
    }
    // The cells hold the values in order: the trend's n column is the collector's n per period.
    const trend = await api('/v1/trend', { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', interval: 'week' });
    expect(table(root, 'trend').map((r) => r[4])).to.deep.equal(trend.periods.map((p: any) => String(p.n)));
  });
});
