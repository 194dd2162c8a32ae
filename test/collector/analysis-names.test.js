// What the analysis routes do with the names a request gives them (question, outcome, drivers, groupBy,
// context.<field>, locale, q) and the language of their refusals. On the database of this run.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { LEXICON, MAX_DRIVERS } from '../../dist/analysis.js';
import { batch, startCollector } from './support.js';

let t;
before(async () => {
  t = await startCollector();
});
after(async () => t?.close());

const likert = (value, points = 5) => ({ type: 'likert', value, points, normalized: (value - 1) / (points - 1), satisfied: value >= (points === 3 ? 3 : points - 1) });
const nps = (value) => ({ type: 'nps', value, category: value > 8 ? 'promoter' : value > 6 ? 'passive' : 'detractor' });

let seq = 0;
/** A response with these answers (numbers: NPS for `nps`, else 5-point Likert; strings: text). */
function answered(answers, context = {}, over = {}) {
  seq++;
  const scores = {};
  for (const [k, v] of Object.entries(answers)) scores[k] = typeof v === 'string' ? { type: 'text', length: [...v].length } : k === 'nps' ? nps(v) : likert(v);
  return {
    id: randomUUID(),
    surveyId: 'post-purchase',
    createdAt: new Date(Date.UTC(2026, 10, 2, 2, seq)).toISOString(),
    locale: 'zh-CN',
    answers,
    scores,
    context: { orderId: `N-${seq}`, ...context },
    complete: true,
    revision: 1,
    ...over,
  };
}

/** GET with the admin token, in a language. */
const get = (path, lang) => t.admin(path, lang ? { headers: { 'accept-language': lang } } : {});
async function ok(path) {
  const r = await get(path);
  assert.equal(r.status, 200, `${path}: ${r.text}`);
  return r.body;
}
async function refused(path, lang) {
  const r = await get(path, lang);
  assert.equal(r.status, 400, `${path}: ${r.text}`);
  return r.body.error;
}

describe('before any response is stored', () => {
  test('the routes the report calls answer (nps by default is no mistake); a name given is refused', async () => {
    assert.equal((await ok('/v1/summary')).n, 0);
    assert.deepEqual((await ok('/v1/trend')).periods, []);
    assert.equal((await ok('/v1/themes?locale=zh-TW')).comments, 0);
    assert.equal(await refused('/v1/summary?question=nps'), 'parameter question: no response answers "nps" (no response has an NPS or Likert answer yet)');
    assert.equal(await refused('/v1/summary?question=nps', 'zh-CN'), '参数 question：没有任何回答答过“nps”（还没有任何回答含 NPS 或 Likert 题目）');
    assert.equal(await refused('/v1/summary?question=nps', 'zh-TW'), '參數 question：沒有任何回答答過「nps」（還沒有任何回答含 NPS 或 Likert 題目）');
  });
});

