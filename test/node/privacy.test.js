// koubei/privacy, the built module in plain Node: what the collector runs over every open-text answer before the
// write, and what a shop may run in koubei-submit. The numbers are made here, with check digits computed by an
// implementation written apart from the library's (explicit weight tables, lookup tables).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTION_KINDS, redact } from '../../dist/privacy.js';

// ---- independent check digits ---------------------------------------------------------------------------------

/** GB 11643-1999: weights 2^(17-i) mod 11 written out, check = (12 - Σ mod 11) mod 11, 10 → X. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

/** Luhn with a doubling table: the digit next to the check digit is doubled, then every second one. */
const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
function luhnCheck(partial) {
  let sum = 0;
  const rev = [...partial].reverse();
  rev.forEach((d, i) => (sum += i % 2 === 0 ? DOUBLED[Number(d)] : Number(d)));
  return String((10 - (sum % 10)) % 10);
}
const luhnOk = (digits) => luhnCheck(digits.slice(0, -1)) === digits.at(-1);

/** Taiwan ID: the letter's two-digit code (table of the Ministry of the Interior), weights 1 9 8 7 6 5 4 3 2 1 1. */
const TW_CODE = {
  A: 10, B: 11, C: 12, D: 13, E: 14, F: 15, G: 16, H: 17, I: 34, J: 18, K: 19, L: 20, M: 21,
  N: 22, O: 35, P: 23, Q: 24, R: 25, S: 26, T: 27, U: 28, V: 29, W: 32, X: 30, Y: 31, Z: 33,
};
const TW_WEIGHTS = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1];
/** letter + 8 chars (second char a digit, or A-D for an old resident certificate, counted by its code's last digit) → check digit. */
function twCheck(letter, rest8) {
  const second = /[A-D]/.test(rest8[0]) ? String(TW_CODE[rest8[0]] % 10) : rest8[0];
  const digits = String(TW_CODE[letter]) + second + rest8.slice(1);
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * TW_WEIGHTS[i];
  return String((10 - (sum % 10)) % 10);
}

// ---- seeded randomness (mulberry32) -------------------------------------------------------------------------------

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const digitsOf = (r, n) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pick = (r, list) => list[Math.floor(r() * list.length)];

