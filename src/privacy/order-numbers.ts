import { code, isAlnum } from './chars.js';

/**
 * The words that announce an order or tracking number. 单号 also matches inside
 * 运单号, 快递单号 and 物流单号; 订单 alone covers 订单：123 and 订单123.
 */
const ORDER_WORD =
  /(?:订单|訂單)(?:号码|號碼|编号|編號|号|號)?|(?:单|單)(?:号码|號碼|号|號)|\b(?:order|tracking|waybill)(?:[ \t]*(?:no\b\.?|num\b\.?|number|id\b|#))?/gi;

/** At most this many characters of ':', '#', '=' and spaces between the word and the number. */
const MAX_FILLER = 4;
/** A space-separated group after the first joins the order number only when it is this short (1234 5678 9012). */
const MAX_SPACED_GROUP = 6;

/**
 * orderNumberMask(n): a mask of the normalised text, 1 on every character of an
 * order or tracking number (the alphanumeric token right after 订单号, 单号,
 * 运单号, 快递单号, 訂單號, order no./#/number, tracking number, waybill, with an
 * optional ：:#= and 是/为/is between). Phone, ID and card matches that touch a
 * masked character are dropped: an order number is not personal data, and
 * shops need it to find the order. Returns null when the text has none.
 */
export function orderNumberMask(n: string): Uint8Array | null {
  let mask: Uint8Array | null = null;
  ORDER_WORD.lastIndex = 0;
  for (let m = ORDER_WORD.exec(n); m; m = ORDER_WORD.exec(n)) {
    let k = skipFiller(n, m.index + m[0].length);
    if (n[k] === '是' || n[k] === '为' || n[k] === '為') k = skipFiller(n, k + 1);
    else if (/^is\b/i.test(n.slice(k, k + 3))) k = skipFiller(n, k + 2);
    const end = tokenEnd(n, k);
    if (end > k) {
      mask ??= new Uint8Array(n.length);
      mask.fill(1, k, end);
    }
    ORDER_WORD.lastIndex = Math.max(ORDER_WORD.lastIndex, end);
  }
  return mask;
}

function skipFiller(n: string, k: number): number {
  const stop = k + MAX_FILLER;
  while (k < stop && (n[k] === ' ' || n[k] === ':' || n[k] === '#' || n[k] === '=' || n[k] === '\t')) k++;
  return k;
}

/** The end of the order number starting at k: alphanumeric chunks joined by '-', then short space-separated groups. */
function tokenEnd(n: string, k: number): number {
  let end = chunkEnd(n, k);
  if (end === k) return k;
  for (;;) {
    if (n[end] === '-' && isAlnum(code(n, end + 1))) {
      end = chunkEnd(n, end + 1);
    } else if (n[end] === ' ' && isAlnum(code(n, end + 1))) {
      const next = chunkEnd(n, end + 1);
      if (next - (end + 1) > MAX_SPACED_GROUP) return end;
      end = next;
    } else {
      return end;
    }
  }
}

function chunkEnd(n: string, k: number): number {
  while (isAlnum(code(n, k))) k++;
  return k;
}
