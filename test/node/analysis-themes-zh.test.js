// themes() on the comments of a Chinese shop, in zh-CN and the same comments in zh-TW: the terms of the report's
// "what customers talk about" list are words a shop owner reads (no 损 of 完好无损, no 人 / 总的来说 / 宝贝), and
// speed (好几天, 慢, 很快) has its touchpoint.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { themes, LEXICON } from '../../dist/analysis.js';

// Realistic reviews by NPS category; TW is the same comments in traditional characters (a shop in Taiwan).
const CN = {
  promoter: [
    '物流很快，包装完好，质量不错', '发货速度快，第二天就到了，五星好评', '包装很用心，完好无损', '质量很好，和图片一样，会回购',
    '客服态度好，回复及时，总的来说很满意', '性价比高，物美价廉', '正品，很划算，推荐给朋友', '物流神速，宝贝收到了，很喜欢',
    '总体来说还不错，下次还会再来', '售后处理得很快，人很好', '做工精细，物超所值', '快递小哥很负责，送货上门',
  ],
  passive: [
    '整体还行，物流有点慢', '质量一般，有色差', '尺码偏小，建议拍大一码', '东西还好，就是包装简陋', '价格有点贵，质量还可以',
    '起球了，不过价格便宜', '一般般吧，没有想象的好',
  ],
  detractor: [
    '发货慢，等了一个星期才到', '物流太慢了，等了好几天', '与描述不符，有色差', '退款很麻烦，客服回复太慢', '假货，掉色严重，还有异味',
    '漏发了一件，找客服没人理', '发错货了，售后态度很差', '包装破损，盒子都压扁了', '用了几天就坏了，质量太差', '缺件，差评',
    '快递好几天不动，很慢', '尺码偏小，退货还要自己出运费', '不满意，和描述不一样',
  ],
};
const TW = {
  promoter: [
    '物流很快，包裝完好，品質不錯', '出貨速度快，第二天就到了，五星好評', '包裝很用心，完好無損', '品質很好，和圖片一樣，會回購',
    '客服態度好，回覆及時，總的來說很滿意', 'CP值高，物美價廉', '正品，很划算，推薦給朋友', '物流神速，寶貝收到了，很喜歡',
    '總體來說還不錯，下次還會再來', '售後處理得很快，人很好', '做工精細，物超所值', '快遞小哥很負責，送貨上門',
  ],
  passive: [
    '整體還行，物流有點慢', '品質一般，有色差', '尺碼偏小，建議拍大一碼', '東西還好，就是包裝簡陋', '價格有點貴，品質還可以',
    '起球了，不過價格便宜', '一般般吧，沒有想像的好',
  ],
  detractor: [
    '發貨慢，等了一個星期才到', '物流太慢了，等了好幾天', '與描述不符，有色差', '退款很麻煩，客服回覆太慢', '假貨，掉色嚴重，還有異味',
    '漏發了一件，找客服沒人理', '發錯貨了，售後態度很差', '包裝破損，盒子都壓扁了', '用了幾天就壞了，品質太差', '缺件，差評',
    '快遞好幾天不動，很慢', '尺碼偏小，退貨還要自己出運費', '不滿意，和描述不一樣',
  ],
};
const input = (corpus) => Object.entries(corpus).flatMap(([category, texts]) => texts.map((text, i) => ({ id: `${category[0]}${i}`, text, category })));
const byTerm = (r) => Object.fromEntries(r.terms.map((t) => [t.term, t]));
const counts = (t) => [t.mentions, t.byCategory.promoter, t.byCategory.passive, t.byCategory.detractor];
/** A lexicon concept's name in the other script (terms outside the lexicon are counted as written). */
const hant = Object.fromEntries(LEXICON.map((c) => [c.hans, c.hant]));

