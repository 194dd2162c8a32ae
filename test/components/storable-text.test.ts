// A response the collector can store: PostgreSQL's json holds no NUL (\u0000) and no lone surrogate, and the
// collector refuses a response that carries one. A pasted text answer and a context value (data-*, the URL's
// context-params) may; the survey cleans them where it builds the response, so the koubei-submit detail, what
// requestSubmit() returns and what the outbox stores and sends all carry the cleaned text: lone surrogates as U+FFFD, NULs removed.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/index.js';
import type { KoubeiResponse, KoubeiSurvey, KoubeiText } from '../../src/index.js';
import { storable } from '../../src/components/survey/submit.js';
import { responseSchema } from '../../src/schema.js';

let n = 0;
const bucket = () => `storable-${Date.now().toString(36)}-${n++}`;
const received = async (b: string): Promise<{ body: string }[]> => (await fetch(`/test-endpoint/${b}/received`)).json();

/** Types `text` into the textarea as a paste does (a lone surrogate cannot be typed with keys). */
async function paste(el: KoubeiText, text: string): Promise<void> {
  const ta = el.shadowRoot!.querySelector('textarea')!;
  ta.focus();
  ta.value = text;
  ta.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertFromPaste' }));
  await el.updateComplete;
}

// A pasted answer with a NUL, a lone high and a lone low surrogate, and a pair that must stay (👍).
const DIRTY = 'Good\u0000 box \uD83D, late \uDC4D; 👍';
const CLEAN = 'Good box \uFFFD, late \uFFFD; 👍';

describe('<koubei-survey> cleans text the collector cannot store', () => {
  it('storable(): lone surrogates become U+FFFD and NULs go, with and without String.prototype.toWellFormed', () => {
    expect(storable(DIRTY)).to.equal(CLEAN);
    expect(storable('\uDC00\uD800')).to.equal('\uFFFD\uFFFD', 'a low before a high is two lone halves');
    expect(storable('好评 \uD83D\uDC4D')).to.equal('好评 \uD83D\uDC4D');
    const proto = String.prototype as { toWellFormed?: unknown };
    const own = Object.getOwnPropertyDescriptor(String.prototype, 'toWellFormed');
    delete proto.toWellFormed;
    try {
      expect(storable(DIRTY)).to.equal(CLEAN);
      expect(storable('\uDC00\uD800x\uD83D\uDC4D\uD83D')).to.equal('\uFFFD\uFFFDx\uD83D\uDC4D\uFFFD');
    } finally {
      if (own) Object.defineProperty(String.prototype, 'toWellFormed', own);
    }
  });

  it('a text answer and context values with a NUL or a lone surrogate are sent and stored clean', async () => {
    const b = bucket();
    const s = await fixture<KoubeiSurvey>(html`<koubei-survey lang="en" survey-id="s1" endpoint=${`/test-endpoint/${b}`}
      data-order-id=${'A1001\u0000'} data-note=${'from \uD800 a sheet'}>
      <koubei-text name="comment"></koubei-text>
      <koubei-text name="nothing"></koubei-text>
    </koubei-survey>`);
    await s.updateComplete;
    const [comment, nothing] = [...s.querySelectorAll<KoubeiText>('koubei-text')];
    await paste(comment, DIRTY);
    // Only NULs and spaces: no answer, not an empty string.
    await paste(nothing, '\u0000 \u0000');
    const heard = new Promise<KoubeiResponse>((resolve) => s.addEventListener('koubei-submit', (e) => resolve((e as CustomEvent<KoubeiResponse>).detail), { once: true }));
    const returned = await s.requestSubmit();
    const detail = await heard;
    for (const r of [returned!, detail]) {
      expect(r.answers).to.deep.equal({ comment: CLEAN });
      expect(r.context.orderId).to.equal('A1001');
      expect(r.context.note).to.equal('from \uFFFD a sheet');
      expect(r.scores.comment).to.deep.equal({ type: 'text', length: CLEAN.length - 1 }, 'scored on the clean text (👍 is one grapheme)');
    }
    await waitUntil(async () => (await received(b)).length > 0, 'the endpoint received nothing', { timeout: 8000 });
    const [{ body }] = await received(b);
    // JSON.stringify writes a NUL and a lone surrogate as escapes (a pair goes as it is).
    expect(body).not.to.match(/\\u0000|\\ud[89a-f][0-9a-f]{2}/i);
    const sent = JSON.parse(body).responses[0] as KoubeiResponse;
    expect(sent.answers.comment).to.equal(CLEAN);
    expect(sent.context.orderId).to.equal('A1001');
    expect(responseSchema.safeParse(sent).success, 'the schema the collector checks').to.equal(true);
  });
});