/** Region codes (GB/T 2260) that start with no card prefix of the same length, so a wrong check digit leaves nothing. */
const REGIONS = ['110105', '310104', '440305', '510107', '330106', '420106', '320102', '210102', '500103', '130102'];
function residentId(r, { year } = {}) {
  const y = year ?? 1940 + Math.floor(r() * 80);
  const date = new Date(Date.UTC(y, 0, 1) + Math.floor(r() * 365) * 86400000); // a real calendar day of that year
  const ymd = `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
  const first17 = pick(r, REGIONS) + ymd + digitsOf(r, 3);
  return first17 + idCheck(first17);
}
/** The same 17 digits with another check character. */
function wrongCheck(id, r) {
  const others = '0123456789X'.split('').filter((c) => c !== id[17]);
  return id.slice(0, 17) + pick(r, others);
}
function taiwanId(r) {
  const letter = pick(r, Object.keys(TW_CODE));
  const rest8 = pick(r, ['1', '2', '8', '9']) + digitsOf(r, 7);
  return letter + rest8 + twCheck(letter, rest8);
}
function card(r, prefix, length) {
  const partial = prefix + digitsOf(r, length - prefix.length - 1);
  return partial + luhnCheck(partial);
}
const fullWidth = (s) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const zh = (text) => redact(text, { locale: 'zh-CN' });
const tw = (text) => redact(text, { locale: 'zh-TW' });
const en = (text) => redact(text, { locale: 'en' });

// Sanity of the test's own tables against published examples (so the tests below check the library, not a typo here).
describe('the test check digits agree with published examples', () => {
  it('GB 11643 example 11010519491231002X, Luhn example 79927398713, Taiwan example A123456789', () => {
    assert.equal(idCheck('11010519491231002'), 'X');
    assert.equal(luhnCheck('7992739871'), '3');
    assert.equal(twCheck('A', '12345678'), '9');
  });
});

describe('the module', () => {
  it('runs in Node without a DOM and lists its kinds', () => {
    assert.equal(typeof globalThis.document, 'undefined');
    assert.deepEqual([...REDACTION_KINDS], ['phone', 'idNumber', 'bankCard', 'email', 'address']);
    assert.ok(Object.isFrozen(REDACTION_KINDS));
  });

  it('throws a TypeError naming text for a non-string, never for a string', () => {
    for (const bad of [undefined, null, 42, {}, ['138'], Symbol('x')]) {
      assert.throws(() => redact(bad), (e) => e instanceof TypeError && e.message === 'redact: text must be a string');
    }
    assert.throws(() => redact('x', 'zh-CN'), (e) => e instanceof TypeError && /options must be an object/.test(e.message));
    assert.throws(() => redact('x', { locale: 7 }), (e) => e instanceof TypeError && /options\.locale must be a string/.test(e.message));
    // A missing locale (null from a database column) is the default, not an error.
    assert.deepEqual(redact('13812345678', { locale: null }), { text: '[phone]', redactions: { phone: 1 } });
  });

  it('returns the text itself and {} when there is nothing to redact', () => {
    const text = '东西很好，物流很快，下次还来！Great quality.';
    const out = zh(text);
    assert.equal(out.text, text);
    assert.deepEqual(out.redactions, {});
    assert.deepEqual(zh(''), { text: '', redactions: {} });
  });
});

describe('resident ID numbers (GB 11643, checksum computed here)', () => {
  const r = rng(11643);
  const ids = Array.from({ length: 200 }, () => residentId(r));

  it('200 valid IDs are redacted, alone and inside a sentence', () => {
    for (const id of ids) {
      assert.deepEqual(zh(id), { text: '［身份证号］', redactions: { idNumber: 1 } }, id);
      assert.deepEqual(zh(`我的身份证${id}，请保密`), { text: '我的身份证［身份证号］，请保密', redactions: { idNumber: 1 } }, id);
    }
  });

  it('the same 200 with a wrong check digit are left alone (maybe an order number)', () => {
    for (const id of ids) {
      const bad = wrongCheck(id, r);
      assert.deepEqual(zh(`编号${bad}`), { text: `编号${bad}`, redactions: {} }, bad);
    }
  });

  it('X or x as the check character; 6-8-4 grouping', () => {
    let withX;
    const rx = rng(7);
    do withX = residentId(rx);
    while (!withX.endsWith('X'));
    assert.deepEqual(zh(withX), { text: '［身份证号］', redactions: { idNumber: 1 } });
    assert.deepEqual(zh(withX.slice(0, 17) + 'x'), { text: '［身份证号］', redactions: { idNumber: 1 } });
    const id = ids[0];
    const grouped = `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
    assert.deepEqual(zh(`身份证：${grouped}`), { text: '身份证：［身份证号］', redactions: { idNumber: 1 } });
  });

  it('a valid check digit but no real date, no province, or a year before 1900 or after this one is not an ID', () => {
    const thisYear = new Date().getFullYear();
    const with17 = (f) => f + idCheck(f);
    const cases = [
      with17('11010519900230123'), // 30 February
      with17('11010519901301123'), // month 13
      with17('11010518991231123'), // 1899
      with17(`110105${thisYear + 1}0101123`), // next year
      with17('99010519900307123'), // no province 99
      with17('00010519900307123'), // no province 00
    ];
    for (const c of cases) assert.deepEqual(zh(c), { text: c, redactions: {} }, c);
    // 29 February of a leap year is a date: 2000 is a leap year (divisible by 400).
    const leap = with17('11010520000229123');
    assert.deepEqual(zh(leap), { text: '［身份证号］', redactions: { idNumber: 1 } });
    assert.deepEqual(zh(with17('11010519000229123')).redactions, {}); // 1900 is not (divisible by 100, not 400)
  });

  it('never the 18 digits inside a longer run', () => {
    const id = ids[1];
    assert.deepEqual(zh(`1${id}`).redactions, {});
    assert.deepEqual(zh(`${id}5`).redactions, {});
  });
});