// Fillers and fragments a shop owner must not see as a theme, in both scripts.
const NOT_TERMS = [
  '损', '損', '无', '無', '人', '评', '評', '件', '来说', '來說', '总体', '總體', '总的来说', '總的來說', '整体', '整體', '一般', '一般般', '还行', '還行',
  '还好', '還好', '东西', '東西', '宝贝', '寶貝', '收到', '下次', '朋友', '推荐', '推薦', '好评', '好評', '差评', '差評', '五星', '五星好评', '再来', '再來',
  '好几天', '好幾天', '一个', '一個', '星期', '几天', '幾天', '一码', '一碼', '很好', '很喜欢', '很喜歡', '还可以', '還可以',
];

for (const [locale, corpus] of [['zh-CN', CN], ['zh-TW', TW]]) {
  const name = (hans) => (locale === 'zh-TW' ? (hant[hans] ?? hans) : hans);
  describe(`themes of a shop's reviews in ${locale}`, () => {
    const r = themes(input(corpus), { locale });
    const t = byTerm(r);

    it('the most mentioned terms are what the comments are about, with their touchpoints', () => {
      // 32 comments. 质量 5: p0 p3, passive 质量一般 / 质量还可以, d 质量太差. 包装 4: p0 p2, 包装简陋, 包装破损.
      // 好 4 (很好 of p3 p9, 态度好 of p4, 没有想象的好). 慢 4: 有点慢, d0 (慢 + 等了 + 才到: once), d1 (太慢 + 好几天), d10 (好几天 + 很慢).
      // 物流 4: p0 p7, 物流有点慢, d1.
      assert.deepEqual(
        r.terms.slice(0, 5).map((x) => [x.term, x.touchpoint, x.mentions]),
        [[name('质量'), 'item', 5], [name('包装'), 'packaging', 4], ['好', null, 4], ['慢', 'delivery', 4], ['物流', 'delivery', 4]],
      );
      assert.deepEqual(counts(t['慢']), [4, 0, 1, 3]);
      // 快: 物流很快, 速度快 + 第二天就到了, 物流神速; 售后处理得很快 is service's (回复快), not delivery's.
      assert.deepEqual([t['快'].touchpoint, ...counts(t['快'])], ['delivery', 3, 3, 0, 0]);
      assert.deepEqual([t[name('回复快')].touchpoint, ...counts(t[name('回复快')])], ['service', 2, 2, 0, 0]); // 回复及时, 售后处理得很快
      assert.deepEqual([t[name('回复慢')].touchpoint, ...counts(t[name('回复慢')])], ['service', 2, 0, 0, 2]); // 客服回复太慢, 客服没人理
    });

    it('no lone 损 or 人 and no fillers; a lone character only when it means something (好, 差, 贵, 快, 慢)', () => {
      for (const w of NOT_TERMS) assert.equal(t[w], undefined, w);
      const single = r.terms.filter((x) => [...x.term].length === 1).map((x) => x.term).sort();
      // 大 and 小 alone are no term (颜色差别很大, 活动力度大, 客服小姐姐): 拍大一码 is 尺码's.
      assert.deepEqual(single, ['好', '差', '快', '慢', name('贵')].sort());
    });

    it('完好无损 is a promoter’s packaging word (完好), counted once with 包装完好', () => {
      assert.deepEqual([t['完好'].touchpoint, ...counts(t['完好'])], ['packaging', 2, 2, 0, 0]);
      assert.ok(r.distinguishing.promoter.some((x) => x.term === '完好'));
      assert.ok(t['完好'].logOdds < 0);
      const one = themes([{ id: 'a', text: locale === 'zh-TW' ? '包裝很用心，完好無損' : '包装很用心，完好无损' }], { locale });
      assert.deepEqual(one.terms.map((x) => [x.term, x.touchpoint]).filter(([, tp]) => tp), [[name('包装'), 'packaging'], ['完好', 'packaging']]);
      assert.deepEqual(one.terms.map((x) => x.term).filter((x) => [...x].length === 1), []);
    });

    it('好几天 and 慢 are delivery, the most distinguishing detractor term', () => {
      assert.equal(r.distinguishing.detractor[0].term, '慢');
      const one = themes([{ id: 'a', text: locale === 'zh-TW' ? '等了好幾天' : '等了好几天', category: 'detractor' }], { locale });
      assert.deepEqual(one.terms.map((x) => [x.term, x.touchpoint]), [['慢', 'delivery']]);
      assert.equal(one.touchpoints.delivery.mentions, 1);
    });

    it('the new lexicon concepts carry their touchpoints', () => {
      const tp = (hans) => t[name(hans)]?.touchpoint;
      assert.deepEqual(
        ['售后', '漏发', '发错货', '正品', '假货', '掉色', '起球', '异味', '坏了', '与描述相符', '性价比', '便宜', '贵'].map(tp),
        ['service', 'delivery', 'delivery', 'item', 'item', 'item', 'item', 'item', 'item', 'item', 'price', 'price', 'price'],
      );
      // 漏发 counts 漏发了一件 and 缺件; 性价比 counts 性价比高 / CP值高, 物美价廉, 划算, 物超所值 (three comments).
      assert.deepEqual(counts(t[name('漏发')]), [2, 0, 0, 2]);
      assert.deepEqual(counts(t[name('性价比')]), [3, 3, 0, 0]);
      // 不满意 is its own term, never 满意; 很满意 is 满意.
      assert.deepEqual(counts(t[locale === 'zh-TW' ? '不滿意' : '不满意']), [1, 0, 0, 1]);
      assert.deepEqual(counts(t[locale === 'zh-TW' ? '滿意' : '满意']), [1, 1, 0, 0]);
      assert.equal(t[locale === 'zh-TW' ? '回購' : '回购'].touchpoint, null); // split by ICU (回|购), counted as one word
    });

    it('touchpoints: comments mentioning each', () => {
      // delivery 11: p0 p1 p7 p11, 有点慢, d0 d1 d5 (漏发) d6 (发错货) d9 (缺件) d10; packaging 4: p0 p2, 包装简陋, 包装破损;
      // returns 2: 退款很麻烦, 退货; price 6: p5 p6 p10, 有点贵, 价格便宜, 运费.
      assert.deepEqual(
        Object.fromEntries(Object.entries(r.touchpoints).map(([k, v]) => [k, v.mentions])),
        { delivery: 11, item: 13, service: 5, packaging: 4, returns: 2, price: 6 },
      );
    });
  });
}