describe('with responses', () => {
  const responses = [
    answered({ nps: 9, delivery: 5, described: 4, comment: '包装很好，物流也快' }, { sku: 'S1', constructor: 'c1', toString: 't1' }),
    answered({ nps: 3, delivery: 2, described: 2, comment: '物流太慢' }, { sku: 'S2', constructor: 'c2' }),
    answered({ nps: 6, delivery: 1, described: 3, comment: '包裝破損了' }, { sku: 'S1', constructor: 'c1' }),
    answered({ nps: 10, delivery: 4, described: 5, comment: 'The packaging was lovely' }, { sku: 'S2', hasOwnProperty: 'h' }),
    // A shop's Likert question named like an Object.prototype member.
    answered({ nps: 8, constructor: 4, comment: '包装一般' }, { sku: 'S3' }, { surveyId: 'other' }),
  ];
  before(async () => {
    const r = await t.post(batch(responses));
    assert.equal(r.status, 200, r.text);
  });

  describe('a question name no response has answered is a 400 naming the parameter and the name', () => {
    const cases = [
      ['/v1/summary?question=nope', 'question', 'nope'],
      ['/v1/trend?question=nope', 'question', 'nope'],
      ['/v1/trend?question=comment', 'question', 'comment'], // a text question has no trend
      ['/v1/drivers?outcome=nope&drivers=delivery,described', 'outcome', 'nope'],
      ['/v1/drivers?outcome=nps&drivers=delivery,nonexistent', 'drivers', 'nonexistent'],
      ['/v1/themes?question=nope', 'question', 'nope'],
    ];
    for (const [path, param, name] of cases) {
      test(path, async () => {
        const error = await refused(path);
        assert.match(error, new RegExp(`^parameter ${param}: no response answers "${name}" \\(NPS and Likert questions answered: `), error);
        // The names that exist, to pick from.
        assert.match(error, /"delivery", "described", "nps"/, error);
      });
    }
    test('several unknown drivers are all named, in each language', async () => {
      const path = '/v1/drivers?drivers=delivery,wrong,deliveryy';
      assert.equal(await refused(path), 'parameter drivers: no response answers "wrong", "deliveryy" (NPS and Likert questions answered: "constructor", "delivery", "described", "nps")');
      assert.equal(await refused(path, 'zh-CN'), '参数 drivers：没有任何回答答过“wrong”、“deliveryy”（有回答的 NPS 和 Likert 题目：“constructor”、“delivery”、“described”、“nps”）');
      assert.equal(await refused(path, 'zh-TW'), '參數 drivers：沒有任何回答答過「wrong」、「deliveryy」（有回答的 NPS 和 Likert 題目：「constructor」、「delivery」、「described」、「nps」）');
    });
  });

  describe('a question that exists but has no answers in the filters is a result with n 0', () => {
    test('summary, trend, drivers, themes', async () => {
      const none = await ok('/v1/summary?question=nps&survey=nobody');
      assert.equal(none.n, 0);
      assert.equal(none.nps, null);
      assert.deepEqual((await ok('/v1/trend?question=delivery&from=2027-01-01')).periods, []);
      const drivers = await ok('/v1/drivers?outcome=nps&drivers=delivery,described&context.sku=S9');
      assert.equal(drivers.n, 0);
      assert.equal((await ok('/v1/themes?question=nps&survey=nobody')).comments, 0);
    });
    test('a driver answered in another survey is reported with n 0, and the others keep their shares', async () => {
      const got = await ok('/v1/drivers?outcome=nps&drivers=delivery,constructor&survey=post-purchase&minN=1');
      assert.equal(got.drivers.find((d) => d.driver === 'constructor').n, 0);
      assert.equal(got.drivers.find((d) => d.driver === 'delivery').n, 4);
    });
    test('a Likert question named constructor is summarised like any other', async () => {
      const got = await ok('/v1/summary?survey=other&question=constructor&minN=1');
      assert.equal(got.csat.constructor.n, 1);
    });
  });

  describe('group and filter names that are Object.prototype members', () => {
    test('groupBy=__proto__ and context.__proto__= are a 400: no response can hold that key', async () => {
      for (const path of ['/v1/summary?groupBy=__proto__', '/v1/trend?groupBy=context.__proto__', '/v1/drivers?drivers=delivery&groupBy=__proto__']) {
        assert.equal(await refused(path), 'parameter groupBy: "__proto__" cannot be a context field: no response can store a key of that name', path);
      }
      // It was dropped from the filter without a word, which then matched every response.
      assert.equal(await refused('/v1/summary?context.__proto__=x'), 'parameter context.__proto__: "__proto__" cannot be a context field: no response can store a key of that name');
      assert.match(await refused('/v1/responses?context.__proto__=x', 'zh-TW'), /^參數 context\.__proto__：「__proto__」不能作為 context 欄位/);
    });
    test('groupBy=constructor, toString, hasOwnProperty, prototype group by the stored field', async () => {
      const keys = async (field) => (await ok(`/v1/summary?groupBy=${field}&minN=1`)).groups.map((g) => [g.key, g.n]).sort();
      assert.deepEqual(await keys('constructor'), [['c1', 2], ['c2', 1], [null, 2]].sort());
      assert.deepEqual(await keys('context.toString'), [['t1', 1], [null, 4]].sort());
      assert.deepEqual(await keys('hasOwnProperty'), [['h', 1], [null, 4]].sort());
      assert.deepEqual(await keys('prototype'), [[null, 5]]);
      const trend = await ok('/v1/trend?groupBy=constructor&minN=1');
      assert.deepEqual(trend.groups.map((g) => g.key).sort(), ['c1', 'c2', null].sort());
    });
    test('context.constructor= filters by the stored field', async () => {
      assert.equal((await ok('/v1/summary?context.constructor=c1&minN=1')).n, 2);
      assert.equal((await ok('/v1/summary?context.toString=t1&minN=1')).n, 1);
    });
  });

  describe('locale of /v1/themes', () => {
    test('zh-HK, zh-MO and zh-Hant read as zh-TW; zh, zh-SG and zh-Hans as zh-CN; en-* as en', async () => {
      const tw = await ok('/v1/themes?locale=zh-TW');
      const cn = await ok('/v1/themes?locale=zh-CN');
      const en = await ok('/v1/themes?locale=en');
      assert.ok(tw.terms.some((x) => x.term === '包裝'), JSON.stringify(tw.terms));
      assert.ok(cn.terms.some((x) => x.term === '包装'), JSON.stringify(cn.terms));
      for (const tag of ['zh-HK', 'zh-MO', 'zh-Hant', 'zh-hk', 'zh-Hant-HK']) assert.deepEqual(await ok(`/v1/themes?locale=${tag}`), tw, tag);
      for (const tag of ['zh', 'zh-SG', 'zh-Hans', 'zh-Hans-HK']) assert.deepEqual(await ok(`/v1/themes?locale=${tag}`), cn, tag);
      for (const tag of ['en-US', 'en-GB', 'EN']) assert.deepEqual(await ok(`/v1/themes?locale=${tag}`), en, tag);
    });
    test('a locale that is none of them is a 400 saying what is read as what', async () => {
      for (const tag of ['fr', 'ja-JP', 'zh_TW', 'x']) {
        const error = await refused(`/v1/themes?locale=${tag}`);
        assert.equal(error, `parameter locale: must be zh-CN, zh-TW or en, got "${tag}" (zh-HK, zh-MO and zh-Hant are read as zh-TW; zh, zh-SG and zh-Hans as zh-CN; en-US or any en-* as en)`);
      }
      assert.match(await refused('/v1/themes?locale=fr', 'zh-CN'), /^参数 locale：必须是 zh-CN、zh-TW 或 en，收到的是“fr”（zh-HK、zh-MO 和 zh-Hant 按 zh-TW 处理/);
    });
  });

  describe('q: a lexicon term finds its concept in either script', () => {
    const texts = async (path) => (await ok(path)).responses.map((r) => r.answers.comment).sort();
    test('q=包裝 (the zh-TW report\'s term) finds comments written 包装, and q=包装 those written 包裝', async () => {
      const concept = LEXICON.find((c) => c.hans === '包装');
      assert.equal(concept?.hant, '包裝');
      // None of its other forms is in these comments (else they would be found for that form).
      assert.deepEqual(concept.forms.filter((f) => /\p{Script=Han}/u.test(f) && f !== '包装' && f !== '包裝' && responses.some((r) => r.answers.comment.includes(f))), []);
      const both = ['包装一般', '包装很好，物流也快', '包裝破損了'].sort();
      assert.deepEqual(await texts('/v1/responses?q=包裝'), both);
      assert.deepEqual(await texts(`/v1/responses?q=${encodeURIComponent('包装')}`), both);
      // The analysis routes read the same filter.
      assert.equal((await ok(`/v1/summary?q=${encodeURIComponent('包裝')}&minN=1`)).n, 3);
      assert.equal((await ok(`/v1/themes?q=${encodeURIComponent('包裝')}`)).comments, 3);
    });
    test('the English term (the en report shows Chinese comments by their gloss) finds them too, and its own word', async () => {
      assert.deepEqual(await texts('/v1/responses?q=Packaging'), ['The packaging was lovely', '包装一般', '包装很好，物流也快', '包裝破損了'].sort());
    });
    test('a q that is not a lexicon form matches as written', async () => {
      const forms = new Set(LEXICON.flatMap((c) => c.forms.map((f) => f.toLowerCase())));
      for (const q of ['包裝破', '装很', '包', '太慢']) assert.ok(!forms.has(q), `${q} became a lexicon form: pick another`);
      assert.deepEqual(await texts(`/v1/responses?q=${encodeURIComponent('包裝破')}`), ['包裝破損了']);
      assert.deepEqual(await texts(`/v1/responses?q=${encodeURIComponent('装很')}`), ['包装很好，物流也快']);
      assert.deepEqual(await texts(`/v1/responses?q=${encodeURIComponent('包')}`), ['包装一般', '包装很好，物流也快', '包裝破損了'].sort());
      assert.deepEqual(await texts(`/v1/responses?q=${encodeURIComponent('太慢')}`), ['物流太慢']);
    });
  });

  describe('the language of a refusal', () => {
    // Every detail of the analysis and filter parameters: the English as it always was, and Chinese in both scripts.
    const cases = [
      ['/v1/trend?interval=year', 'parameter interval: must be day, week or month', '参数 interval：必须是 day、week 或 month', '參數 interval：必須是 day、week 或 month'],
      ['/v1/summary?minN=x', 'parameter minN: must be a whole number from 0 to 999999999', '参数 minN：必须是 0 到 999999999 之间的整数', '參數 minN：必須是 0 到 999999999 之間的整數'],
      ['/v1/summary?groupBy=a%20b', 'parameter groupBy: "a b" is not a context field (letters, digits, _ and -, such as sku or context.sku)', '参数 groupBy：“a b”不是 context 字段（由字母、数字、_ 和 - 组成，如 sku 或 context.sku）', '參數 groupBy：「a b」不是 context 欄位（由字母、數字、_ 和 - 組成，如 sku 或 context.sku）'],
      ['/v1/trend?question=', 'parameter question: must be a question name (1 to 200 characters, no control characters)', '参数 question：必须是题目名称（1 到 200 个字符，不含控制字符）', '參數 question：必須是題目名稱（1 到 200 個字元，不含控制字元）'],
      ['/v1/drivers', `parameter drivers: give the Likert questions to rank, comma-separated (1 to ${MAX_DRIVERS}), such as drivers=delivery,as-described,service`, `参数 drivers：请给出要排序的 Likert 题目，用逗号分隔（1 到 ${MAX_DRIVERS} 个），如 drivers=delivery,as-described,service`, `參數 drivers：請給出要排序的 Likert 題目，以逗號分隔（1 到 ${MAX_DRIVERS} 個），如 drivers=delivery,as-described,service`],
      [`/v1/drivers?drivers=${Array.from({ length: MAX_DRIVERS + 1 }, (_, i) => `d${i}`).join(',')}`, `parameter drivers: at most ${MAX_DRIVERS} questions (the exact Shapley decomposition fits 2^p regressions); got ${MAX_DRIVERS + 1}`, `参数 drivers：最多 ${MAX_DRIVERS} 个题目（精确的 Shapley 分解要拟合 2^p 个回归），收到 ${MAX_DRIVERS + 1} 个`, `參數 drivers：最多 ${MAX_DRIVERS} 個題目（精確的 Shapley 分解要擬合 2^p 個迴歸），收到 ${MAX_DRIVERS + 1} 個`],
      ['/v1/drivers?drivers=delivery,,service', 'parameter drivers: each must be a question name (1 to 200 characters, no control characters), separated by commas', '参数 drivers：每项都必须是题目名称（1 到 200 个字符，不含控制字符），用逗号分隔', '參數 drivers：每項都必須是題目名稱（1 到 200 個字元，不含控制字元），以逗號分隔'],
      ['/v1/drivers?outcome=delivery&drivers=delivery', 'parameter drivers: the outcome "delivery" cannot also be a driver', '参数 drivers：结果题目“delivery”不能同时是驱动因素', '參數 drivers：結果題目「delivery」不能同時是驅動因素'],
      ['/v1/drivers?drivers=delivery,delivery', 'parameter drivers: "delivery" is listed twice', '参数 drivers：“delivery”列了两次', '參數 drivers：「delivery」列了兩次'],
      ['/v1/themes?limit=0', 'parameter limit: must be a whole number from 1 to 20000', '参数 limit：必须是 1 到 20000 之间的整数', '參數 limit：必須是 1 到 20000 之間的整數'],
      ['/v1/summary?from=yesterday', 'parameter from: "yesterday" is not a date (2026-11-01) or a date-time with offset (2026-11-01T08:00:00+08:00)', '参数 from：“yesterday”不是日期（2026-11-01），也不是带时差的日期时间（2026-11-01T08:00:00+08:00）', '參數 from：「yesterday」不是日期（2026-11-01），也不是帶時差的日期時間（2026-11-01T08:00:00+08:00）'],
      ['/v1/summary?to=2026-02-30', 'parameter to: "2026-02-30" is not a calendar date', '参数 to：日历上没有“2026-02-30”这一天', '參數 to：日曆上沒有「2026-02-30」這一天'],
      ['/v1/summary?from=2026-11-02&to=2026-11-01', 'parameter from: 2026-11-02 is after to (2026-11-01): nothing can match; swap them', '参数 from：2026-11-02 晚于 to（2026-11-01），什么也匹配不到；请对调两者', '參數 from：2026-11-02 晚於 to（2026-11-01），什麼也比對不到；請對調兩者'],
      ['/v1/summary?timeZone=Mars/Olympus', 'parameter timeZone: "Mars/Olympus" is not an IANA time zone such as Asia/Shanghai', '参数 timeZone：“Mars/Olympus”不是 IANA 时区（如 Asia/Shanghai）', '參數 timeZone：「Mars/Olympus」不是 IANA 時區（如 Asia/Shanghai）'],
      ['/v1/summary?category=fan', 'parameter category: must be promoter, passive or detractor', '参数 category：必须是 promoter、passive 或 detractor', '參數 category：必須是 promoter、passive 或 detractor'],
      ['/v1/summary?link=maybe', 'parameter link: must be verified, unverified or none', '参数 link：必须是 verified、unverified 或 none', '參數 link：必須是 verified、unverified 或 none'],
      ['/v1/summary?id=1', 'parameter id: must be a response id (a UUID)', '参数 id：必须是回答的 id（UUID）', '參數 id：必須是回答的 id（UUID）'],
      ['/v1/summary?survey=a&survey=b', 'parameter survey: given more than once', '参数 survey：给了不止一次', '參數 survey：給了不只一次'],
      [`/v1/summary?q=${'x'.repeat(201)}`, 'parameter q: at most 200 characters', '参数 q：最多 200 个字符', '參數 q：最多 200 個字元'],
      ['/v1/summary?touchpoint=a%7Fb', "parameter touchpoint: must be a Likert question's name (such as delivery), without control characters", '参数 touchpoint：必须是 Likert 题目的名称（如 delivery），不含控制字符', '參數 touchpoint：必須是 Likert 題目的名稱（如 delivery），不含控制字元'],
      ['/v1/summary?context.a%20b=1', 'parameter context.a b: a context field name is letters, digits, _ and -', '参数 context.a b：context 字段名只能由字母、数字、_ 和 - 组成', '參數 context.a b：context 欄位名稱只能由字母、數字、_ 和 - 組成'],
      ['/v1/summary?q=%E0%A4%A', 'parameter q: malformed %-encoding: each % must start a UTF-8 byte as two hex digits (encodeURIComponent)', '参数 q：%编码有误：每个 % 后须是两位十六进制数字，组成 UTF-8 字节（用 encodeURIComponent 编码）', '參數 q：%編碼有誤：每個 % 後須是兩位十六進位數字，組成 UTF-8 位元組（用 encodeURIComponent 編碼）'],
      ['/v1/summary?q=%00', 'parameter q: contains a NUL character (%00)', '参数 q：含有 NUL 字符（%00）', '參數 q：含有 NUL 字元（%00）'],
      ['/v1/responses?cursor=nope', 'parameter cursor: is not a cursor this collector gave (use nextCursor from the previous page)', '参数 cursor：不是本收集器给出的游标（请用上一页的 nextCursor）', '參數 cursor：不是本收集器給出的游標（請用上一頁的 nextCursor）'],
      ['/v1/summary?sku=S1', 'unknown parameter sku (a context field is filtered with context.sku=)', '未知参数 sku（按 context 字段筛选请用 context.sku=）', '未知參數 sku（依 context 欄位篩選請用 context.sku=）'],
    ];
    for (const [path, en, cn, tw] of cases) {
      test(path, async () => {
        assert.equal(await refused(path), en);
        assert.equal(await refused(path, 'zh-CN,zh;q=0.9'), cn);
        assert.equal(await refused(path, 'zh-TW'), tw);
      });
    }
    test('Accept-Language: the best entry Koubei writes, by q; Chinese by script', async () => {
      const path = '/v1/trend?interval=year';
      const cn = '参数 interval：必须是 day、week 或 month';
      const tw = '參數 interval：必須是 day、week 或 month';
      assert.equal(await refused(path, 'fr-FR, zh-TW;q=0.8, en;q=0.5'), tw);
      assert.equal(await refused(path, 'en;q=0.5, zh-CN;q=0.9'), cn);
      assert.equal(await refused(path, 'zh-HK'), tw);
      assert.equal(await refused(path, 'zh-Hant-CN'), tw);
      assert.equal(await refused(path, 'zh-Hans-HK'), cn);
      assert.equal(await refused(path, 'zh'), cn);
      assert.equal(await refused(path, 'fr, de'), 'parameter interval: must be day, week or month');
      assert.equal(await refused(path, 'zh-TW;q=0, en'), 'parameter interval: must be day, week or month');
    });
  });

  // Last: it adds questions that the lists above do not expect.
  describe('a survey with many questions', () => {
    before(async () => {
      const answers = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`q${i + 1}`, 3]));
      const r = await t.post(batch([answered(answers, {}, { surveyId: 'long' })]));
      assert.equal(r.status, 200, r.text);
    });
    test('the refusal lists the first 8 names answered and how many more', async () => {
      const path = '/v1/summary?question=q10';
      assert.equal(await refused(path), 'parameter question: no response answers "q10" (NPS and Likert questions answered: "constructor", "delivery", "described", "nps", "q1", "q2", "q3", "q4" and 5 more)');
      assert.equal(await refused(path, 'zh-CN'), '参数 question：没有任何回答答过“q10”（有回答的 NPS 和 Likert 题目：“constructor”、“delivery”、“described”、“nps”、“q1”、“q2”、“q3”、“q4”，另有 5 个）');
      assert.equal(await refused(path, 'zh-TW'), '參數 question：沒有任何回答答過「q10」（有回答的 NPS 和 Likert 題目：「constructor」、「delivery」、「described」、「nps」、「q1」、「q2」、「q3」、「q4」，另有 5 個）');
    });
  });
});

