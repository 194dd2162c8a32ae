// The built scoring module in plain Node (no DOM): what a shop's server runs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { graphemeLength, scoreResponse, summarize } from '../../dist/scoring.js';
import { npsInterval } from '../../dist/analysis.js';

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

describe("summarize's marginOfError is the plain Wald margin; koubei/analysis's interval the adjusted Wald", () => {
  const summarized = (scores) => summarize(scores.map((nps) => ({ scores: scoreResponse({ nps }, NPS) }))).questions.nps;

  it('one answer of 10: Wald 0 (as documented), adjusted Wald 73.5', () => {
    // Wald: p = 1, d = 0, variance 1 + 0 - 1^2 = 0, so the margin is 0.
    assert.equal(summarized([10]).marginOfError, 0);
    // Adjusted: n + 3 = 4, p = 1.75 / 4 = 0.4375, d = 0.75 / 4 = 0.1875;
    // variance (0.625 - 0.25^2) / 4 = 0.140625, sqrt 0.375; 100 * 1.959964 * 0.375 = 73.50.
    assert.equal(Math.round(npsInterval({ promoters: 1, passives: 0, detractors: 0 }).margin * 100) / 100, 73.5);
  });

  it('the two agree closely on many answers: 40 promoters, 40 passives, 20 detractors', () => {
    // Wald: p = 0.4, d = 0.2, variance 0.6 - 0.04 = 0.56; 100 * 1.959964 * sqrt(0.56 / 100) = 14.67.
    const scores = [...Array(40).fill(10), ...Array(40).fill(8), ...Array(20).fill(3)];
    assert.equal(summarized(scores).marginOfError, 14.67);
    // Adjusted: 103 answers, p = 40.75 / 103, d = 20.75 / 103; variance (0.597087 - 0.194175^2) / 103 = 0.005431;
    // 100 * 1.959964 * sqrt(0.005431) = 14.44.
    const p = 40.75 / 103;
    const d = 20.75 / 103;
    const margin = npsInterval({ promoters: 40, passives: 40, detractors: 20 }).margin;
    assert.ok(Math.abs(margin - 100 * 1.959964 * Math.sqrt((p + d - (p - d) ** 2) / 103)) < 1e-4);
    assert.equal(Math.round(margin * 100) / 100, 14.44);
  });
});