describe('the same reviews in both scripts count alike', () => {
  it('every lexicon term of the zh-CN corpus has the same counts as its traditional name in the zh-TW corpus', () => {
    const cn = themes(input(CN), { locale: 'zh-CN' });
    const tw = byTerm(themes(input(TW), { locale: 'zh-TW' }));
    const concepts = cn.terms.filter((x) => x.touchpoint);
    assert.ok(concepts.length >= 30, `${concepts.length} lexicon terms`);
    for (const x of concepts) assert.deepEqual(counts(tw[hant[x.term]] ?? { mentions: 0, byCategory: {} }), counts(x), x.term);
  });
});

describe('speed takes the touchpoint of its clause', () => {
  const terms = (text, locale = 'zh-CN') => themes([{ id: 'a', text }], { locale }).terms.map((x) => [x.term, x.touchpoint]).sort();
  it('service and returns, not delivery', () => {
    assert.deepEqual(terms('客服回复很慢'), [['回复', 'service'], ['回复慢', 'service'], ['客服', 'service']]);
    assert.deepEqual(terms('退款一直拖着'), [['退款', 'returns'], ['退款慢', 'returns']]);
    assert.deepEqual(terms('客服回覆很慢，物流也很慢', 'zh-TW'), [['回覆', 'service'], ['回覆慢', 'service'], ['客服', 'service'], ['慢', 'delivery'], ['物流', 'delivery']]);
    assert.deepEqual(terms('Support was slow, the refund was quick', 'en'), [['customer service', 'service'], ['quick refund', 'returns'], ['refund', 'returns'], ['slow reply', 'service']]);
  });
  it('negations and words that only look like speed or price', () => {
    assert.deepEqual(terms('物流不慢'), [['快', 'delivery'], ['物流', 'delivery']]);
    assert.deepEqual(terms('快一周才到'), [['慢', 'delivery']]); // 快 of "almost a week" is not fast
    assert.deepEqual(terms('购物愉快，慢慢用'), []);
    assert.deepEqual(terms('不贵'), [['便宜', 'price']]);
    assert.deepEqual(terms('不便宜'), [['贵', 'price']]);
    assert.deepEqual(terms('不太贵'), [['便宜', 'price']]);
    assert.deepEqual(terms('客服回复不及时'), [['回复', 'service'], ['回复慢', 'service'], ['客服', 'service']]);
    assert.deepEqual(terms('没收到货'), [['没收到', 'delivery']]); // not 到货 (arrived)
    // Praise that holds a complaint's word: not 掉色 / 异味; 洗了 and the 好 of 好几次 are no term.
    assert.deepEqual(terms('洗了不掉色，没有异味'), [['不掉色', 'item'], ['无异味', 'item']]);
    assert.deepEqual(terms('買了好幾次了，沒有異味', 'zh-TW'), [['無異味', 'item']]);
    assert.deepEqual(terms('没有破损'), [['完好', 'packaging']]);
    assert.deepEqual(terms('很快就坏了'), [['坏了', 'item']]);
  });
});

