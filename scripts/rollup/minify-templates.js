/**
 * `minifyTemplates()` shrinks the static text of Lit's css`` and html`` templates (about a tenth of
 * the bundle is their indentation): CSS loses comments and every space a CSS
 * parser ignores; in HTML a whitespace run holding a line break becomes one
 * space, which HTML renders the same (no template has <pre>, and <textarea>
 * content is always bound, never literal).
 */
export const minifyTemplates = () => ({
  name: 'minify-templates',
  transform(code, id) {
    if (!id.endsWith('.ts') || !/\b(css|html)`/.test(code)) return null;
    const edits = [];
    const walk = (node) => {
      if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && (node.tag.name === 'css' || node.tag.name === 'html')) {
        const quasis = node.quasi.quasis;
        quasis.forEach((q, i) => {
          const raw = code.slice(q.start, q.end);
          const text = node.tag.name === 'css' ? minifyCss(raw, i === 0, i === quasis.length - 1) : minifyHtml(raw);
          if (text !== raw) edits.push([q.start, q.end, text]);
        });
      }
      for (const [key, v] of Object.entries(node)) {
        if (key === 'loc') continue;
        for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child.type === 'string') walk(child);
      }
    };
    walk(this.parse(code));
    return edits.length ? applyEdits(code, edits.sort((a, b) => a[0] - b[0])) : null;
  },
});

/** `minifyHtml(raw)`: a whitespace run holding a line break becomes one space (HTML renders it the same). */
export const minifyHtml = (raw) => raw.replace(/\s*\n\s*/g, ' ');

/**
 * `minifyCss(raw, first, last)`: CSS without comments and without the spaces a CSS parser ignores. `raw` is one
 * static part of a css`` template; `first` / `last` say whether it starts / ends the template (only there may
 * a leading / trailing space go: elsewhere it separates the text from an interpolated value).
 */
export function minifyCss(raw, first = true, last = true) {
  let s = raw.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\s+/g, ' ');
  s = s.replace(/ ?([{};,>]) ?/g, '$1');
  // After a colon only: a space before one is a descendant combinator (`.a :hover`).
  s = s.replace(/: /g, ':').replace(/;}/g, '}');
  if (first) s = s.replace(/^ /, '');
  if (last) s = s.replace(/ $/, '');
  return s;
}

/** `applyEdits(code, edits)`: applies [start, end, text] edits (sorted, disjoint) with a source map back to `code`. */
export function applyEdits(code, edits) {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') starts.push(i + 1);
  const where = (off) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return [lo, off - starts[lo]];
  };
  const lines = [[]];
  let out = '';
  let col = 0;
  const mark = (off) => lines[lines.length - 1].push([col, ...where(off)]);
  const emit = (text, from) => {
    // `from`: the input offset of each new output line, or a fixed offset for replaced text.
    for (let i = 0; i < text.length; i++) {
      out += text[i];
      col++;
      if (text[i] === '\n') {
        lines.push([]);
        col = 0;
        mark(typeof from === 'number' ? from : from(i + 1));
      }
    }
  };
  let at = 0;
  mark(0);
  for (const [start, end, text] of edits) {
    emit(code.slice(at, start), (i) => at + i);
    emit(text, start);
    mark(end);
    at = end;
  }
  emit(code.slice(at), (i) => at + i);
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const vlq = (n) => {
    let v = n < 0 ? (-n << 1) | 1 : n << 1;
    let s = '';
    do {
      let d = v & 31;
      v >>>= 5;
      if (v) d |= 32;
      s += B64[d];
    } while (v);
    return s;
  };
  let pl = 0;
  let pc = 0;
  const mappings = lines
    .map((segs) => {
      let pcol = 0;
      return segs
        .map(([c, l, sc]) => {
          const s = vlq(c - pcol) + 'A' + vlq(l - pl) + vlq(sc - pc);
          pcol = c;
          pl = l;
          pc = sc;
          return s;
        })
        .join(',');
    })
    .join(';');
  return { code: out, map: { version: 3, sources: [null], names: [], mappings } };
}
