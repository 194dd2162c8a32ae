// The built scoring module in plain Node (no DOM): what a shop's server runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { graphemeLength, scoreResponse } from '../../dist/scoring.js';

const NPS = [{ name: 'nps', type: 'nps' }];
const likert = (points) => [{ name: 'csat', type: 'likert', points }];

describe('scoring runs in Node without a DOM', () => {
  it('has no window or document to lean on', () => {
    assert.equal(typeof globalThis.window, 'undefined');
    assert.equal(typeof globalThis.document, 'undefined');
    assert.deepEqual(scoreResponse({ nps: 9 }, NPS), { nps: { type: 'nps', value: 9, category: 'promoter' } });
  });
});

describe('NPS scores', () => {
  const cases = [
    [0, 'detractor'],
    [6, 'detractor'],
    [7, 'passive'],
    [8, 'passive'],
    [9, 'promoter'],
    [10, 'promoter'],
  ];
  for (const [value, category] of cases) {
    it(`${value} is a ${category}`, () => {
      assert.deepEqual(scoreResponse({ nps: value }, NPS), { nps: { type: 'nps', value, category } });
    });
  }

  for (const bad of [-1, 11, 6.5, Number.NaN, '9', true]) {
    it(`rejects ${JSON.stringify(bad) ?? String(bad)} naming the question`, () => {
      assert.throws(
        () => scoreResponse({ recommend: bad }, [{ name: 'recommend', type: 'nps' }]),
        (e) => e instanceof RangeError && /Question "recommend"/.test(e.message) && /0-10/.test(e.message),
      );
    });
  }

  it('leaves an unanswered question without a score', () => {
    assert.deepEqual(scoreResponse({}, NPS), {});
    assert.deepEqual(scoreResponse({ nps: null }, NPS), {});
  });

  it('accepts questions as a map keyed by name', () => {
    assert.deepEqual(scoreResponse({ nps: 3, comment: 'ok' }, { nps: { type: 'nps' }, comment: { type: 'text' } }), {
      nps: { type: 'nps', value: 3, category: 'detractor' },
      comment: { type: 'text', length: 2 },
    });
  });
});

describe('Likert scores', () => {
  // normalized = (value - 1) / (points - 1); satisfied = top-2-box, only the top box on 3 points.
  const table = {
    3: [
      [1, 0, false],
      [2, 0.5, false],
      [3, 1, true],
    ],
    4: [
      [1, 0, false],
      [2, 1 / 3, false],
      [3, 2 / 3, true],
      [4, 1, true],
    ],
    5: [
      [1, 0, false],
      [2, 0.25, false],
      [3, 0.5, false],
      [4, 0.75, true],
      [5, 1, true],
    ],
    7: [
      [1, 0, false],
      [4, 0.5, false],
      [5, 4 / 6, false],
      [6, 5 / 6, true],
      [7, 1, true],
    ],
  };
  for (const [p, rows] of Object.entries(table)) {
    const points = Number(p);
    for (const [value, normalized, satisfied] of rows) {
      it(`${value} of ${points}: normalized ${normalized.toFixed(3)}, ${satisfied ? '' : 'not '}satisfied`, () => {
        assert.deepEqual(scoreResponse({ csat: value }, likert(points)), {
          csat: { type: 'likert', value, points, normalized, satisfied },
        });
      });
    }
    for (const bad of [0, points + 1, 2.5]) {
      it(`rejects ${bad} on ${points} points naming the question`, () => {
        assert.throws(
          () => scoreResponse({ csat: bad }, likert(points)),
          (e) => e instanceof RangeError && /Question "csat"/.test(e.message) && e.message.includes(`1-${points}`),
        );
      });
    }
  }

  it('rejects a scale that is not 3, 4, 5 or 7 points', () => {
    assert.throws(() => scoreResponse({ csat: 2 }, likert(6)), (e) => /Question "csat"/.test(e.message) && /3, 4, 5 or 7/.test(e.message));
  });
});