describe('English is unchanged but for the new speed and condition words', () => {
  it('the comments of the English test, with late now delivery’s slow', () => {
    const r = themes(
      ['The delivery was late and the box arrived damaged.', 'Customer service never replied!', 'Great quality, but not as described', 'Easy refund', 'Good value for money', 'Shipping took ages'].map((text, i) => ({ id: `e${i}`, text })),
      { locale: 'en' },
    );
    // slow: 'late' and 'took ages' (2 comments); the rest one each, by code point; 'ages' and 'took' were terms before.
    assert.deepEqual(
      r.terms.map((x) => [x.term, x.touchpoint, x.mentions]),
      [
        ['slow', 'delivery', 2], ['arrived', 'delivery', 1], ['customer service', 'service', 1], ['damaged', 'packaging', 1], ['delivery', 'delivery', 1],
        ['easy', null, 1], ['good', null, 1], ['great', null, 1], ['never', null, 1], ['not as described', 'item', 1], ['packaging', 'packaging', 1],
        ['quality', 'item', 1], ['refund', 'returns', 1], ['reply', 'service', 1], ['shipping', 'delivery', 1], ['value for money', 'price', 1],
      ],
    );
  });
});

describe('what a shop owner met in the report', () => {
  const terms = (texts, locale = 'zh-CN') => themes(texts.map((text, i) => ({ id: `r${i}`, text })), { locale }).terms.map((t) => t.term);
  it('the collector\'s redaction markers are no terms, in any script', () => {
    const got = terms(['有问题请打我电话 ［手机号］', '請聯絡 ［手機號碼］ 或 ［電子郵件］', 'call me at [phone] or [email]', '寄到［地址］']);
    for (const t of ['手机号', '手机', '號碼', '手機', '電子郵件', '郵件', 'phone', 'email', '地址']) assert.ok(!got.includes(t), `${t} in ${got}`);
    assert.ok(got.includes('电话'), 'the customer\'s own words stay');
  });
  it('fragments of longer phrases are no terms; zh-TW vocabulary has its concept', () => {
    const got = terms(['和详情页写的不一样', '色差明显', '收到的是假货', '性价比超高', '客服很有耐心', '客服小姐姐很好', '颜色差别很大', '活动力度大', '希望改进']);
    for (const t of ['写的', '明显', '的是', '超高', '很有', '小', '姐姐', '大', '改进', '力度', '差别']) assert.ok(!got.includes(t), `${t} in ${got}`);
    const tw = themes([{ id: 'a', text: '尺寸偏小' }, { id: 'b', text: '運送很久' }, { id: 'c', text: '鞋子開膠了' }], { locale: 'zh-TW' }).terms;
    const tp = Object.fromEntries(tw.map((t) => [t.term, t.touchpoint]));
    assert.equal(tp['尺碼'], 'item');
    assert.equal(tp['配送'], 'delivery');
    assert.equal(tp['壞了'], 'item');
  });
});