describe('Taiwan IDs (checksum computed here)', () => {
  const r = rng(886);
  const ids = Array.from({ length: 200 }, () => taiwanId(r));

  it('200 valid IDs are redacted with the traditional marker', () => {
    for (const id of ids) {
      assert.deepEqual(tw(`身分證${id}謝謝`), { text: '身分證［身分證字號］謝謝', redactions: { idNumber: 1 } }, id);
    }
  });

  it('the same with a wrong check digit are left alone', () => {
    for (const id of ids) {
      const bad = id.slice(0, 9) + String((Number(id[9]) + 1 + Math.floor(r() * 9)) % 10);
      assert.deepEqual(tw(bad), { text: bad, redactions: {} }, bad);
    }
  });

  it('an old resident certificate (second character A-D), lower case, full width; not inside a longer code', () => {
    const arc = 'A' + 'C' + '1234567';
    const old = arc + twCheck('A', arc.slice(1));
    assert.deepEqual(tw(old).redactions, { idNumber: 1 });
    assert.deepEqual(tw(ids[0].toLowerCase()).redactions, { idNumber: 1 });
    assert.deepEqual(tw(fullWidth(ids[0])), { text: '［身分證字號］', redactions: { idNumber: 1 } });
    assert.deepEqual(tw(`X${ids[0]}`).redactions, {});
    assert.deepEqual(tw(`${ids[0]}0`).redactions, {});
    // A second character other than 1, 2, 8, 9, A-D is no ID whatever the checksum: 3 + the check that would fit.
    const three = 'A3' + '1234567';
    assert.deepEqual(tw(three + twCheck('A', three.slice(1))).redactions, {});
  });
});

describe('bank card numbers (Luhn computed here)', () => {
  const r = rng(7812);
  const known = [
    ['62', 16], ['62', 19], ['4', 16], ['4', 13], ['51', 16], ['55', 16], ['2221', 16], ['2720', 16],
    ['34', 15], ['37', 15], ['3530', 16], ['6011', 16], ['65', 16], ['36', 14],
  ];

  it('Luhn-valid numbers with a known prefix are redacted, as a run, in fours, with dashes, Amex 4-6-5', () => {
    for (const [prefix, len] of known) {
      for (let k = 0; k < 10; k++) {
        const c = card(r, prefix, len);
        assert.deepEqual(zh(`付款用的${c}`), { text: '付款用的［银行卡号］', redactions: { bankCard: 1 } }, c);
        const fours = c.replace(/(\d{4})(?=\d)/g, '$1 ');
        assert.deepEqual(zh(fours), { text: '［银行卡号］', redactions: { bankCard: 1 } }, fours);
        assert.deepEqual(zh(c.replace(/(\d{4})(?=\d)/g, '$1-')).redactions, { bankCard: 1 });
      }
    }
    const amex = card(r, '37', 15);
    assert.deepEqual(en(`${amex.slice(0, 4)} ${amex.slice(4, 10)} ${amex.slice(10)}`), { text: '[card number]', redactions: { bankCard: 1 } });
  });

  it('a Luhn-valid number glued to letters before it is a tracking code, not a card', () => {
    for (let k = 0; k < 20; k++) {
      const c = card(r, '4', 13);
      assert.deepEqual(zh(`顺丰SF${c}`), { text: `顺丰SF${c}`, redactions: {} }, c);
      assert.deepEqual(zh(`顺丰 ${c}`).redactions, { bankCard: 1 }, c); // the same number on its own is a Visa number
    }
  });

  it('a wrong Luhn digit is never a card, even after 银行卡', () => {
    for (const [prefix, len] of known) {
      const c = card(r, prefix, len);
      const bad = c.slice(0, -1) + String((Number(c.at(-1)) + 1) % 10);
      assert.equal(luhnOk(bad), false);
      assert.deepEqual(zh(`银行卡${bad}`), { text: `银行卡${bad}`, redactions: {} }, bad);
    }
  });

  it('Luhn-valid without a known prefix: a card only with 卡 / 银行 / 銀行 / card / bank within 12 characters before', () => {
    for (let k = 0; k < 50; k++) {
      const c = card(r, pick(r, ['1', '7', '99']), 13 + Math.floor(r() * 7)); // no network starts so (8 could make 86 + a mobile)
      assert.deepEqual(zh(`编号${c}`).redactions, {}, c);
      assert.deepEqual(zh(`卡号：${c}`).redactions, { bankCard: 1 }, c);
      assert.deepEqual(zh(`工商银行 ${c}`).redactions, { bankCard: 1 }, c);
      assert.deepEqual(tw(`銀行帳戶${c}`).redactions, { bankCard: 1 }, c);
      assert.deepEqual(en(`my bank card is ${c}`).redactions, { bankCard: 1 }, c);
      // 卡 then 11 other characters: 12 before the number, reached; 12 others: 13 before, too far.
      assert.deepEqual(zh(`卡${'好'.repeat(11)}${c}`).redactions, { bankCard: 1 }, c);
      assert.deepEqual(zh(`卡${'好'.repeat(12)}${c}`).redactions, {}, c);
    }
  });
});