describe('text length in user-perceived characters', () => {
  const cases = [
    ['很好👍🏽', 3], // two Han characters and a thumbs-up with a skin tone modifier
    ['👨‍👩‍👧', 1], // one family emoji joined by ZWJs (5 code points)
    ['𠮷野家', 3], // 𠮷 is outside the BMP (a surrogate pair in UTF-16)
    ['🇨🇳', 1], // a flag: two regional indicators
    ['cafe\u0301', 4], // e + combining acute accent is one é
    ['\r\n', 1],
    ['a\r\nb', 3],
    ['', 0],
  ];
  for (const [text, n] of cases) {
    it(`${JSON.stringify(text)} is ${n}`, () => {
      assert.equal(graphemeLength(text), n);
      if (text) assert.deepEqual(scoreResponse({ comment: text }, [{ name: 'comment', type: 'text' }]), { comment: { type: 'text', length: n } });
    });
  }

  it('without Intl.Segmenter (old engines) still counts code points and folds CRLF', () => {
    const code = `delete Intl.Segmenter;
      const { graphemeLength } = await import(${JSON.stringify(new URL('../../dist/scoring.js', import.meta.url).href)});
      console.log(JSON.stringify(['𠮷野家', '很好', 'a\\r\\nb', ''].map(graphemeLength)));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [3, 2, 3, 0]);
  });

  it('rejects a text answer that is not a string, naming the question', () => {
    assert.throws(() => scoreResponse({ comment: 5 }, [{ name: 'comment', type: 'text' }]), /Question "comment"/);
  });
});

describe('question names', () => {
  it('an unanswered question named toString or constructor gets no score (own answers only)', () => {
    const specs = [
      { name: 'toString', type: 'text' },
      { name: 'constructor', type: 'nps' },
      { name: 'hasOwnProperty', type: 'likert', points: 5 },
    ];
    assert.deepEqual(scoreResponse({}, specs), {});
    // 4 of 5: normalized (4-1)/(5-1) = 0.75, top-2-box.
    assert.deepEqual(scoreResponse({ hasOwnProperty: 4 }, specs), {
      hasOwnProperty: { type: 'likert', value: 4, points: 5, normalized: 0.75, satisfied: true },
    });
  });

  it('a question named __proto__ with an answer is a TypeError naming it, not a prototype swap', () => {
    const answers = JSON.parse('{"__proto__": 9}');
    assert.throws(() => scoreResponse(answers, [{ name: '__proto__', type: 'nps' }]), { name: 'TypeError', message: /"__proto__"/ });
  });
});

describe('graphemeLength: the fast path agrees with Intl.Segmenter', () => {
  const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const reference = (t) => {
    let n = 0;
    for (const _ of seg.segment(t)) n++;
    return n;
  };
  // Simple characters beside every kind that joins: combining marks, ZWJ sequences, skin tones, flags, CRLF,
  // Thai and Devanagari marks, Hangul jamo, kana voicing marks, a prepend, lone surrogates, variation selectors.
  const pieces = ['a', '好', '👍🏽', '👨‍👩‍👧', '\r\n', '\r', '\n', 'e\u0301', '\u0301', '🇨🇳', '🇨', 'ก\u0e33', '\u0600', '1', '\u1100', '\u1161', '\u11a8', '한', '\ud83d', '\ude00', '©', '\ufe0f', '\u200d', 'か\u3099', 'ｶ\uff9e', ' ', '\u093f', 'क्', 'ष', '\u302a', '™'];
  it('on 50,000 random strings of up to 12 pieces', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 50000; i++) {
      let t = '';
      for (let j = 1 + Math.floor(rand() * 12); j > 0; j--) t += pieces[Math.floor(rand() * pieces.length)];
      if (graphemeLength(t) !== reference(t)) assert.fail(`${JSON.stringify(t)}: ${graphemeLength(t)}, Intl.Segmenter ${reference(t)}`);
    }
  });
  it('counts 1 MB of mostly Chinese text with emoji exactly, in well under a second', () => {
    // 16 characters a line: 好评，物流很快！ (8) + "Great!" (6) + 👍🏽 (1) + \n (1); 65,536 lines.
    const text = '好评，物流很快！Great!👍🏽\n'.repeat(65536);
    const t0 = performance.now();
    assert.equal(graphemeLength(text), 16 * 65536);
    assert.ok(performance.now() - t0 < 1000, `${performance.now() - t0} ms`);
  });
});
