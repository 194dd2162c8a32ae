// The report's sentences say what its parts show, in en, zh-CN and zh-TW, against the real, seeded collector.
// - The trend sentence compares only periods with enough answers (the chart draws the others hollow).
// - The groups are listed in the order their text says: the interval's lower end, highest first.
// - The drivers' sentence says what its n counts, and what a row's n counts.
// - A call-back that could not be marked done says so in its own row, as an alert.
import { expect } from '@open-wc/testing';
import { api, cleanup, collector, mount, startCollector, table } from './support.js';

const LANGS = ['en', 'zh-CN', 'zh-TW'] as const;
type Lang = (typeof LANGS)[number];
const day = (s: string, n: number) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay();
const text = (root: ShadowRoot, selector: string) => root.querySelector(selector)!.textContent!.trim();

describe('<koubei-report> wording agrees with what is shown', function () {
  this.timeout(60_000);
  before(startCollector);
  afterEach(cleanup);

  for (const lang of LANGS) {
    it(`${lang}: the trend sentence starts from the first period with enough answers, not one marked "too few"`, async () => {
      const c = await collector();
      // From a Sunday: the first ISO week holds that one day (about 5 answers), under minN.
      let from = day(c.today, -52);
      while (weekday(from) !== 0) from = day(from, -1);
      const q = { survey: c.survey, from, to: c.today, timeZone: 'Asia/Shanghai', interval: 'week' };
      const trend = await api('/v1/trend', q);
      const periods: any[] = trend.periods;
      expect(periods[0].insufficient && periods[0].score !== null, 'the first week has a score from too few answers').to.equal(true);
      const { root } = await mount({ lang, from, to: c.today, interval: 'week' });
      // The chart marks it hollow, and its table row says so.
      expect(root.querySelector('#trend-point-0 .mark.few'), 'first point drawn as too few').to.not.equal(null);
      const rows = table(root, 'trend');
      const ok = periods.map((p, i) => (p.score !== null && !p.insufficient ? i : -1)).filter((i) => i >= 0);
      const [i, j] = [ok[0], ok[ok.length - 1]];
      expect(i).to.be.greaterThan(0);
      // The period and NPS as the table shows them (the same formatting as the sentence).
      const [first, a, last, b] = [rows[i][0], rows[i][1], rows[j][0], rows[j][1]];
      const k = periods.filter((p) => p.significant).length;
      const want: Record<Lang, string> = {
        en: `NPS by week from ${first} to ${last}, from ${a} to ${b}; ${k} significant changes.`,
        'zh-CN': `${first} 至 ${last} 每周的 NPS，从 ${a} 到 ${b}；显著变化 ${k} 次。`,
        'zh-TW': `${first} 至 ${last} 每週的 NPS，從 ${a} 到 ${b}；顯著變化 ${k} 次。`,
      };
      expect(text(root, '#trend-desc')).to.equal(want[lang]);
    });

    it(`${lang}: with too few answers in every period, the trend sentence says there are too few to compare`, async () => {
      const c = await collector();
      const q = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', interval: 'day' };
      const trend = await api('/v1/trend', q);
      // About 5 answers a day: every day is under minN, yet has a score the chart draws (hollow).
      expect(trend.periods.every((p: any) => p.insufficient)).to.equal(true);
      expect(trend.periods.filter((p: any) => p.score !== null).length).to.be.greaterThan(1);
      const { root } = await mount({ lang, interval: 'day' });
      expect(root.querySelectorAll('.trend .mark.few').length).to.equal(trend.periods.filter((p: any) => p.score !== null).length);
      const want: Record<Lang, string> = {
        en: 'Fewer than two periods have enough answers to compare them.',
        'zh-CN': '回答足够的周期不到两个，无法比较。',
        'zh-TW': '回答足夠的週期不到兩個，無法比較。',
      };
      expect(text(root, '#trend-desc')).to.equal(want[lang]);
    });

    it(`${lang}: the groups are listed by the lower end of their interval, highest first, as their text says`, async () => {
      const c = await collector();
      const { root } = await mount({ lang, groupBy: 'channel' });
      const grouped = await api('/v1/summary', { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai', groupBy: 'channel' });
      const groups = grouped.groups.filter((g: any) => g.nps);
      const none = { en: '(none)', 'zh-CN': '（无）', 'zh-TW': '（無）' }[lang];
      const key = (g: any) => g.key ?? none;
      const ranked = [...groups].sort((x: any, y: any) => y.nps.low - x.nps.low);
      // The collector's order is not already this one, or the test would prove nothing.
      expect(groups.map(key)).to.not.deep.equal(ranked.map(key));
      expect(table(root, 'groups').map((r) => [r[0], r[2]])).to.deep.equal(ranked.map((g: any) => [key(g), String(Math.round(g.nps.low) || 0)]));
      // The group selector lists them in the same order, after "all".
      const options = [...root.querySelectorAll<HTMLOptionElement>('select[name=group] option')].slice(1);
      expect(options.map((o) => JSON.parse(o.value) ?? none)).to.deep.equal(ranked.map(key));
      const want: Record<Lang, string> = {
        en: `${groups.length} groups, ranked by the lower end of the interval, highest first; a small group is marked.`,
        'zh-CN': `共 ${groups.length} 组，按区间下限从高到低；样本小的组已标出。`,
        'zh-TW': `共 ${groups.length} 組，按區間下限從高到低；樣本小的組已標出。`,
      };
      expect(text(root, 'section[part=groups] p')).to.equal(want[lang]);
    });

    it(`${lang}: the drivers' sentence says what its n counts, and what a row's n counts`, async () => {
      const c = await collector();
      const { root } = await mount({ lang });
      const q = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai' };
      const summary = await api('/v1/summary', q);
      const asked = Object.keys(summary.csat).filter((k) => summary.csat[k].n > 0);
      const dr = await api('/v1/drivers', { ...q, outcome: 'nps', drivers: asked.join(',') });
      const placed = dr.drivers.filter((d: any) => d.share !== null && d.performance !== null && d.quadrant);
      // The rows' n (each question's answers) are not the model's n: the sentence has to say which is which.
      expect(table(root, 'drivers').map((r) => r[5])).to.deep.equal(placed.map((d: any) => String(d.n)));
      expect(placed.some((d: any) => d.n !== dr.n)).to.equal(true);
      const r2 = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(dr.r2);
      const want: Record<Lang, string> = {
        en: `The questions explain ${r2} of the variation in NPS. n = ${dr.n}: the fewest customers who answered any two of them (NPS included); a row’s n counts that question’s answers. Across: how well each scores; up: how much it moves NPS.`,
        'zh-CN': `这些问题解释了 NPS 变化的 ${r2}。n = ${dr.n}：任两题（含 NPS）都回答的最少人数；各行 n：该题的回答数。横轴：得分表现；纵轴：对 NPS 的影响。`,
        'zh-TW': `這些問題解釋了 NPS 變化的 ${r2}。n = ${dr.n}：任兩題（含 NPS）都回答的最少人數；各列 n：該題的回答數。橫軸：得分表現；縱軸：對 NPS 的影響。`,
      };
      expect(text(root, '#drivers-desc')).to.equal(want[lang]);
    });

    it(`${lang}: a call-back that could not be marked done says so in its own row, as an alert`, async () => {
      const c = await collector();
      const { el, root } = await mount({ lang });
      const rows = [...root.querySelectorAll('[data-follow-ups] li')];
      // The last row: on a long page, the furthest from the top of the report.
      const id = rows[rows.length - 1].getAttribute('data-id')!;
      const order = (await api('/v1/follow-ups', { status: 'open', limit: 100 })).followUps.find((r: any) => r.id === id).context.orderId;
      const orig = window.fetch;
      window.fetch = (input, init) => (init?.method === 'PATCH' ? Promise.reject(new TypeError('Failed to fetch')) : orig(input, init));
      try {
        root.querySelector<HTMLButtonElement>(`[data-follow-ups] li[data-id="${id}"] button[type=submit]`)!.click();
        const row = () => root.querySelector(`[data-follow-ups] li[data-id="${id}"]`);
        const start = performance.now();
        while (!row()?.querySelector('[role=alert]') && performance.now() - start < 8000) await new Promise((r) => setTimeout(r, 25));
        await el.updateComplete;
        const alert = row()!.querySelector('[role=alert]');
        expect(alert, 'the alert is in the row of the order').to.not.equal(null);
        const want: Record<Lang, string> = {
          en: `Order ${order} could not be marked done; it is open again. The collector at ${c.url} cannot be reached.`,
          'zh-CN': `未能将订单 ${order} 标记完成，已恢复为待回访。无法连接 ${c.url} 的收集器。`,
          'zh-TW': `未能將訂單 ${order} 標記完成，已恢復為待回訪。無法連線 ${c.url} 的收集器。`,
        };
        expect(alert!.textContent!.startsWith(want[lang]), alert!.textContent!).to.equal(true);
        // Said once, there: nothing at the top of the report.
        expect(root.querySelectorAll('[role=alert]').length).to.equal(1);
        expect(root.querySelector('.base > .message')).to.equal(null);
      } finally {
        window.fetch = orig;
      }
    });
  }
});