describe('phone numbers', () => {
  const mobiles = [
    '13812345678', '138 1234 5678', '138-1234-5678', '138 12345678', '+86 138 1234 5678', '+86-138-1234-5678',
    '+8613812345678', '0086 138 1234 5678', '008613812345678', '86 13812345678', '8613812345678', '19912345678',
  ];
  for (const m of mobiles) {
    it(`mainland mobile ${m}`, () => {
      assert.deepEqual(zh(`我的手机是${m}，谢谢`), { text: '我的手机是［手机号］，谢谢', redactions: { phone: 1 } });
    });
  }

  it('dots separate a phone number only in its usual groups', () => {
    assert.deepEqual(zh('手机138.1234.5678。'), { text: '手机［手机号］。', redactions: { phone: 1 } });
    assert.deepEqual(en('call 415.555.2671.'), { text: 'call [phone].', redactions: { phone: 1 } });
    for (const s of ['版本 10.2.13.4567', '电话 192.168.100.200', '价格 1.299.000', '13.812345678', '1381.234.5678']) {
      assert.deepEqual(zh(s), { text: s, redactions: {} }, s);
    }
  });

  it('not a mobile: a second digit 0-2, 10 or 12 digits, inside a longer digit run', () => {
    for (const s of ['12812345678', '10012345678', '1381234567', '138123456789', '213812345678', '1381234 5678']) {
      assert.deepEqual(zh(`数字${s}`), { text: `数字${s}`, redactions: {} }, s);
    }
  });

  it('landlines with a separated area code are phone numbers (decided: they identify a home or a small shop)', () => {
    for (const s of ['010-12345678', '0755-1234567', '(010)12345678', '(0755) 2345 6789', '021 62345678', '010-12345678-801', '02-2345-6789']) {
      assert.deepEqual(zh(`座机${s}`), { text: '座机［手机号］', redactions: { phone: 1 } }, s);
    }
    // Glued, 01012345678 is as likely an order number: only after a phone word.
    assert.deepEqual(zh('编号01012345678').redactions, {});
    assert.deepEqual(zh('电话01012345678').redactions, { phone: 1 });
    assert.deepEqual(zh('电话：12345678'), { text: '电话：［手机号］', redactions: { phone: 1 } });
    assert.deepEqual(en('my telephone number is 2345678'), { text: 'my telephone number is [phone]', redactions: { phone: 1 } });
    // The word must lie within the 16 characters before the number: "phone" (5) + 11 dots = 16 does, + 12 dots does not.
    assert.deepEqual(en(`phone${'.'.repeat(11)}2345678`).redactions, { phone: 1 });
    assert.deepEqual(en(`phone${'.'.repeat(12)}2345678`).redactions, {});
    assert.deepEqual(zh('商品编号12345678').redactions, {});
  });

  it('Taiwan mobiles', () => {
    for (const s of ['0912345678', '0912-345-678', '0912 345678', '+886 912 345 678', '+886912345678', '+886-912-345-678']) {
      assert.deepEqual(tw(`手機${s}`), { text: '手機［手機號碼］', redactions: { phone: 1 } }, s);
    }
    assert.deepEqual(tw('0812345678').redactions, {}); // 08: not a mobile prefix
  });

  it('English: North American and international numbers', () => {
    for (const s of ['415-555-2671', '(415) 555-2671', '+1 415 555 2671', '1-800-555-0199', '+44 20 7946 0958']) {
      assert.deepEqual(en(`call me at ${s} please`), { text: 'call me at [phone] please', redactions: { phone: 1 } }, s);
    }
  });

  it('dates, prices, quantities and product codes are not phones', () => {
    const reviews = [
      '2026-12-01 到货', '花了1299元', '买了3件，共12345件库存', '12:30:45', '1 2 3 4 5 6 7 8 9', '11月11号下单，13号收到',
      '放在丰巢快递柜，取件码123456', '客服工号10086态度很好', '屏幕6.5寸，内存128G，电池5000毫安', '价格从1299降到999',
      '型号SM-G9980，序列号R5CT1234567', '2026年12月1日 14:30 收到', '尺码42码，穿着刚好', '用了30天，电池还剩80%',
    ];
    for (const s of reviews) {
      assert.deepEqual(zh(s), { text: s, redactions: {} }, s);
    }
  });
});

