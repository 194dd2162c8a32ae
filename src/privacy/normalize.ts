/**
 * normalizeWidth(text): the text with every full-width ASCII form (U+FF01-U+FF5E:
 * ０-９, Ａ-Ｚ, ａ-ｚ, ＠, ．, －, ＋, （ ...) turned into its ASCII character (Unicode
 * Standard, Halfwidth and Fullwidth Forms block: the offset is 0xFEE0), the
 * ideographic and no-break spaces into a space, the other dashes (U+2010-U+2015,
 * U+2212, U+FE63) into '-' and ﹫ into '@'.
 *
 * Every replacement is one UTF-16 unit for one, so an offset in the result is
 * the same offset in the input: the redactor matches on the result and cuts the
 * customer's own text, which keeps full-width characters everywhere it replaced
 * nothing.
 */
export function normalizeWidth(text: string): string {
  // A fast path: most comments hold none of these characters.
  if (!/[\uFF01-\uFF5E\u3000\u00A0\u2010-\u2015\u2212\uFE63\uFE6B]/.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let to = -1;
    if (c >= 0xff01 && c <= 0xff5e) to = c - 0xfee0;
    else if (c === 0x3000 || c === 0x00a0) to = 0x20;
    else if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe63) to = 0x2d;
    else if (c === 0xfe6b) to = 0x40;
    if (to < 0) continue;
    out += text.slice(from, i) + String.fromCharCode(to);
    from = i + 1;
  }
  return out + text.slice(from);
}
