// Every number the report shows equals what the collector's API returns for the same filters, against a
// real collector seeded with data.
import { expect } from '@open-wc/testing';
import { api, cleanup, collector, mount, startCollector, table } from './support.js';

const round = (v: number) => String(Math.round(v) === 0 ? 0 : Math.round(v));
const pct = (v: number) => `${Math.round(v)}%`;

describe('<koubei-report> numbers equal the collector API', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  it('headline: NPS, margin, n, the split and the change from the previous period, in words', async () => {
    const c = await collector();
    const { root } = await mount({ lang: 'en' });
    const q = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai' };
    const now = (await api('/v1/summary', q)).nps;
    // The previous period: the 60 days before `from` (the range is 60 days, both ends included).
    const day = (s: string, n: number) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    const prev = (await api('/v1/summary', { ...q, from: day(c.from, -60), to: day(c.from, -1) })).nps;
    const text = root.querySelector('[data-headline]')!.textContent!;
    expect(text.startsWith(`NPS ${round(now.nps)} (±${round(now.margin)}, n = ${now.n.toLocaleString('en')})`), text).to.equal(true);
    // The change by hand: the adjusted-Wald z-test (Rocks 2016): p̂ = (P + ¾)/(n + 3), d̂ likewise,
    // V = (p̂ + d̂ − (p̂ − d̂)²)/(n + 3), z = (NPS₂ − NPS₁)/√(V₁ + V₂), real when |z| > 1.96 and both n ≥ 30.
    const adj = (x: { promoters: number; detractors: number; n: number }) => {
      const p = (x.promoters + 0.75) / (x.n + 3);
      const d = (x.detractors + 0.75) / (x.n + 3);
      return { e: p - d, v: (p + d - (p - d) ** 2) / (x.n + 3) };
    };
    const a = adj(prev);
    const b = adj(now);
    const z = (b.e - a.e) / Math.sqrt(a.v + b.v);
    const points = Math.round(Math.abs(now.nps - prev.nps));
    const words = points === 0 ? 'unchanged from the previous 60 days' : `${points} points ${now.nps > prev.nps ? 'up' : 'down'} from the previous 60 days`;
    const verdict = now.n < 30 || prev.n < 30 ? 'too few answers to tell' : Math.abs(z) > 1.959964 ? 'a real change' : 'within the noise';
    expect(text).to.equal(`NPS ${round(now.nps)} (±${round(now.margin)}, n = ${now.n.toLocaleString('en')}), ${words}: ${verdict}.`);
    const rows = table(root, 'headline');
    expect(rows[0].slice(1)).to.deep.equal([round(now.nps), round(now.low), round(now.high), String(now.n), String(now.promoters), String(now.passives), String(now.detractors)]);
    expect(rows[1].slice(1)).to.deep.equal([round(prev.nps), round(prev.low), round(prev.high), String(prev.n), String(prev.promoters), String(prev.passives), String(prev.detractors)]);
  });

  it('trend, touchpoints, drivers and themes tables', async () => {
    const c = await collector();
    const labels: Record<string, string> = { delivery: 'Delivery', 'as-described': 'Item as described', value: 'Value for money' };
    // service and packaging are built-in touchpoints: the catalogue names them.
    const label = (q: string) => labels[q] ?? { service: 'Customer service', packaging: 'Packaging' }[q] ?? q;
    const { root } = await mount({ lang: 'en', interval: 'week', questionLabels: labels });
    const q = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai' };
    const trend = await api('/v1/trend', { ...q, interval: 'week' });
    const rows = table(root, 'trend');
    expect(rows.length).to.equal(trend.periods.length);
    trend.periods.forEach((p: any, i: number) => {
      expect(rows[i][1], `period ${p.period}`).to.equal(p.score === null ? '–' : round(p.score));
      expect(rows[i][4]).to.equal(String(p.n));
      expect(rows[i][6]).to.equal(p.insufficient ? 'too few answers' : p.significant ? 'yes' : 'no');
    });
    // The chart has one point per period with answers, each named with its numbers.
    const marks = root.querySelectorAll('[id^=trend-point-]');
    expect(marks.length).to.equal(trend.periods.filter((p: any) => p.score !== null).length);

    const summary = await api('/v1/summary', q);
    const tp = table(root, 'touchpoints');
    const asked = Object.entries(summary.csat).filter(([, x]: any) => x.n > 0);
    expect(tp.map((r) => r[0])).to.deep.equal(asked.map(([k]) => label(k)));
    expect(tp.map((r) => r[1])).to.deep.equal(asked.map(([, x]: any) => pct(x.csat)));
    expect(tp.map((r) => r[5])).to.deep.equal(asked.map(([, x]: any) => String(x.n)));

    const drivers = await api('/v1/drivers', { ...q, outcome: 'nps', drivers: asked.map(([k]) => k).join(',') });
    const dr = table(root, 'drivers');
    const placed = drivers.drivers.filter((d: any) => d.share !== null && d.performance !== null && d.quadrant);
    expect(dr.map((r) => r[0])).to.deep.equal(placed.map((d: any) => label(d.driver)));
    expect(dr.map((r) => r[1])).to.deep.equal(placed.map((d: any) => pct(d.share)));
    expect(dr.map((r) => r[4])).to.deep.equal(placed.map((d: any) => d.quadrant));
    expect(root.querySelectorAll('[data-sentences] li').length).to.equal(placed.length);
    // The demo's known first driver is delivery, below average: "fix first".
    expect(root.querySelector('[data-sentences] li')!.textContent).to.equal('Delivery moves NPS most and scores below average: fix first.');

    const themes = await api('/v1/themes', { ...q, locale: 'en' });
    const th = table(root, 'themes');
    expect(th.map((r) => [r[0], r[2]])).to.deep.equal(themes.terms.slice(0, 30).map((x: any) => [x.term, String(x.mentions)]));
  });

  it('comments, newest first, and the follow-up queue, oldest first', async () => {
    const c = await collector();
    const { root } = await mount({ lang: 'zh-CN' });
    const page = await api('/v1/responses', { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', limit: 40 });
    const withText = page.responses.filter((r: any) => typeof r.answers.comment === 'string');
    const shown = [...root.querySelectorAll('[data-comments] li')];
    expect(shown.map((li) => li.getAttribute('data-id'))).to.deep.equal(withText.map((r: any) => r.id));
    // Shown as stored: the collector already replaced phone numbers.
    expect(shown.map((li) => li.querySelector('p')!.textContent)).to.deep.equal(withText.map((r: any) => r.answers.comment));

    const fu = await api('/v1/follow-ups', { survey: c.survey, status: 'open', limit: 100 });
    const rows = [...root.querySelectorAll('[data-follow-ups] li')];
    expect(rows.map((li) => li.getAttribute('data-id'))).to.deep.equal(fu.followUps.map((r: any) => r.id));
    expect(rows.length).to.be.greaterThan(0);
    // Oldest first, as the collector answers.
    const times = fu.followUps.map((r: any) => Date.parse(r.createdAt));
    expect([...times].sort((x, y) => x - y)).to.deep.equal(times);
  });
});

describe('<koubei-report> group-by: the trend and the drivers of one group', function () {
  this.timeout(30_000);
  before(startCollector);
  afterEach(cleanup);

  it('asks the routes for groupBy=, and a chosen group draws its own trend and drivers, as the collector answers them', async () => {
    const c = await collector();
    const q = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai' };
    const seen: string[] = [];
    const real = window.fetch;
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => (seen.push(String(input)), real(input, init));
    let mounted;
    try {
      mounted = await mount({ lang: 'en', groupBy: 'channel' });
    } finally {
      window.fetch = real;
    }
    const { el, root } = mounted;
    const grouped = (path: string) => seen.map((u) => new URL(u)).filter((u) => u.pathname === path && u.searchParams.get('groupBy') === 'channel');
    expect(grouped('/v1/trend').length, 'a grouped trend request').to.equal(1);
    expect(grouped('/v1/drivers').length, 'a grouped drivers request').to.equal(1);

    // The selector lists the groups of the summary by the interval's lower end (as the groups part), a group under minN marked as such.
    const summary = await api('/v1/summary', { ...q, groupBy: 'channel' });
    const withNps = summary.groups.filter((g: any) => g.nps);
    const ranked = [...withNps].sort((x: any, y: any) => y.nps.low - x.nps.low);
    const select = root.querySelector<HTMLSelectElement>('select[name=group]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['All', ...ranked.map((g: any) => `${g.key ?? '(none)'}${g.nps.insufficient ? ' (too few answers)' : ''}`)]);
    const everyone = table(root, 'trend');

    const key = withNps[withNps.length - 1].key; // the smallest group: its trend differs most from everyone's
    select.value = JSON.stringify(key);
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    const trend = (await api('/v1/trend', { ...q, interval: 'week', groupBy: 'channel' })).groups.find((g: any) => g.key === key);
    const rows = table(root, 'trend');
    expect(rows.map((r) => [r[1], r[4]])).to.deep.equal(trend.periods.map((p: any) => [p.score === null ? '–' : round(p.score), String(p.n)]));
    expect(rows, 'not everyone’s trend').to.not.deep.equal(everyone);
    // The drivers the report asks for: everyone's Likert questions with answers (as the ungrouped map).
    const all = (await api('/v1/summary', q)).csat;
    const asked = Object.keys(all).filter((k) => all[k].n > 0);
    const drivers = (await api('/v1/drivers', { ...q, outcome: 'nps', drivers: asked.join(','), groupBy: 'channel' })).groups.find((g: any) => g.key === key);
    const placed = drivers.drivers.filter((d: any) => d.share !== null && d.performance !== null && d.quadrant);
    if (placed.length >= 2) expect(table(root, 'drivers').map((r) => r[1])).to.deep.equal(placed.map((d: any) => pct(d.share)));
    else expect(root.querySelector('[part=drivers]')!.textContent).to.contain('Key drivers need at least two');
    // Both parts say which group they show.
    expect([...root.querySelectorAll('[data-group]')].map((p) => p.textContent)).to.deep.equal(Array(2).fill(`Only channel = ${key} (choose it under NPS by channel).`));

    // Back to everyone.
    select.value = '';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(table(root, 'trend')).to.deep.equal(everyone);
    expect(root.querySelector('[data-group]')).to.equal(null);
  });
});
