// themes() from the built koubei/analysis: touchpoints in simplified and traditional Chinese and English,
// counts by NPS category, and the weighted log-odds worked out by hand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { themes } from '../../dist/analysis.js';

const close = (actual, expected, tol, what = '') => assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);
const comments = (texts, category) => texts.map((text, i) => ({ id: `${category ?? 'c'}${i}`, text, ...(category ? { category } : {}) }));
/** term → touchpoint for every term found. */
const touchpointsOf = (result) => Object.fromEntries(result.terms.map((t) => [t.term, t.touchpoint]));

describe('themes maps Chinese and English comments to touchpoints', () => {
  it('simplified Chinese, including words the segmenter splits (客|服, 发|货 in ICU)', () => {
    const r = themes(comments(['物流太慢了', '快递员态度很差', '发货很快', '客服回复及时', '质量很好，做工精细', '与描述不符，有色差', '包装破损了', '申请退货退款，换货也行', '性价比高，价格便宜']), { locale: 'zh-CN' });
    const tp = touchpointsOf(r);
    assert.deepEqual(
      ['物流', '快递', '发货', '态度', '客服', '回复', '质量', '做工', '与描述不符', '色差', '包装', '破损', '退货', '退款', '换货', '性价比', '价格', '便宜'].map((t) => [t, tp[t]]),
      [
        ['物流', 'delivery'], ['快递', 'delivery'], ['发货', 'delivery'], ['态度', 'service'], ['客服', 'service'], ['回复', 'service'],
        ['质量', 'item'], ['做工', 'item'], ['与描述不符', 'item'], ['色差', 'item'], ['包装', 'packaging'], ['破损', 'packaging'],
        ['退货', 'returns'], ['退款', 'returns'], ['换货', 'returns'], ['性价比', 'price'], ['价格', 'price'], ['便宜', 'price'],
      ],
    );
    // No fragments of lexicon words (客, 服, 员 of 快递员, 性 / 价 of 性价比) and no stop words (的, 了, 很).
    for (const t of ['客', '服', '员', '性', '价', '了', '很', '的']) assert.equal(tp[t], undefined, t);
    assert.deepEqual(
      Object.fromEntries(Object.entries(r.touchpoints).map(([k, v]) => [k, v.mentions])),
      // delivery: 物流…, 快递员…, 发货…; service: 快递员态度…, 客服…; item: 质量…, 与描述不符…; packaging 1; returns 1; price 1
      { delivery: 3, item: 2, service: 2, packaging: 1, returns: 1, price: 1 },
    );
    assert.equal(r.comments, 9);
  });

  it('traditional Chinese maps to the same touchpoints and is shown in traditional characters for zh-TW', () => {
    const texts = ['物流很快', '快遞員態度很差', '發貨太慢', '客服回覆很慢', '品質不錯，做工好', '與描述不符', '包裝破損', '退貨退款很麻煩，換貨也慢', '價格實惠，性價比高'];
    const r = themes(comments(texts), { locale: 'zh-TW' });
    const tp = touchpointsOf(r);
    assert.deepEqual(
      ['物流', '快遞', '發貨', '態度', '客服', '回覆', '品質', '做工', '與描述不符', '包裝', '破損', '退貨', '退款', '換貨', '價格', '性價比'].map((t) => tp[t]),
      ['delivery', 'delivery', 'delivery', 'service', 'service', 'service', 'item', 'item', 'item', 'packaging', 'packaging', 'returns', 'returns', 'returns', 'price', 'price'],
    );
    // The same comments in a zh-CN shop count under the simplified names: 快遞 and 快递 are one concept.
    const cn = touchpointsOf(themes(comments(texts), { locale: 'zh-CN' }));
    assert.equal(cn['快递'], 'delivery');
    assert.equal(cn['快遞'], undefined);
    const mixed = themes(comments(['快递很慢', '快遞很慢']), { locale: 'zh-CN' });
    assert.equal(mixed.terms.find((t) => t.term === '快递').mentions, 2);
  });

  it('English, with phrases and inflections', () => {
    const r = themes(comments(['The delivery was late and the box arrived damaged.', 'Customer service never replied!', 'Great quality, but not as described', 'Easy refund', 'Good value for money', 'Shipping took ages']), { locale: 'en' });
    const tp = touchpointsOf(r);
    assert.deepEqual(
      ['delivery', 'packaging', 'arrived', 'damaged', 'customer service', 'reply', 'quality', 'not as described', 'refund', 'value for money', 'shipping'].map((t) => tp[t]),
      ['delivery', 'packaging', 'delivery', 'packaging', 'service', 'service', 'item', 'item', 'returns', 'price', 'delivery'],
    );
    // 'box' counts as packaging; the words of a matched phrase are not terms again; stop words are dropped.
    for (const t of ['box', 'customer', 'service', 'described', 'the', 'was', 'and', 'but', 'for']) assert.equal(tp[t], undefined, t);
    assert.equal(tp.great, null); // a word outside the lexicon: a term without a touchpoint
    assert.equal(tp.slow, 'delivery'); // late is delivery's slow (analysis-themes-zh.test.js)
  });
});