describe('order and tracking numbers', () => {
  const PREFIXES = ['订单号', '订单号：', '订单号:', '订单号 ', '单号#', '运单号 ', '快递单号：', '訂單號：', '订单编号', '订单', 'order no. ', 'Order #', 'order number: ', 'tracking number '];
  const r = rng(20261201);
  const orders = Array.from({ length: 1000 }, () => String(1 + Math.floor(r() * 9)) + digitsOf(r, 9 + Math.floor(r() * 11)));

  it('1,000 seeded random order numbers of 10-20 digits after an order word: nothing redacted', () => {
    for (const o of orders) {
      const text = `你好，${pick(r, PREFIXES)}${o}，还没发货`;
      assert.deepEqual(zh(text), { text, redactions: {} }, text);
    }
  });

  it('after an order word, even a number shaped like a phone, a card or an ID is an order number', () => {
    const lookalikes = ['13812345678', card(r, '62', 19), card(r, '4', 16), residentId(r), taiwanId(r), '138 1234 5678', '6222 0212 3456 7890'];
    for (const o of lookalikes) {
      for (const p of PREFIXES) {
        const text = `${p}${o}`;
        assert.deepEqual(zh(text), { text, redactions: {} }, text);
      }
    }
    // Only the number right after the word: a phone later in the sentence is still one.
    assert.deepEqual(zh('订单号：20261201123456，电话13812345678'), { text: '订单号：20261201123456，电话［手机号］', redactions: { phone: 1 } });
    assert.deepEqual(zh('订单号123456 13812345678').redactions, { phone: 1 });
    // An email is an email after any word.
    assert.deepEqual(zh('订单号abc@qq.com').redactions, { email: 1 });
  });

  // Without an order word, a random number is redacted exactly when it satisfies a rule: the oracle below, written
  // from the requirement (not from the library): mobile 1[3-9] + 9 digits, 86 + mobile, a Luhn number with a
  // network's prefix and length, an 18-digit ID with a real province, date and check digit.
  const PROVINCES = '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(' ');
  function oracleId(s) {
    if (s.length !== 18 || !PROVINCES.includes(s[0] === '9' ? s.slice(1, 3) : s.slice(0, 2))) return false;
    const [y, m, d] = [+s.slice(6, 10), +s.slice(10, 12), +s.slice(12, 14)];
    const date = new Date(Date.UTC(y, m - 1, d));
    const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    return real && y >= 1900 && y <= new Date().getFullYear() && idCheck(s.slice(0, 17)) === s[17];
  }
  function oracleCard(s) {
    if (s.length < 13 || s.length > 19 || !luhnOk(s)) return false;
    const p = (k) => Number(s.slice(0, k));
    const L = s.length;
    return (
      ((p(2) === 62 || p(2) === 60) && L >= 16) ||
      (s[0] === '4' && [13, 16, 19].includes(L)) ||
      (((p(2) >= 51 && p(2) <= 55) || (p(4) >= 2221 && p(4) <= 2720)) && L === 16) ||
      ((p(2) === 34 || p(2) === 37) && L === 15) ||
      (p(4) >= 3528 && p(4) <= 3589 && L >= 16) ||
      ((p(4) === 6011 || (p(3) >= 644 && p(3) <= 649) || p(2) === 65) && L >= 16) ||
      (((p(3) >= 300 && p(3) <= 305) || p(2) === 36 || p(2) === 38 || p(2) === 39) && L >= 14)
    );
  }
  const oraclePhone = (s) => /^1[3-9]\d{9}$/.test(s) || /^861[3-9]\d{9}$/.test(s);

  it('1,000 seeded random order numbers without an order word: redacted only where a rule holds exactly', () => {
    let flagged = 0;
    for (const o of orders) {
      const kind = oracleId(o) ? 'idNumber' : oracleCard(o) ? 'bankCard' : oraclePhone(o) ? 'phone' : null;
      const out = zh(`我的${o}包裹`);
      if (kind) flagged++;
      assert.deepEqual(out.redactions, kind ? { [kind]: 1 } : {}, o);
    }
    // Most are nothing; some are phone- or card-shaped by chance (11-digit numbers starting 13-19, Luhn-valid with a
    // prefix): far fewer than a tenth (11 with this seed), and some, so both sides of the oracle are exercised.
    assert.ok(flagged > 0 && flagged < 100, `${flagged} of 1000 flagged`);
  });
});

