// trend(), trendStats() and periodKey() from the built koubei/analysis, against values worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { npsInterval, periodKey, trend, trendStats } from '../../dist/analysis.js';

const close = (actual, expected, tol, what = '') => assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);

let seq = 0;
const nps = (value, createdAt, context = {}) => ({
  id: `t${++seq}`,
  surveyId: 's',
  createdAt,
  scores: { nps: { type: 'nps', value, category: value >= 9 ? 'promoter' : value >= 7 ? 'passive' : 'detractor' } },
  context,
});
/** `promoters` 10s, `passives` 8s and `detractors` 3s, all at one instant. */
const batch = ({ promoters, passives, detractors }, createdAt, context) => [
  ...Array.from({ length: promoters }, () => nps(10, createdAt, context)),
  ...Array.from({ length: passives }, () => nps(8, createdAt, context)),
  ...Array.from({ length: detractors }, () => nps(3, createdAt, context)),
];

describe('periodKey', () => {
  it('Asia/Shanghai across midnight UTC and a week boundary', () => {
    // 2026-11-29 is a Sunday. 15:59:59Z is 23:59:59 on Sunday in Shanghai (UTC+8); 16:00Z is 00:00 on Monday 30th.
    assert.equal(periodKey('2026-11-29T15:59:59Z', 'day'), '2026-11-29');
    assert.equal(periodKey('2026-11-29T16:00:00Z', 'day'), '2026-11-30');
    assert.equal(periodKey('2026-11-29T15:59:59Z', 'week'), '2026-11-23'); // the Monday before
    assert.equal(periodKey('2026-11-29T16:00:00Z', 'week'), '2026-11-30');
    // In UTC both instants are Sunday 29th, in the week of Monday 23rd.
    assert.equal(periodKey('2026-11-29T16:00:00Z', 'week', 'UTC'), '2026-11-23');
    // 23:30Z on 30 November is 07:30 on 1 December in Shanghai: a new day and a new month.
    assert.equal(periodKey('2026-11-30T23:30:00Z', 'day'), '2026-12-01');
    assert.equal(periodKey('2026-11-30T23:30:00Z', 'month'), '2026-12-01');
    assert.equal(periodKey('2026-11-30T15:59:59.999Z', 'month'), '2026-11-01');
    // A Date or epoch milliseconds work the same.
    assert.equal(periodKey(new Date('2026-11-29T16:00:00Z'), 'week'), '2026-11-30');
    assert.equal(periodKey(Date.UTC(2026, 10, 29, 16), 'week'), '2026-11-30');
  });

  it('ISO weeks across a new year start on Monday', () => {
    // 1 January 2021 was a Friday: its ISO week began on Monday 28 December 2020. 3 January 2027 is a Sunday.
    assert.equal(periodKey('2021-01-01T12:00:00Z', 'week', 'UTC'), '2020-12-28');
    assert.equal(periodKey('2027-01-03T12:00:00Z', 'week', 'UTC'), '2026-12-28');
    assert.equal(periodKey('2027-01-04T00:00:00Z', 'week', 'UTC'), '2027-01-04');
  });

  it('a daylight-saving switch moves local midnight (America/New_York, 8 March 2026)', () => {
    // EST (−5) until 07:00Z on 8 March, EDT (−4) after: local midnight of the 9th is 04:00Z, of the 8th 05:00Z.
    assert.equal(periodKey('2026-03-08T04:59:59Z', 'day', 'America/New_York'), '2026-03-07');
    assert.equal(periodKey('2026-03-08T05:00:00Z', 'day', 'America/New_York'), '2026-03-08');
    assert.equal(periodKey('2026-03-09T03:59:59Z', 'day', 'America/New_York'), '2026-03-08');
    assert.equal(periodKey('2026-03-09T04:00:00Z', 'day', 'America/New_York'), '2026-03-09');
  });

  it('agrees with Intl.DateTimeFormat on every instant, in zones with odd offsets and DST', () => {
    const local = (t, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
    let x = 12345;
    for (const tz of ['Asia/Shanghai', 'America/New_York', 'Australia/Adelaide', 'Asia/Kathmandu', 'Pacific/Chatham', 'Europe/London']) {
      for (let i = 0; i < 400; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const t = Date.UTC(2025, 0, 1) + (x / 2147483648) * 3 * 365 * 86400000;
        assert.equal(periodKey(t, 'day', tz), local(t, tz), `${tz} ${new Date(t).toISOString()}`);
      }
    }
  });

  it('bad input is named', () => {
    assert.throws(() => periodKey('2026-11-29', 'year'), /interval must be 'day', 'week' or 'month'/);
    assert.throws(() => periodKey('yesterday', 'day'), /date must be a Date, an ISO 8601 string/);
    assert.throws(() => periodKey('2026-11-29T00:00:00Z', 'day', 'Mars/Olympus'), /timeZone 'Mars\/Olympus' is not a time zone/);
  });
});

describe('trend: NPS per period and its change', () => {
  it('a 20-point NPS change on 400 responses a period is significant', () => {
    // Week 1: 160 / 120 / 120 → NPS 10. Week 2: 200 / 120 / 80 → NPS 30.
    // Adjusted Wald, n' = 403: week 1 p' = 160.75/403 = 0.398883, d' = 120.75/403 = 0.299628, NPS' = 0.099256,
    //   V₁ = (0.698511 − 0.009852) / 403 = 0.0017088; week 2 p' = 200.75/403 = 0.498139, d' = 80.75/403 = 0.200372,
    //   NPS' = 0.297767, V₂ = (0.698511 − 0.088665) / 403 = 0.0015133.
    // z = (0.297767 − 0.099256) / √(0.0017088 + 0.0015133) = 0.198511 / 0.056764 = 3.4971; p = 2(1 − Φ(3.4971)) = 0.00047
    const responses = [
      ...batch({ promoters: 160, passives: 120, detractors: 120 }, '2026-11-24T04:00:00Z'),
      ...batch({ promoters: 200, passives: 120, detractors: 80 }, '2026-12-01T04:00:00Z'),
    ];
    const t = trend(responses, { interval: 'week' });
    assert.deepEqual(t.periods.map((p) => [p.period, p.n, p.score]), [['2026-11-23', 400, 10], ['2026-11-30', 400, 30]]);
    const [w1, w2] = t.periods;
    assert.deepEqual([w1.change, w1.z, w1.p, w1.significant], [null, null, null, false]);
    assert.equal(w2.change, 20);
    close(w2.z, 3.4971, 0.0005, 'z');
    close(w2.p, 0.00047, 0.00001, 'p');
    assert.equal(w2.significant, true);
    // The interval of each period is npsInterval's.
    const i = npsInterval({ promoters: 200, passives: 120, detractors: 80 });
    assert.deepEqual([w2.low, w2.high], [i.low, i.high]);
  });

  it('a 4- or 6-point wobble on 50 responses a period is not (NPS on 50 moves in steps of 2)', () => {
    // +6: 20/15/15 (NPS 10) → 22/14/14 (NPS 16). n' = 53: p₁' = 20.75/53 = 0.391509, d₁' = 15.75/53 = 0.297170,
    //   V₁ = (0.688679 − 0.008900) / 53 = 0.012826; p₂' = 22.75/53 = 0.429245, d₂' = 14.75/53 = 0.278302,
    //   V₂ = (0.707547 − 0.022784) / 53 = 0.012920; z = (0.150943 − 0.094340) / √0.025746 = 0.35277; p = 0.724
    const six = trend({ type: 'nps', periods: [{ period: '2026-11-23', promoters: 20, passives: 15, detractors: 15 }, { period: '2026-11-30', promoters: 22, passives: 14, detractors: 14 }] }, { interval: 'week' });
    assert.equal(six.periods[1].change, 6);
    close(six.periods[1].z, 0.35277, 0.00005);
    close(six.periods[1].p, 0.7243, 0.0001);
    assert.equal(six.periods[1].significant, false);
    const four = trend({ type: 'nps', periods: [{ period: '2026-11-23', promoters: 20, passives: 15, detractors: 15 }, { period: '2026-11-30', promoters: 21, passives: 15, detractors: 14 }] }, { interval: 'week' });
    assert.equal(four.periods[1].change, 4);
    assert.equal(four.periods[1].significant, false);
    assert.ok(four.periods[1].p > six.periods[1].p);
  });

  it('a period under minN is insufficient and never significant, however large the change', () => {
    // 20 promoters then 20 detractors: z is huge, but 20 < 30.
    const t = trend({ type: 'nps', periods: [{ period: '2026-11-01', promoters: 20, passives: 0, detractors: 0 }, { period: '2026-12-01', promoters: 0, passives: 0, detractors: 20 }] }, { interval: 'month' });
    assert.equal(t.periods[1].change, -200);
    assert.ok(t.periods[1].p < 1e-6);
    assert.deepEqual([t.periods[0].insufficient, t.periods[1].insufficient, t.periods[1].significant], [true, true, false]);
    // With minN 20 the same change is significant.
    assert.equal(trend({ type: 'nps', periods: t.periods.map(({ period, promoters, passives, detractors }) => ({ period, promoters, passives, detractors })) }, { interval: 'month', minN: 20 }).periods[1].significant, true);
  });

  it('periods without answers between the first and the last are filled with n = 0', () => {
    const t = trend({ type: 'nps', periods: [{ period: '2026-12-07', promoters: 40, passives: 0, detractors: 0 }, { period: '2026-11-23', promoters: 40, passives: 0, detractors: 0 }] }, { interval: 'week' });
    assert.deepEqual(t.periods.map((p) => [p.period, p.n, p.score, p.insufficient, p.change]), [
      ['2026-11-23', 40, 100, false, null],
      ['2026-11-30', 0, null, true, null],
      ['2026-12-07', 40, 100, false, null], // no change against an empty week
    ]);
    assert.deepEqual([t.periods[1].low, t.periods[1].high, t.periods[1].promoters], [null, null, 0]);
  });

  it('responses are cut in the shop time zone: Shanghai puts Sunday 23:59 and Monday 00:01 in different weeks', () => {
    const responses = [...batch({ promoters: 1, passives: 0, detractors: 0 }, '2026-11-29T15:59:00Z'), ...batch({ promoters: 0, passives: 0, detractors: 1 }, '2026-11-29T16:01:00Z')];
    assert.deepEqual(trend(responses, { interval: 'week' }).periods.map((p) => [p.period, p.score]), [['2026-11-23', 100], ['2026-11-30', -100]]);
    assert.deepEqual(trend(responses, { interval: 'week', timeZone: 'UTC' }).periods.map((p) => [p.period, p.n]), [['2026-11-23', 2]]);
  });

  it('the array path and the statistics path are equal', () => {
    const responses = [
      ...batch({ promoters: 31, passives: 9, detractors: 12 }, '2026-11-02T03:00:00Z'),
      ...batch({ promoters: 17, passives: 4, detractors: 30 }, '2026-11-30T17:00:00Z'), // 1 December in Shanghai
      ...batch({ promoters: 3, passives: 1, detractors: 2 }, '2026-09-15T10:00:00Z'),
    ];
    const options = { interval: 'month', timeZone: 'Asia/Shanghai' };
    const stats = trendStats(responses, options);
    // What `GROUP BY date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai')::date` returns:
    assert.deepEqual(stats, {
      type: 'nps',
      periods: [
        { period: '2026-09-01', promoters: 3, passives: 1, detractors: 2 },
        { period: '2026-11-01', promoters: 31, passives: 9, detractors: 12 },
        { period: '2026-12-01', promoters: 17, passives: 4, detractors: 30 },
      ],
    });
    const fromArray = trend(responses, options);
    assert.deepEqual(trend(stats, options), fromArray);
    assert.deepEqual(fromArray.periods.map((p) => p.period), ['2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01']);
    assert.deepEqual(JSON.parse(JSON.stringify(fromArray)), fromArray);
  });
});

describe('trend: a Likert question', () => {
  it('CSAT per period, the change tested with Agresti–Caffo', () => {
    // Nov: 120 of 200 satisfied (60%); Dec: 175 of 250 (70%). Add 1 success and 1 failure to each:
    // p₁ = 121/202 = 0.599010, V₁ = 0.599010 × 0.400990 / 202 = 0.00118909
    // p₂ = 176/252 = 0.698413, V₂ = 0.698413 × 0.301587 / 252 = 0.00083584
    // z = 0.099403 / √0.00202493 = 2.2090; p = 0.0272 < 0.05
    const t = trend({ type: 'likert', periods: [{ period: '2026-11-01', n: 200, satisfied: 120 }, { period: '2026-12-01', n: 250, satisfied: 175 }] }, { interval: 'month', question: 'delivery' });
    assert.equal(t.type, 'likert');
    assert.deepEqual(t.periods.map((p) => [p.n, p.satisfied, p.score]), [[200, 120, 60], [250, 175, 70]]);
    close(t.periods[1].change, 10, 1e-9);
    close(t.periods[1].z, 2.209, 0.0005);
    close(t.periods[1].p, 0.0272, 0.0001);
    assert.equal(t.periods[1].significant, true);
  });

  it('from responses, the same as from stats', () => {
    const likert = (value, createdAt) => ({ id: `l${++seq}`, createdAt, scores: { delivery: { type: 'likert', value, points: 5, normalized: (value - 1) / 4, satisfied: value >= 4 } } });
    const responses = [likert(5, '2026-11-30T01:00:00Z'), likert(2, '2026-11-30T02:00:00Z'), likert(4, '2026-12-01T01:00:00Z')];
    const stats = trendStats(responses, { question: 'delivery', interval: 'day' });
    assert.deepEqual(stats, { type: 'likert', periods: [{ period: '2026-11-30', n: 2, satisfied: 1 }, { period: '2026-12-01', n: 1, satisfied: 1 }] });
    assert.deepEqual(trend(responses, { question: 'delivery', interval: 'day' }), trend(stats, { question: 'delivery', interval: 'day' }));
  });
});

describe('trend grouped by a context field', () => {
  it('one trend per value over the same periods, largest group first', () => {
    const responses = [
      ...batch({ promoters: 30, passives: 5, detractors: 5 }, '2026-11-24T04:00:00Z', { channel: 'app' }),
      ...batch({ promoters: 2, passives: 1, detractors: 1 }, '2026-12-08T04:00:00Z', { channel: 'web' }),
    ];
    const g = trend(responses, { interval: 'week', groupBy: 'channel' });
    assert.deepEqual(g.groups.map((x) => [x.key, x.n, x.insufficient, x.periods.map((p) => p.n)]), [
      ['app', 40, false, [40, 0, 0]],
      ['web', 4, true, [0, 0, 4]],
    ]);
    assert.deepEqual(trend(trendStats(responses, { interval: 'week', groupBy: 'context.channel' }), { interval: 'week' }), g);
  });
});

describe('trend: bad input is named', () => {
  it('refuses what a database could get wrong', () => {
    // date_trunc on a timestamptz without AT TIME ZONE gives UTC weeks; a Sunday key is caught.
    assert.throws(() => trend({ type: 'nps', periods: [{ period: '2026-11-29', promoters: 1, passives: 0, detractors: 0 }] }, { interval: 'week' }), /does not start a week .*date_trunc/);
    assert.throws(() => trend({ type: 'nps', periods: [{ period: '2026-11-02', promoters: 1, passives: 0, detractors: 0 }] }, { interval: 'month' }), /does not start a month/);
    assert.throws(() => trend({ type: 'nps', periods: [{ period: '2026/11/02', promoters: 1, passives: 0, detractors: 0 }] }, { interval: 'day' }), /must be a date 'YYYY-MM-DD'/);
    assert.throws(() => trend({ type: 'nps', periods: [{ period: '2026-11-02', promoters: 1, passives: 0, detractors: 0 }, { period: '2026-11-02', promoters: 1, passives: 0, detractors: 0 }] }, { interval: 'day' }), /appears twice/);
    assert.throws(() => trend({ type: 'nps', periods: [{ period: '2026-11-02', promoters: -1, passives: 0, detractors: 0 }] }, { interval: 'day' }), /promoters must be a non-negative integer/);
    assert.throws(() => trend([], { interval: 'quarter' }), /interval must be 'day', 'week' or 'month'/);
    assert.throws(() => trend([], {}), /interval must be/);
    assert.throws(() => trend([{ id: 'x', scores: { nps: { type: 'nps', value: 9, category: 'promoter' } } }], { interval: 'day' }), /response x has no readable createdAt/);
    assert.throws(() => trend([], { interval: 'day', level: 0 }), /level must be a number between 0 and 1/);
  });
});
