// Complete catalogues with standard survey wording,
// full-width punctuation in Chinese, and a zh-TW without Simplified-only
// characters or English left in it.
import { expect } from '@open-wc/testing';
import en from '../../src/i18n/en.js';
import ja from '../../src/i18n/ja.js';
import ko from '../../src/i18n/ko.js';
import type { Messages } from '../../src/i18n/messages.js';
import zhCN from '../../src/i18n/zh-cn.js';
import zhTW from '../../src/i18n/zh-tw.js';
import { SIMPLIFIED_ONLY } from './simplified-only.js';

const ALL: Record<string, Messages> = { en, 'zh-CN': zhCN, 'zh-TW': zhTW, ja, ko };
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const withoutPlaceholders = (s: string) => s.replace(/\{\w+\}/g, '');
const texts = (m: Messages) => Object.entries(m).filter(([k]) => !k.startsWith('$'));

/** Characters of `text` that only exist in Simplified Chinese. */
function simplifiedOnly(text: string): string[] {
  return [...new Set([...text].filter((c) => SIMPLIFIED_ONLY.has(c)))];
}

describe('catalogues', () => {
  it('ko: the default NPS question reads well with and without a brand (no 을(를) guesswork)', () => {
    const q = (brand: string) => ko.npsQuestion.replace('{brand}', brand);
    expect(q(ko.npsBrandFallback)).to.equal('저희의 제품과 서비스를 친구나 동료에게 추천할 가능성은 얼마나 됩니까?');
    expect(q('쿠팡')).to.not.match(/[을를]\(/);
  });

  for (const [tag, m] of Object.entries(ALL)) {
    it(`${tag}: every key of en, non-empty, the same placeholders, the same number of Likert labels`, () => {
      expect(m.$lang).to.equal(tag);
      expect(Object.keys(m).sort()).to.deep.equal(Object.keys(en).sort());
      for (const [k, v] of texts(m)) {
        expect(v.trim(), `${tag}.${k}`).to.not.equal('');
        expect(placeholders(v), `${tag}.${k} placeholders`).to.deep.equal(placeholders(en[k as keyof Messages]));
      }
      for (const n of [3, 4, 5, 7] as const) expect(m[`likert${n}`].split('|'), `${tag}.likert${n}`).to.have.length(n);
    });
  }

  it('standard wording: NPS and satisfaction in zh-CN, zh-TW and en', () => {
    expect(zhCN.npsQuestion).to.equal('您有多大可能向朋友或同事推荐{brand}？');
    expect(zhTW.npsQuestion).to.equal('您有多大可能向朋友或同事推薦{brand}？');
    expect(en.npsQuestion).to.equal('How likely are you to recommend {brand} to a friend or colleague?');
    expect([zhCN.npsLow, zhCN.npsHigh]).to.deep.equal(['完全不可能', '极有可能']);
    expect([zhTW.npsLow, zhTW.npsHigh]).to.deep.equal(['完全不可能', '極有可能']);
    expect([en.npsLow, en.npsHigh]).to.deep.equal(['Not at all likely', 'Extremely likely']);
    expect(zhCN.likert5.split('|')).to.deep.equal(['非常不满意', '不满意', '一般', '满意', '非常满意']);
    expect(zhTW.likert5.split('|')).to.deep.equal(['非常不滿意', '不滿意', '普通', '滿意', '非常滿意']);
    expect(en.likert5.split('|')).to.deep.equal(['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied']);
    expect(zhCN.textHint).to.equal('最多可输入 {max} 字');
    expect(zhCN.textOver).to.equal('超出 {n} 字');
    expect(en.textHint).to.equal('You can enter up to {max} characters');
    expect(en.textOver).to.equal('You have {n} characters too many');
    expect(zhCN.errorPrefix).to.equal('错误：');
    expect(zhTW.errorPrefix).to.equal('錯誤：');
    expect(en.errorPrefix).to.equal('Error: ');
  });

  for (const [tag, m] of Object.entries({ 'zh-CN': zhCN, 'zh-TW': zhTW, ja })) {
    it(`${tag}: full-width punctuation only (，。？！：；（）), questions end in ？`, () => {
      for (const [k, v] of texts(m)) {
        expect(withoutPlaceholders(v), `${tag}.${k}: ${v}`).to.not.match(/[,.!?:;()[\]"']/);
      }
      for (const k of ['npsQuestion', 'likertQuestion', 'textQuestion'] as const) expect(m[k], `${tag}.${k}`).to.match(/？$/);
    });

    it(`${tag}: no English left`, () => {
      for (const [k, v] of texts(m)) expect(withoutPlaceholders(v), `${tag}.${k}: ${v}`).to.not.match(/[A-Za-z]/);
    });
  }

  it('zh-TW has no Simplified-only characters', () => {
    for (const [k, v] of texts(zhTW)) expect(simplifiedOnly(v), `zh-TW.${k}: ${v}`).to.deep.equal([]);
  });

  it('the Simplified check can fail: it flags the zh-CN catalogue and typical Simplified words', () => {
    const found = simplifiedOnly(texts(zhCN).map(([, v]) => v).join(''));
    expect(found).to.include.members(['们', '满', '体', '验', '请', '选', '择', '输', '关', '闭', '购']);
    for (const c of '这个们满体验说请选择输对为与发处务购买关闭') expect(SIMPLIFIED_ONLY.has(c), c).to.be.true;
    // Shared by both scripts: never flagged.
    for (const c of '入物流的了我您好不可能非常意') expect(SIMPLIFIED_ONLY.has(c), c).to.be.false;
  });

  it('zh-CN has no Traditional-only wording for the key terms', () => {
    const all = texts(zhCN).map(([, v]) => v).join('');
    for (const c of '們滿體驗說請選擇輸對為與發處務購買關閉極誤') expect(all, c).to.not.contain(c);
  });
});