describe('emails', () => {
  const cases = [
    ['联系我abc.d@qq.com谢谢', '联系我［邮箱］谢谢'],
    ['邮箱：zhang_san+shop@mail.example.com.cn，', '邮箱：［邮箱］，'],
    ['发到 13812345678@163.com 就行', '发到 ［邮箱］ 就行'],
    ['Mail JOHN.SMITH@EXAMPLE.CO.UK.', 'Mail ［邮箱］.'],
    ['ａｂｃ＠ｑｑ．ｃｏｍ', '［邮箱］'],
    ['abc@qq。com', '［邮箱］'],
    ['a@b.cn和c@d.com', '［邮箱］和［邮箱］'],
  ];
  for (const [input, output] of cases) {
    it(JSON.stringify(input), () => {
      const count = (output.match(/［邮箱］/g) ?? []).length;
      assert.deepEqual(zh(input), { text: output, redactions: { email: count } });
    });
  }
  it('not emails: a lone @, no domain, no top-level domain, a handle', () => {
    for (const s of ['@', 'abc@', '@qq.com', 'abc@qq', '@店小二 你好', 'a @ b . com']) assert.deepEqual(zh(s), { text: s, redactions: {} }, s);
  });
});

describe('addresses', () => {
  const cases = [
    ['广东省深圳市南山区科技园路88号3栋1201室', '广东省深圳市南山区［地址］'],
    ['收货地址：北京市朝阳区建国路88号SOHO现代城A座1201', '收货地址：北京市朝阳区［地址］'],
    ['上海市浦东新区张江镇祖冲之路2288弄5号楼302室，放门口', '上海市浦东新区［地址］，放门口'],
    ['我住在杭州市西湖区文三路 100 号', '我住在杭州市西湖区［地址］'],
    ['寄到文三路100号', '寄到［地址］'],
    ['深圳市南山区阳光花园3栋1201', '深圳市南山区［地址］'],
    ['我住阳光小区3号楼2单元501', '我住［地址］'],
    ['广东省深圳市南山区科技园路８８号３栋１２０１室', '广东省深圳市南山区［地址］'],
  ];
  for (const [input, output] of cases) {
    it(JSON.stringify(input), () => assert.deepEqual(zh(input), { text: output, redactions: { address: 1 } }));
  }
  it('Taiwan: 台北市大安區忠孝東路四段123巷45弄6號7樓', () => {
    assert.deepEqual(tw('寄到台北市大安區忠孝東路四段123巷45弄6號7樓'), { text: '寄到台北市大安區［地址］', redactions: { address: 1 } });
  });
  it('ordinary sentences are not addresses', () => {
    const sentences = [
      '快递到了小区门口', '12月3号到货', '放在小区3号楼门口', '我知道3号会到', '深圳市地铁3号线很方便', '在超市买的', '我在3楼', '一路顺风',
      '逛街2小时', '快递放在3号柜', '3楼的邻居帮我收的', '在5号门等了半小时', '北京路上堵车了3个小时', '1号店买的', '第2次购买了，5星好评',
    ];
    for (const s of sentences) {
      assert.deepEqual(zh(s), { text: s, redactions: {} }, s);
    }
  });
  it('English: house number and street, with a unit', () => {
    assert.deepEqual(en('Ship to 123 Main Street, Apt 4B, Springfield.'), { text: 'Ship to [address], Springfield.', redactions: { address: 1 } });
    assert.deepEqual(en('I live at 42 N. Baker St.'), { text: 'I live at [address].', redactions: { address: 1 } });
    assert.deepEqual(en('10 Downing Street is famous').redactions, { address: 1 });
    const sentences = [
      'waited 2 hours on the road', 'drove 30 miles down the road', '5 stars, no way', 'I gave it 4 stars on Main Street',
      'The product arrived in 3 days, 5 stars', 'It took 10 minutes to set up, great way to start', 'Model 3 Highway Edition is nice',
      'I live 5 miles from the store',
    ];
    for (const s of sentences) {
      assert.deepEqual(en(s), { text: s, redactions: {} }, s);
    }
  });
});

