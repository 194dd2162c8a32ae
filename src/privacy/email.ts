import { code, isAlnum, isAsciiLetter } from './chars.js';
import type { Span } from './types.js';

/** Characters of a local part (RFC 5322 dot-atom, the ones people use). */
const isLocal = (c: number): boolean => isAlnum(c) || c === 46 /* . */ || c === 95 /* _ */ || c === 37 /* % */ || c === 43 /* + */ || c === 45 /* - */;
const isLabel = (c: number): boolean => isAlnum(c) || c === 45; /* - */

/**
 * findEmails(n, out): pushes the email addresses of the normalised text.
 * Works outward from each '@' (so the time is linear, with no backtracking):
 * left over the local part, right over dot-separated labels ending in a
 * top-level domain of letters (RFC 5321 §4.1.2 shapes, ASCII only). Chinese
 * text glued on either side ends the address (联系我abc.d@qq.com谢谢), and so
 * does a final '.' (a sentence's full stop). An ideographic full stop between
 * labels (qq。com, what a Chinese keyboard types) counts as the dot.
 */
export function findEmails(n: string, out: Span[]): void {
  for (let at = n.indexOf('@'); at >= 0; at = n.indexOf('@', at + 1)) {
    let s = at;
    while (isLocal(code(n, s - 1))) s--;
    while (n[s] === '.') s++;
    if (s === at) continue;
    let k = at + 1;
    let end = -1;
    let labels = 0;
    // Labels separated by dots; end is set after each label that could be the last (letters only, 2+).
    for (;;) {
      const ls = k;
      let letters = true;
      while (isLabel(code(n, k))) {
        if (!isAsciiLetter(n.charCodeAt(k))) letters = false;
        k++;
      }
      if (k === ls) break;
      labels++;
      if (labels >= 2 && letters && k - ls >= 2) end = k;
      const dot = n[k] === '.' || n[k] === '。' || n[k] === '｡';
      if (!dot || !isAlnum(code(n, k + 1))) break;
      k++;
    }
    if (end > 0) out.push({ start: s, end, kind: 'email' });
  }
}
