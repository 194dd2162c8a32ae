// mentionsTerm and termForms: a filter on a themes term (the report's click on one) lists exactly the comments
// themes() counted for it, in any locale's name of the term; termForms is the wider text filter a database runs
// first, so it must keep every comment mentionsTerm accepts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { themes, mentionsTerm, termForms } from '../../dist/analysis.js';
import { makeResponses } from '../../demo/seed.js';

const own = [
  '快递很慢，等了好几天', '物流很快', '快递员态度很好', '客服回复很慢', '退款一直拖着', '很愉快的一次购物', '包装完好无损',
  '包裝破損了', 'The courier was late', 'Chocolate arrived melted', 'fast shipping, great price', '不满意', '很满意',
  '会回购', 'Would buy again', '尽快发货吧',
].map((text, i) => ({ id: `c${i}`, text }));

function comments() {
  const out = [...own];
  for (const r of makeResponses({ seed: 7, now: Date.parse('2026-11-30T00:00:00Z'), days: 60, perDay: 12 })) {
    const text = Object.entries(r.answers).filter(([k, v]) => r.scores[k]?.type === 'text' && typeof v === 'string').map(([, v]) => v).join('\n');
    if (text.trim()) out.push({ id: r.id, text });
  }
  return out;
}

describe('mentionsTerm / termForms', () => {
  const all = comments();
  for (const locale of ['zh-CN', 'zh-TW', 'en']) {
    it(`${locale}: every term themes lists is mentioned by exactly the comments it counted, and termForms keeps them all`, () => {
      const result = themes(all, { locale, limit: 1000 });
      assert.ok(result.terms.length > 20, 'the corpus has terms');
      for (const t of result.terms) {
        const hits = all.filter((c) => mentionsTerm(c.text, t.term, locale));
        assert.equal(hits.length, t.mentions, `${locale} ${t.term}`);
        const forms = termForms(t.term).map((f) => f.toLowerCase());
        for (const c of hits) {
          const text = c.text.normalize('NFKC').toLowerCase();
          assert.ok(forms.some((f) => text.includes(f)), `${t.term}: termForms keeps ${c.text}`);
        }
      }
    });
  }

  it('is no text search: 快 is not in 快递 nor 愉快, 回复慢 is the clause\'s speed, late is not in chocolate', () => {
    const ids = (term, locale) => own.filter((c) => mentionsTerm(c.text, term, locale)).map((c) => c.text);
    assert.deepEqual(ids('快'), ['物流很快', 'fast shipping, great price']); // one concept: fast is its English
    assert.deepEqual(ids('慢'), ['快递很慢，等了好几天', 'The courier was late']);
    assert.deepEqual(ids('回复慢'), ['客服回复很慢']);
    assert.deepEqual(ids('slow', 'en'), ['快递很慢，等了好几天', 'The courier was late']);
    assert.deepEqual(ids('满意'), ['很满意']);
    assert.deepEqual(ids('不满意'), ['不满意']);
  });

  it('takes the term in either script or in English: 包装, 包裝 and packaging are one concept', () => {
    const hits = (term) => own.filter((c) => mentionsTerm(c.text, term)).map((c) => c.id);
    assert.deepEqual(hits('包裝'), hits('包装'));
    assert.deepEqual(hits('PACKAGING'), hits('包装'));
    assert.ok(hits('包装').length >= 1);
    assert.deepEqual(hits('回購'), hits('buy again'));
    assert.equal(hits('回购').length, 2);
  });

  it('termForms: a concept\'s forms (a service speed with delivery\'s words), a word as written, never empty', () => {
    assert.ok(termForms('包裝').includes('包装'));
    assert.ok(termForms('回复慢').includes('慢') && termForms('回复慢').includes('没人理'));
    assert.deepEqual(termForms('还行'), ['还行']);
    assert.deepEqual(termForms('  Hello '), ['hello']);
    assert.equal(mentionsTerm('anything', '   '), false);
  });
});