describe('full-width input', () => {
  it('full-width digits and symbols are matched; the rest of the text keeps its full-width characters', () => {
    assert.deepEqual(zh('手机１３８１２３４５６７８'), { text: '手机［手机号］', redactions: { phone: 1 } });
    assert.deepEqual(zh('买了２件，手机１３８－１２３４－５６７８，谢谢！'), { text: '买了２件，手机［手机号］，谢谢！', redactions: { phone: 1 } });
    // U+3000 ideographic space between the groups, full-width plus.
    assert.deepEqual(zh('＋８６\u3000１３８\u3000１２３４\u3000５６７８'), { text: '［手机号］', redactions: { phone: 1 } });
    const id = residentId(rng(3));
    assert.deepEqual(zh(`身份证：${fullWidth(id)}（ＶＩＰ）`), { text: '身份证：［身份证号］（ＶＩＰ）', redactions: { idNumber: 1 } });
    const c = card(rng(4), '62', 19);
    assert.deepEqual(zh(`银行卡${fullWidth(c)}`), { text: '银行卡［银行卡号］', redactions: { bankCard: 1 } });
    assert.deepEqual(zh(`订单号：${fullWidth('13812345678')}`).redactions, {});
  });
});

describe('markers follow the locale', () => {
  const id = residentId(rng(5));
  const c = card(rng(6), '62', 16);
  const text = `手机13812345678 身份证${id} 卡${c} 邮箱a@b.com 地址深圳市南山区科技园路88号`;
  const all = { phone: 1, idNumber: 1, bankCard: 1, email: 1, address: 1 };
  const simplified = '手机［手机号］ 身份证［身份证号］ 卡［银行卡号］ 邮箱［邮箱］ 地址深圳市南山区［地址］';
  const traditional = '手机［手機號碼］ 身份证［身分證字號］ 卡［銀行卡號］ 邮箱［電子郵件］ 地址深圳市南山区［地址］';
  const english = '手机[phone] 身份证[id number] 卡[card number] 邮箱[email] 地址深圳市南山区[address]';
  const table = [
    ['zh-CN', simplified], ['zh', simplified], ['zh-Hans', simplified], ['zh-SG', simplified], ['zh-Hans-HK', simplified], ['ZH_cn', simplified],
    ['zh-TW', traditional], ['zh-HK', traditional], ['zh-MO', traditional], ['zh-Hant', traditional], ['zh-Hant-CN', traditional],
    ['en', english], ['en-US', english], ['ja', english], ['fr-CA', english], ['', english], [undefined, english],
  ];
  for (const [locale, expected] of table) {
    it(`${JSON.stringify(locale)} → ${expected.includes('［手机号］') ? 'simplified' : expected.includes('［手機') ? 'traditional' : 'English'}`, () => {
      assert.deepEqual(redact(text, locale === undefined ? undefined : { locale }), { text: expected, redactions: all });
    });
  }
});