describe('an empty filter value', () => {
  test('is a 400 naming it (a template that filled nothing in would match no one); q= is no filter', async () => {
    for (const route of ['/v1/summary', '/v1/responses', '/v1/trend']) {
      for (const p of ['survey=', 'orderId=%20', 'context.sku=', 'timeZone=', 'category=', 'from=']) {
        const name = p.split('=')[0];
        assert.equal(await refused(`${route}?${p}`), `parameter ${name}: must not be empty`, `${route}?${p}`);
      }
      assert.equal(await refused(`${route}?survey=`, 'zh-TW'), '參數 survey：不能為空');
      assert.equal((await get(`${route}?q=`)).status, 200, `${route}?q=`);
    }
  });
});

describe('a touchpoint no response answers', () => {
  before(async () => {
    const r = await t.post(batch([answered({ nps: 9, delivery: 4 })]));
    assert.equal(r.status, 200, r.text);
  });
  test('is a 400 naming it on the analysis routes and the list, as a question name is; one answered is a filter', async () => {
    for (const route of ['/v1/summary', '/v1/trend', '/v1/themes', '/v1/responses']) {
      assert.match(await refused(`${route}?touchpoint=nope`), /^parameter touchpoint: no response answers "nope" \(NPS and Likert questions answered: /, route);
      assert.equal((await get(`${route}?touchpoint=delivery`)).status, 200, route);
    }
    assert.match(await refused('/v1/summary?touchpoint=nope', 'zh-CN'), /^参数 touchpoint：没有任何回答答过“nope”/);
    // Answered, but by no one in the filters: a result of nobody, not a typo.
    const none = await get('/v1/responses?touchpoint=delivery&survey=nobody-here');
    assert.equal(none.status, 200, none.text);
    assert.deepEqual(none.body.responses, []);
  });
});
