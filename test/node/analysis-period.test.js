// The local day of an instant, as trend() cuts periods: the offsets cached per UTC day and per UTC hour
// (exact in the hour of a change), and createdAt read by hand in its stored form; against hand-worked
// values and against Intl.DateTimeFormat and Date.parse.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { periodKey, trend } from '../../dist/analysis.js';

let seq = 0;
const at = (createdAt) => ({ id: `p${++seq}`, createdAt, scores: { nps: { type: 'nps', value: 10, category: 'promoter' } } });
/** n per period of a day trend, for the periods that have answers. */
const perDay = (createdAts, timeZone) =>
  Object.fromEntries(trend(createdAts.map(at), { interval: 'day', timeZone, minN: 0 }).periods.filter((p) => p.n > 0).map((p) => [p.period, p.n]));
/** The local date in a zone by Intl itself: the oracle. */
const intlDay = (t, timeZone) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);

describe('local days across a daylight-saving change', () => {
  it('America/New_York, 8 March 2026: the UTC day of the change, in time order', () => {
    // EST (−5) until 07:00Z, EDT (−4) after. Local midnight of the 8th is 05:00Z (EST), of the 9th 04:00Z (EDT).
    // 04:59:59Z = 7th 23:59:59; 05:00Z = 8th 00:00; 06:59:59Z = 01:59:59 EST; 07:00Z = 03:00 EDT;
    // 9th 03:59:59Z = 8th 23:59:59 EDT; 9th 04:00Z = 9th 00:00. So 7th: 1, 8th: 4, 9th: 1.
    const times = ['2026-03-08T04:59:59Z', '2026-03-08T05:00:00Z', '2026-03-08T06:59:59Z', '2026-03-08T07:00:00Z', '2026-03-09T03:59:59Z', '2026-03-09T04:00:00Z'];
    assert.deepEqual(perDay(times, 'America/New_York'), { '2026-03-07': 1, '2026-03-08': 4, '2026-03-09': 1 });
    // The same instants shuffled: the day kept at hand from the previous response must not leak.
    assert.deepEqual(perDay([times[5], times[0], times[3], times[1], times[4], times[2]], 'America/New_York'), { '2026-03-07': 1, '2026-03-08': 4, '2026-03-09': 1 });
  });

  it('America/New_York, 1 November 2026: the hour lived twice', () => {
    // EDT (−4) until 06:00Z, EST (−5) after. Local midnight of the 1st is 04:00Z (EDT), of the 2nd 05:00Z (EST).
    // 03:59:59Z = Oct 31st 23:59:59; 04:00Z = 1st 00:00; 05:30Z = 01:30 EDT; 06:30Z = 01:30 EST;
    // 2nd 04:59:59Z = 1st 23:59:59 EST; 2nd 05:00Z = 2nd 00:00. So 31st: 1, 1st: 4, 2nd: 1.
    const times = ['2026-11-01T03:59:59Z', '2026-11-01T04:00:00Z', '2026-11-01T05:30:00Z', '2026-11-01T06:30:00Z', '2026-11-02T04:59:59Z', '2026-11-02T05:00:00Z'];
    assert.deepEqual(perDay(times, 'America/New_York'), { '2026-10-31': 1, '2026-11-01': 4, '2026-11-02': 1 });
  });

  it('a change within a UTC hour, next to local midnight, is exact to the second (America/St_Johns, 2010)', () => {
    // Newfoundland switched at 00:01 local until 2011, at half past a UTC hour. 14 March 2010: NST (−3:30)
    // until 03:31Z, then NDT (−2:30). 03:29:59Z = 13th 23:59:59 NST; 03:30:00Z = 14th 00:00 NST;
    // 03:31Z = 14th 01:01 NDT. The UTC hour 03Z holds the change, so each instant in it is computed
    // exactly: the offset at either end of the hour would put 03:00-03:29Z (or none of it) on the 14th.
    assert.deepEqual(perDay(['2010-03-14T03:00:00Z', '2010-03-14T03:29:59Z', '2010-03-14T03:30:00Z', '2010-03-14T03:31:00Z', '2010-03-14T03:59:59Z'], 'America/St_Johns'), {
      '2010-03-13': 2,
      '2010-03-14': 3,
    });
    // 7 November 2010: NDT until 02:31Z, when 00:01 NDT became 23:01 NST on the 6th. 02:30:00Z = 7th 00:00 NDT;
    // 02:30:59Z = 7th 00:00:59; 02:31Z = 6th 23:01 NST; 03:29:59Z = 6th 23:59:59; 03:30Z = 7th 00:00 NST.
    // The date goes 6th → 7th → 6th → 7th: 6th: 1 + 2 = 3, 7th: 2 + 1 = 3.
    const fall = ['2010-11-07T02:29:59Z', '2010-11-07T02:30:00Z', '2010-11-07T02:30:59Z', '2010-11-07T02:31:00Z', '2010-11-07T03:29:59Z', '2010-11-07T03:30:00Z'];
    assert.deepEqual(perDay(fall, 'America/St_Johns'), { '2010-11-06': 3, '2010-11-07': 3 });
    assert.deepEqual(fall.map((t) => periodKey(t, 'day', 'America/St_Johns')), ['2010-11-06', '2010-11-07', '2010-11-07', '2010-11-06', '2010-11-06', '2010-11-07']);
  });

  it('every minute of the days of a change agrees with Intl.DateTimeFormat', () => {
    const days = [
      ['America/New_York', '2026-03-08'], ['America/New_York', '2026-11-01'], ['America/St_Johns', '2010-03-14'], ['America/St_Johns', '2010-11-07'],
      ['Australia/Lord_Howe', '2026-10-03'], ['Europe/London', '2026-03-29'], ['America/Santiago', '2026-04-05'],
    ];
    for (const [tz, day] of days) {
      const start = Date.parse(`${day}T00:00:00Z`) - 86_400_000;
      const times = [];
      // Three UTC days around it, each minute and the millisecond before it.
      for (let t = start; t < start + 3 * 86_400_000; t += 60_000) times.push(t - 1, t);
      const want = {};
      for (const t of times) want[intlDay(t, tz)] = (want[intlDay(t, tz)] ?? 0) + 1;
      assert.deepEqual(perDay(times.map((t) => new Date(t).toISOString()), tz), want, `${tz} ${day}`);
      for (let i = 0; i < times.length; i += 97) assert.equal(periodKey(times[i], 'day', tz), intlDay(times[i], tz), `${tz} ${new Date(times[i]).toISOString()}`);
    }
  });
});