describe('counts and real comments', () => {
  it('counts each kind found', () => {
    const out = zh('电话13812345678或13912345678，邮箱a@b.com');
    assert.deepEqual(out, { text: '电话［手机号］或［手机号］，邮箱［邮箱］', redactions: { phone: 2, email: 1 } });
  });

  it('"手机13812345678，身份证110105199003071234" with the check digit computed here', () => {
    const id = '11010519900307123' + idCheck('11010519900307123');
    assert.deepEqual(zh(`手机13812345678，身份证${id}`), { text: '手机［手机号］，身份证［身份证号］', redactions: { phone: 1, idNumber: 1 } });
  });

  it('comments a customer would write', () => {
    const id = '44030519851120123' + idCheck('44030519851120123');
    const c = card(rng(9), '62', 19);
    const cases = [
      ['快递员态度很差，我打他电话138 1234 5678没人接，订单号：2026120112345678', '快递员态度很差，我打他电话［手机号］没人接，订单号：2026120112345678', { phone: 1 }],
      [`退款请打到我的建设银行卡${c}，户名张三`, '退款请打到我的建设银行卡［银行卡号］，户名张三', { bankCard: 1 }],
      [`实名认证要身份证${id}吗？太麻烦了`, '实名认证要身份证［身份证号］吗？太麻烦了', { idNumber: 1 }],
      ['送货地址写错了，应该是广东省深圳市南山区科技园路88号3栋1201室，电话0755-12345678', '送货地址写错了，应该是广东省深圳市南山区［地址］，电话［手机号］', { phone: 1, address: 1 }],
      ['包装很好，5星好评！有问题加我微信或者发邮件到 wang.li@163.com', '包装很好，5星好评！有问题加我微信或者发邮件到 ［邮箱］', { email: 1 }],
      ['快递单号SF1234567890123，到了小区门口打我手机13912345678', '快递单号SF1234567890123，到了小区门口打我手机［手机号］', { phone: 1 }],
    ];
    for (const [input, text, redactions] of cases) {
      assert.deepEqual(zh(input), { text, redactions }, input);
      // Redacting twice (in the browser, then at ingest) changes nothing more.
      assert.deepEqual(zh(text), { text, redactions: {} }, text);
    }
  });

  it('English comments', () => {
    const c = card(rng(10), '4', 16);
    const cases = [
      ['Call me on +1 415 555 2671 or email jane.doe@example.com', 'Call me on [phone] or email [email]', { phone: 1, email: 1 }],
      [`Refund to my Visa ${c.replace(/(\d{4})(?=\d)/g, '$1 ')} please`, 'Refund to my Visa [card number] please', { bankCard: 1 }],
      ['Deliver to 221B Baker Street next time. Order #13812345678', 'Deliver to [address] next time. Order #13812345678', { address: 1 }],
    ];
    for (const [input, text, redactions] of cases) {
      assert.deepEqual(en(input), { text, redactions }, input);
      assert.deepEqual(en(text), { text, redactions: {} }, text);
    }
  });
});

describe('any string', () => {
  it('3,000 seeded random strings: no throw, and one marker in the output per counted redaction', () => {
    const r = rng(99);
    const pool = ['1', '3', '8', '0', '6', '2', '4', '9', ' ', '-', '+', '(', ')', '@', '.', 'a', 'X', 'A', '号', '路', '栋', '室', '区', '市', '卡', '订单号', '电话', '１', '＠', '\u3000', '\uD83D', '\uDE00', '😀', '\n', '，', 'q', 'c', 'o', 'm'];
    for (let k = 0; k < 3000; k++) {
      const s = Array.from({ length: Math.floor(r() * 60) }, () => pick(r, pool)).join('');
      const out = zh(s);
      assert.equal(typeof out.text, 'string');
      const markers = { phone: '［手机号］', idNumber: '［身份证号］', bankCard: '［银行卡号］', email: '［邮箱］', address: '［地址］' };
      for (const kind of REDACTION_KINDS) {
        const seen = out.text.split(markers[kind]).length - 1;
        assert.equal(seen, out.redactions[kind] ?? 0, `${kind} in ${JSON.stringify(s)}`);
      }
    }
  });

  it('1 MB of comments: every sentence redacted the same as alone', () => {
    const id = '11010519900307123' + idCheck('11010519900307123');
    const sentence = `手机13812345678，身份证${id}，订单号：13912345678，邮箱abc@qq.com，地址广东省深圳市南山区科技园路88号3栋1201室。`;
    const one = zh(sentence);
    assert.deepEqual(one.redactions, { phone: 1, idNumber: 1, email: 1, address: 1 });
    const times = Math.ceil(1_048_576 / sentence.length);
    const out = zh(sentence.repeat(times));
    assert.equal(out.text, one.text.repeat(times));
    assert.deepEqual(out.redactions, { phone: times, idNumber: times, email: times, address: times });
  });

  it('1 MB of pathological input finishes and finds nothing', () => {
    for (const unit of ['1', '1 ', '1-', '12 ', '1号', 'a@', '.@', '路1', 'A1', '订单号']) {
      const s = unit.repeat(Math.ceil(1_048_576 / unit.length));
      assert.deepEqual(zh(s).redactions, {}, unit);
    }
  });
});
