// The report's pure modules: dates and presets, the headline sentence and its significance test,
// the SLA colour, the chart geometry and the shape checker. Values worked by hand in the comments.
import { expect } from '@open-wc/testing';
import { routeUrl, ReportError, failureOf } from '../../src/components/report/api.js';
import { niceDomain, trendGeometry } from '../../src/components/report/chart.js';
import { loadReportMessages, reportLocale } from '../../src/components/report/i18n/index.js';
import { addDays, daysIn, driverSentence, formats, headline, npsChange, presetRange, previousRange, questionLabel, today, waiting } from '../../src/components/report/model.js';
import { summaryCheck, trendCheck } from '../../src/components/report/shapes.js';
import { ShapeError } from '../../src/components/report/validate.js';

const nps = (promoters: number, passives: number, detractors: number) => {
  const n = promoters + passives + detractors;
  return { n, nps: ((promoters - detractors) / n) * 100, low: 0, high: 0, margin: 6.2, promoters, passives, detractors, insufficient: n < 30 };
};

describe('report model', () => {
  it('dates: presets end today in the shop time zone; the previous range has the same length', () => {
    // 2026-12-01T17:00Z is already 2 December in Shanghai (UTC+8) but still 1 December in UTC.
    expect(today(new Date('2026-12-01T17:00:00Z'), 'Asia/Shanghai')).to.equal('2026-12-02');
    expect(today(new Date('2026-12-01T17:00:00Z'), 'UTC')).to.equal('2026-12-01');
    expect(presetRange('7', '2026-12-02')).to.deep.equal({ from: '2026-11-26', to: '2026-12-02' }); // 26..2 is 7 days
    expect(presetRange('30', '2026-03-01')).to.deep.equal({ from: '2026-01-31', to: '2026-03-01' }); // 1 + 28 + 1
    expect(presetRange('quarter', '2026-11-15')).to.deep.equal({ from: '2026-10-01', to: '2026-11-15' });
    expect(previousRange('2026-11-01', '2026-11-30')).to.deep.equal({ from: '2026-10-02', to: '2026-10-31' }); // 30 days before
    expect(daysIn('2026-02-27', '2026-03-01')).to.equal(3);
    expect(addDays('2024-02-28', 1)).to.equal('2024-02-29');
    // Not dates: a 13th month (the report sent it to the collector, which blamed from > to), a 30 February, no padding.
    for (const bad of ['2026-13-01', '2026-02-30', '2026-2-1', '', '2026-12-01T00:00']) expect(() => daysIn(bad, '2026-12-01'), bad).to.throw(RangeError);
  });

  it('npsChange: the adjusted-Wald two-sample z-test, real only with enough answers', () => {
    // Previous: 150 P, 100 Pa, 150 D (n 400): p̂ = 150.75/403 = 0.37407, d̂ the same, NPSadj = 0,
    // V = (0.74814 − 0)/403 = 0.0018564. Current: 200 P, 120 Pa, 80 D: p̂ = 200.75/403 = 0.49814,
    // d̂ = 80.75/403 = 0.20037, NPSadj = 0.29777, V = (0.69851 − 0.08867)/403 = 0.0015133.
    // z = 0.29777 / √0.0033697 = 5.13 > 1.96: real.
    const r = npsChange(nps(200, 120, 80), nps(150, 100, 150), 30);
    expect(r.change).to.be.closeTo(30, 1e-9); // 30 − 0
    expect(r.z).to.be.closeTo(5.13, 0.01);
    expect(r.verdict).to.equal('real');
    // 22 P, 15 Pa, 13 D (n 50) against 20 P, 16 Pa, 14 D: NPS 18 vs 12, z ≈ 0.33: noise.
    expect(npsChange(nps(22, 15, 13), nps(20, 16, 14), 30).verdict).to.equal('noise');
    // 20 answers against 400: too few to tell, however large the move.
    expect(npsChange(nps(18, 2, 0), nps(150, 100, 150), 30).verdict).to.equal('few');
  });

  it('the headline sentence, in English and Chinese', async () => {
    const en = await loadReportMessages('en');
    const zh = await loadReportMessages('zh-CN');
    const now = { ...nps(200, 120, 80), margin: 6.4 };
    expect(headline(en, formats('en'), now, nps(150, 100, 150), 30, 30)).to.equal('NPS 30 (±6, n = 400), 30 points up from the previous 30 days: a real change.');
    expect(headline(zh, formats('zh-CN'), now, nps(150, 100, 150), 30, 30)).to.equal('NPS 30（±6，n = 400），比前 30 天上升 30 分：是真实的变化。');
    expect(headline(en, formats('en'), now, null, 30, 30)).to.equal('NPS 30 (±6, n = 400); no answers in the previous 30 days to compare with.');
    // −0.4 rounds to 0: "unchanged", never "-0".
    const same = { ...nps(160, 80, 160), margin: 0.2 };
    expect(headline(en, formats('en'), same, { ...same, nps: 0.4 }, 7, 30)).to.equal('NPS 0 (±0, n = 400), unchanged from the previous 7 days: within the noise.');
    expect(driverSentence(zh, '物流配送', 'fix first', 0)).to.equal('物流配送对 NPS 影响最大，得分低于平均：优先改进。');
    // The shop's label, else a built-in touchpoint's, else the name; never an Object.prototype member.
    expect(['delivery', 'service', 'as-described', 'constructor', 'toString'].map((q) => questionLabel(zh, { delivery: '物流' }, q))).to.deep.equal(['物流', '客服', 'as-described', 'constructor', 'toString']);
    expect(driverSentence(en, 'Packaging', 'maintain', 3)).to.equal('Packaging moves NPS little and scores above average: maintain.');
  });

  it('languages: Chinese by script, anything else English', () => {
    expect(['zh', 'zh-CN', 'zh-SG', 'zh-Hans-HK', 'zh-TW', 'zh-HK', 'zh-Hant', 'zh-MO', 'en-GB', 'ja', 'fr'].map(reportLocale)).to.deep.equal(
      ['zh-CN', 'zh-CN', 'zh-CN', 'zh-CN', 'zh-TW', 'zh-TW', 'zh-TW', 'zh-TW', 'en', 'en', 'en'],
    );
  });

  it('waiting: whole hours and the SLA colour (overdue past the SLA, due soon past three quarters)', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(waiting('2026-12-01T00:00:00Z', now, 24)).to.deep.equal({ hours: 12, state: 'on-time' });
    expect(waiting('2026-11-30T17:00:00Z', now, 24)).to.deep.equal({ hours: 19, state: 'due-soon' }); // 19 ≥ 18
    expect(waiting('2026-11-30T12:00:00Z', now, 24)).to.deep.equal({ hours: 24, state: 'overdue' });
    expect(waiting('2026-12-01T09:30:00Z', now, 4)).to.deep.equal({ hours: 2, state: 'on-time' }); // 2.5 h < 3 h
  });

  it('trend geometry: gaps, dashed reach to thin periods, shapes for significant changes', () => {
    const p = (score: number | null, over: object = {}) => ({ period: '2026-11-02', n: 100, score, low: score === null ? null : score - 10, high: score === null ? null : score + 10, insufficient: false, change: null, significant: false, ...over });
    const g = trendGeometry([p(10), p(30, { significant: true, change: 20 }), p(null, { n: 0, insufficient: true }), p(0, { significant: true, change: -30 }), p(5, { n: 4, insufficient: true })], 'nps');
    expect(g.marks.map((m) => m.kind)).to.deep.equal(['plain', 'up', 'down', 'few']);
    // Domain: values −10..40 → whole tens −10..40 (wider than 20).
    expect(g.domain).to.deep.equal([-10, 40]);
    expect(g.line.match(/M/g)!.length).to.equal(1); // 0→1 only: 1→3 crosses the gap
    expect(g.dashed.match(/M/g)!.length).to.equal(1); // 3→4 reaches a thin period
    expect(niceDomain([95, 97], 0, 100)).to.deep.equal([80, 100]);
  });

  it('the shape checker names what is wrong; failures sort into the three reasons', async () => {
    expect(() => summaryCheck({ n: 'many' }, 'summary')).to.throw(ShapeError, 'summary.n: expected a count, got "many"');
    expect(() => trendCheck({ type: 'nps', interval: 'week', periods: [{ period: '2026-11-02', n: -1 }] }, 'trend')).to.throw(ShapeError, 'trend.periods[0].n: expected a count');
    expect(routeUrl('https://c.example/', '/v1/trend', { survey: 'a b', from: '', interval: 'week', to: undefined })).to.equal('https://c.example/v1/trend?survey=a+b&interval=week');
    const res = (status: number, body: object, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status, headers });
    expect((await failureOf(res(401, { error: 'x', code: 'auth' }))).reason).to.equal('auth');
    expect((await failureOf(res(503, { code: 'no_token' }))).kind).to.equal('no-token');
    const down = await failureOf(res(503, { code: 'unavailable' }, { 'retry-after': '9' }));
    expect([down.reason, down.kind, down.retryAfter]).to.deep.equal(['network', 'unavailable', 9]);
    expect(new ReportError('refused', 'x').reason).to.equal('bad-response');
  });
});