describe('local days in Asia/Shanghai (UTC+8, no DST) across midnight', () => {
  it('16:00Z starts the next day, in time order and out of it', () => {
    // 15:59:59.999Z is 23:59:59.999 in Shanghai, 16:00:00.000Z is 00:00 the next day. In time order:
    // 29th 15:59:59.999Z → 29th; 29th 16:00Z → 30th (a Monday); 30th 15:59:59.999Z → 30th; 30th 16:00Z → 1 Dec.
    const times = ['2026-11-29T15:59:59.999Z', '2026-11-29T16:00:00.000Z', '2026-11-30T15:59:59.999Z', '2026-11-30T16:00:00.000Z', '2026-11-30T23:59:59Z'];
    assert.deepEqual(perDay(times, 'Asia/Shanghai'), { '2026-11-29': 1, '2026-11-30': 2, '2026-12-01': 2 });
    assert.deepEqual(perDay([...times].reverse(), 'Asia/Shanghai'), { '2026-11-29': 1, '2026-11-30': 2, '2026-12-01': 2 });
    // By week: the 29th (a Sunday) is in the week of Monday 23rd, the rest in the week of the 30th.
    const weeks = trend(times.map(at), { interval: 'week', minN: 0 }).periods.map((p) => [p.period, p.n]);
    assert.deepEqual(weeks, [['2026-11-23', 1], ['2026-11-30', 4]]);
  });
});

describe('createdAt read by hand in its stored form, Date.parse otherwise', () => {
  it('the stored forms give the instant Date.parse gives, to the millisecond, across 800 years', () => {
    // Instants one millisecond either side of local midnights: a reading off by a millisecond changes the day.
    // Shanghai's midnight is 16:00Z; Kathmandu's (+5:45) 18:15Z. UTC: 00:00Z.
    let x = 7;
    for (const tz of ['UTC', 'Asia/Shanghai', 'Asia/Kathmandu']) {
      const midnight = { UTC: 0, 'Asia/Shanghai': 16 * 3600_000, 'Asia/Kathmandu': 18.25 * 3600_000 }[tz];
      for (let i = 0; i < 300; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const day = Math.floor((x / 2147483648) * 292_000) - 135_000; // 1600 .. 2400
        for (const t of [day * 86_400_000 + midnight - 1, day * 86_400_000 + midnight]) {
          const iso = new Date(t).toISOString();
          assert.equal(periodKey(iso, 'day', tz), periodKey(t, 'day', tz), iso);
          if (t % 1000 === 0) assert.equal(periodKey(iso.replace('.000Z', 'Z'), 'day', tz), periodKey(t, 'day', tz), iso);
        }
      }
    }
  });

  it('leap days, and what is not the stored form, read as Date.parse reads them', () => {
    // In UTC the day key is the date itself. 29 February exists in 2024 and 2000, not in 2025 or 1900
    // (Date.parse reads those as 1 March, and 24:00 as the next day's midnight in V8: the same here).
    const cases = [
      '2024-02-29T23:59:59.999Z', '2000-02-29T12:00:00Z', '2025-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2024-02-29T24:00:00Z',
      '2026-11-23T18:00:00+08:00', '2026-11-23T10:00:00.5Z', '2026-11-23', '0099-06-15T10:00:00Z', '+002026-11-23T10:00:00Z',
    ];
    for (const s of cases) {
      const t = Date.parse(s);
      if (Number.isNaN(t)) assert.throws(() => periodKey(s, 'day', 'UTC'), /date must be a Date, an ISO 8601 string/, s);
      else assert.equal(periodKey(s, 'day', 'UTC'), periodKey(t, 'day', 'UTC'), s);
    }
    assert.equal(periodKey('2024-02-29T23:59:59.999Z', 'day', 'UTC'), '2024-02-29');
    assert.equal(periodKey('2026-11-23T18:00:00+08:00', 'day', 'UTC'), '2026-11-23'); // 10:00Z
    // Not a date at all, in the stored form's shape: refused by name, as Date.parse gives NaN.
    for (const s of ['2026-13-01T00:00:00.000Z', '2026-1a-01T00:00:00.000Z', '2026-01-01T00:60:00Z', '2026-01-01T00:00:60Z']) {
      assert.ok(Number.isNaN(Date.parse(s)), s);
      assert.throws(() => periodKey(s, 'day'), /date must be a Date, an ISO 8601 string/, s);
    }
  });
});