describe('counts by NPS category and the log-odds of Monroe, Colaresi and Quinn (2008)', () => {
  // Detractors: "slow delivery", "slow delivery", "slow"; promoters: "fast delivery", "fast", "great".
  const input = [...comments(['slow delivery', 'slow delivery', 'slow'], 'detractor'), ...comments(['fast delivery', 'fast', 'great'], 'promoter')];
  const r = themes(input, { locale: 'en' });
  const t = Object.fromEntries(r.terms.map((x) => [x.term, x]));

  it('mentions per category, each comment once', () => {
    assert.deepEqual(r.terms.map((x) => [x.term, x.mentions]), [['delivery', 3], ['slow', 3], ['fast', 2], ['great', 1]]);
    assert.deepEqual(t.delivery.byCategory, { promoter: 1, passive: 0, detractor: 2 });
    assert.deepEqual(themes(comments(['slow slow slow']), { locale: 'en' }).terms[0].mentions, 1);
  });

  it('z-scores of the weighted log-odds, prior = counts over all comments', () => {
    // Group totals: n_D = 3 (slow) + 2 (delivery) = 5, n_P = 1 + 2 + 1 = 4; prior α = mentions: slow 3, delivery 3, fast 2, great 1; α₀ = 9.
    // δ = ln((y_D + α) / (n_D + α₀ − y_D − α)) − ln((y_P + α) / (n_P + α₀ − y_P − α)), z = δ / √(1/(y_D + α) + 1/(y_P + α))
    // slow:     ln(6/8) − ln(3/10) = −0.287682 + 1.203973 = 0.916291;   z = 0.916291 / √(1/6 + 1/3) = 1.295831
    // delivery: ln(5/9) − ln(4/9)  = ln 1.25 = 0.223144;                z = 0.223144 / √(1/5 + 1/4) = 0.332640
    // fast:     ln(2/12) − ln(4/9) = −1.791759 + 0.810930 = −0.980829;  z = −0.980829 / √(1/2 + 1/4) = −1.132564
    // great:    ln(1/13) − ln(2/11) = −2.564949 + 1.704748 = −0.860201; z = −0.860201 / √(1 + 1/2) = −0.702352
    close(t.slow.logOdds, 1.295831, 1e-6, 'slow');
    close(t.delivery.logOdds, 0.33264, 1e-5, 'delivery');
    close(t.fast.logOdds, -1.132564, 1e-6, 'fast');
    close(t.great.logOdds, -0.702352, 1e-6, 'great');
  });

  it('the most distinguishing terms, mentioned at least twice', () => {
    assert.deepEqual(r.distinguishing.detractor.map((x) => x.term), ['slow', 'delivery']);
    assert.deepEqual(r.distinguishing.promoter.map((x) => x.term), ['fast']); // great: one mention
  });

  it('without both detractors and promoters there are no log-odds', () => {
    assert.equal(themes(comments(['slow delivery'], 'detractor'), { locale: 'en' }).terms[0].logOdds, null);
  });
});

describe('examples, responses and options', () => {
  it('up to five example ids per term, newest first', () => {
    const input = Array.from({ length: 7 }, (_, i) => ({ id: `c${i}`, text: '物流慢', createdAt: `2026-11-2${i}T10:00:00+08:00` }));
    input.push({ id: 'undated', text: '物流快' });
    const r = themes(input.slice().reverse(), { locale: 'zh-CN' });
    assert.deepEqual(r.terms.find((t) => t.term === '物流').exampleIds, ['c6', 'c5', 'c4', 'c3', 'c2']);
    assert.deepEqual(r.terms.find((t) => t.term === '物流').mentions, 8);
  });

  it('takes responses: their text answers, labelled with the NPS category, each response once', () => {
    const response = (id, nps, answers, extra = {}) => ({
      id,
      surveyId: 's',
      answers,
      scores: {
        nps: { type: 'nps', value: nps, category: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor' },
        ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, { type: 'text', length: v.length }])),
      },
      ...extra,
    });
    const r = themes(
      [
        response('a', 2, { comment: '客服态度差', delivery_comment: '物流慢' }),
        response('b', 10, { comment: '客服很好' }),
        response('b', 10, { comment: '客服很好' }), // the same response again
        response('c', 8, { comment: '' }),
      ],
      { locale: 'zh-CN' },
    );
    assert.equal(r.comments, 2);
    const kefu = r.terms.find((t) => t.term === '客服');
    assert.deepEqual(kefu.byCategory, { promoter: 1, passive: 0, detractor: 1 });
    assert.deepEqual(r.terms.find((t) => t.term === '物流').exampleIds, ['a']);
    // questions: only the named text answers.
    assert.equal(themes([response('a', 2, { comment: '客服态度差', delivery_comment: '物流慢' })], { questions: ['comment'] }).touchpoints.delivery.mentions, 0);
  });

  it('a comment’s own touchpoint counts in the totals; limit cuts the terms', () => {
    const r = themes([{ id: 'x', text: '太慢', touchpoint: 'delivery', category: 'detractor' }, { id: 'y', text: '不错', touchpoint: 'app' }], { locale: 'zh-CN', limit: 1 });
    assert.deepEqual(r.touchpoints.delivery, { mentions: 1, byCategory: { promoter: 0, passive: 0, detractor: 1 } });
    assert.deepEqual(r.touchpoints.app, { mentions: 1, byCategory: { promoter: 0, passive: 0, detractor: 0 } });
    assert.equal(r.terms.length, 1);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });

  it('bad input is named', () => {
    assert.throws(() => themes('物流慢'), /input must be an array/);
    assert.throws(() => themes([{ id: '', text: 'x' }]), /input\[0\]\.id must be a non-empty string/);
    assert.throws(() => themes([{ id: 'a', text: 'x', category: 'fan' }]), /category must be 'promoter', 'passive' or 'detractor'/);
    assert.throws(() => themes([{ id: 'a', text: 'x' }, { id: 'b', scores: {} }]), /mixes comments and responses|must be a comment/);
    assert.throws(() => themes([], { locale: 'not a locale!' }), /locale must be a language tag/);
    assert.throws(() => themes([], { limit: -1 }), /limit must be a non-negative integer/);
  });
});
