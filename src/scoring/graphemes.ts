let segmenter: Intl.Segmenter | undefined;

/**
 * Counts user-perceived characters (extended grapheme clusters): 很好👍🏽 is 3,
 * 👨‍👩‍👧 is 1, CRLF is 1. The same function runs in browsers and in Node, so the
 * counter a customer sees and the `length` a server computes always agree.
 */
export function graphemeLength(text: string): number {
  if (!text) return 0;
  if (typeof Intl !== 'undefined' && 'Segmenter' in Intl) {
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    let n = 0;
    for (const _ of segmenter.segment(text)) n++;
    return n;
  }
  // Old engines: code points, with CRLF folded, is the closest safe count.
  return Array.from(text.replace(/\r\n/g, '\n')).length;
}
