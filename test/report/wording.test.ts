// The report's sentences say what its parts show, in en, zh-CN and zh-TW, against the real, seeded collector.
// - The trend sentence compares only periods with enough answers (the chart draws the others hollow).
// - The groups are listed in the order their text says: the interval's lower end, highest first.
// - The drivers' sentence says what its n counts, and what a row's n counts.
// - A call-back that could not be marked done says so in its own row, as an alert.
// - The drivers' caveat names the questions; the trend's axis has round ticks and names a cut period partial.
// - A bad from, to or time-zone is the report's own error, named, and nothing is asked of the collector with it.
// - The collector's refusal comes in the report's language (Accept-Language).
import { expect } from '@open-wc/testing';
import { api, cleanup, collector, mount, requests, startCollector, table } from './support.js';

const LANGS = ['en', 'zh-CN', 'zh-TW'] as const;
type Lang = (typeof LANGS)[number];
const day = (s: string, n: number) => new Date(Date.parse(`${s}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const weekday = (s: string) => new Date(`${s}T00:00:00Z`).getUTCDay();
const text = (root: ShadowRoot, selector: string) => root.querySelector(selector)!.textContent!.trim();

/** The drivers the report asks for over the seed's default range: every Likert question answered. */
async function drivers() {
  const c = await collector();
  const q = { survey: c.survey, from: c.from, to: c.to, timeZone: 'Asia/Shanghai' };
  const summary = await api('/v1/summary', q);
  const asked = Object.keys(summary.csat).filter((k) => summary.csat[k].n > 0);
  return { asked, dr: await api('/v1/drivers', { ...q, outcome: 'nps', drivers: asked.join(',') }) };
}

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
      // The seed follows today's date, so on some days the collector's order is already this one: no precondition on it.
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
      const { root } = await mount({ lang });
      const { asked, dr } = await drivers();
      const placed = dr.drivers.filter((d: any) => d.share !== null && d.performance !== null && d.quadrant);
      // The rows' n (each question's answers) are not the model's n: the sentence has to say which is which.
      expect(table(root, 'drivers').map((r) => r[5])).to.deep.equal(placed.map((d: any) => String(d.n)));
      expect(placed.some((d: any) => d.n !== dr.n)).to.equal(true);
      const r2 = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(dr.r2);
      const want: Record<Lang, string> = {
        en: `The questions explain ${r2} of the variation in NPS. n = ${dr.n}: the fewest customers who answered any two of them (NPS included); a row’s n counts that question’s answers. Across: how well each scores; up: how much it moves NPS.`,
        'zh-CN': `这些问题解释了 NPS 差异的 ${r2}。n = ${dr.n}：任两题（含 NPS）都回答的最少人数；各行 n：该题的回答数。横轴：得分表现；纵轴：对 NPS 的影响。`,
        'zh-TW': `這些問題解釋了 NPS 差異的 ${r2}。n = ${dr.n}：任兩題（含 NPS）都回答的最少人數；各列 n：該題的回答數。橫軸：得分表現；縱軸：對 NPS 的影響。`,
      };
      expect(text(root, '#drivers-desc')).to.equal(want[lang]);
    });

    it(`${lang}: the drivers' caveat names the questions left out or answered by few`, async () => {
      const { root } = await mount({ lang });
      const { asked, dr } = await drivers();
      const names = [...new Set(dr.warnings.map((w: any) => w.question).filter((x: any) => x && x !== 'nps'))] as string[];
      expect(names.length, 'the seed has a question answered by fewer (service)').to.be.greaterThan(0);
      // Each name as the drivers' table labels it (the touchpoints' table holds every question asked).
      const labels = new Map(asked.map((k, i) => [k, table(root, 'touchpoints')[i][0]]));
      const list = new Intl.ListFormat(lang).format(names.map((k) => labels.get(k)!));
      const want: Record<Lang, string> = {
        en: `Left out of the model or answered by few customers: ${list}.`,
        'zh-CN': `被排除或回答的顾客较少的问题：${list}。`,
        'zh-TW': `被排除或回答的顧客較少的問題：${list}。`,
      };
      expect(text(root, '[data-warned]')).to.equal(want[lang]);
    });

    it(`${lang}: the trend's axis has round ticks, and a period the range cuts is marked partial`, async () => {
      const c = await collector();
      // From a Thursday: the first week began on the Monday before.
      let from = day(c.today, -45);
      while (weekday(from) !== 4) from = day(from, -1);
      const { root } = await mount({ lang, from, to: c.today, interval: 'week' });
      const ticks = [...root.querySelectorAll('.trend svg text[text-anchor=end]')].map((t) => Number(t.textContent!.replace(/[−–]/g, '-').replace(/[^\d-]/g, '')));
      const steps = ticks.slice(1).map((v, i) => v - ticks[i]);
      expect(new Set(steps).size, `evenly spaced: ${ticks}`).to.equal(1);
      const step = steps[0];
      const e = 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5, 10].includes(step / e), `a step of 1, 2 or 5 × 10^k: ${ticks}`).to.equal(true);
      expect(ticks.every((v) => v % step === 0), `multiples of the step: ${ticks}`).to.equal(true);
      const trend = await api('/v1/trend', { survey: c.survey, from, to: c.today, timeZone: 'Asia/Shanghai', interval: 'week' });
      const periods: any[] = trend.periods;
      expect(periods[0].period < from).to.equal(true);
      const rows = table(root, 'trend');
      const plain = new Intl.DateTimeFormat(lang, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' });
      const name = (p: string) => plain.format(new Date(`${p}T00:00:00Z`));
      const partial = (p: string) => (lang === 'en' ? `${name(p)} (partial)` : `${name(p)}（不完整）`);
      // The last week is cut when today is not its Sunday.
      const lastCut = day(periods[periods.length - 1].period, 6) > c.today;
      expect(rows.map((r) => r[0])).to.deep.equal(periods.map((p, i) => (i === 0 || (lastCut && i === periods.length - 1) ? partial(p.period) : name(p.period))));
      // The text alternative of the point says so too.
      expect(root.querySelector('#trend-point-0')!.getAttribute('aria-label')!.startsWith(partial(periods[0].period))).to.equal(true);
    });

    it(`${lang}: a bad from, to or time-zone is named as the report's own, with nothing asked of the collector`, async () => {
      const c = await collector();
      const cases: [Record<string, string>, Record<Lang, string>][] = [
        [{ from: '2026-13-01' }, {
          en: 'The report’s from="2026-13-01" is not a date (YYYY-MM-DD).',
          'zh-CN': '报告的 from="2026-13-01" 不是有效日期（YYYY-MM-DD）。',
          'zh-TW': '報告的 from="2026-13-01" 不是有效日期（YYYY-MM-DD）。',
        }],
        [{ from: '2026-12-05', to: '2026-12-01' }, {
          en: 'The report’s from is after its to (from="2026-12-05", to="2026-12-01").',
          'zh-CN': '报告的开始日期晚于结束日期（from="2026-12-05", to="2026-12-01"）。',
          'zh-TW': '報告的開始日期晚於結束日期（from="2026-12-05", to="2026-12-01"）。',
        }],
        [{ timeZone: 'Mars/X' }, {
          en: 'The report’s time-zone="Mars/X" is not a time zone (an IANA name such as Asia/Shanghai).',
          'zh-CN': '报告的 time-zone="Mars/X" 不是有效时区（IANA 名称，如 Asia/Shanghai）。',
          'zh-TW': '報告的 time-zone="Mars/X" 不是有效時區（IANA 名稱，如 Asia/Shanghai）。',
        }],
      ];
      for (const [attrs, want] of cases) {
        const logged: string[] = [];
        const error = console.error;
        console.error = (...a: unknown[]) => logged.push(a.join(' '));
        let m: Awaited<ReturnType<typeof mount>> | undefined;
        try {
          const urls = await requests(async () => {
            m = await mount({ lang, ...attrs }, 'error');
            await new Promise((r) => setTimeout(r, 200));
          });
          expect(urls.filter((u) => u.startsWith(c.url)), JSON.stringify(attrs)).to.deep.equal([]);
        } finally {
          console.error = error;
        }
        const problem = m!.root.querySelector<HTMLElement>('.problem')!;
        expect(problem.dataset.reason).to.equal('attribute');
        expect(problem.querySelector('p')!.textContent).to.equal(want[lang]);
        expect(logged).to.include(`[koubei] <koubei-report> ${want[lang]}`);
        expect(m!.events.find((e) => e.type === 'koubei-report-error')!.detail.reason).to.equal('attribute');
        cleanup();
      }
    });

    it(`${lang}: the collector's refusal comes in the report's language (Accept-Language)`, async () => {
      const c = await collector();
      const url = `${c.url}/v1/summary?survey=${c.survey}&from=${c.from}&to=${c.to}&timeZone=Asia%2FShanghai&groupBy=__proto__`;
      const refusal = async (l: string) => {
        const r = await fetch(url, { headers: { authorization: `Bearer ${c.token}`, 'accept-language': l } });
        expect(r.status).to.equal(400);
        return (await r.json()).error as string;
      };
      const [own, other] = [await refusal(lang), await refusal(lang === 'en' ? 'zh-CN' : 'en')];
      expect(own, 'the collector words it by Accept-Language').to.not.equal(other);
      const { root } = await mount({ lang, groupBy: '__proto__' }, 'error');
      const prefix = { en: 'The collector refused the request: ', 'zh-CN': '收集器拒绝了请求：', 'zh-TW': '收集器拒絕了請求：' }[lang];
      expect(root.querySelector('.problem p')!.textContent).to.equal(prefix + own);
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
