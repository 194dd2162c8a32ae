// Character classes on the normalised text (see normalize.ts), by UTF-16 code.

export const isDigit = (c: number): boolean => c >= 48 && c <= 57;
export const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
export const isAlnum = (c: number): boolean => isDigit(c) || isAsciiLetter(c);
/** CJK Unified Ideographs and Extension A: the characters of Chinese names and words. */
export const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);

/** code(s, i): the UTF-16 code at i, or -1 outside the string (so no check reads past either end). */
export const code = (s: string, i: number): number => (i >= 0 && i < s.length ? s.charCodeAt(i) : -1);
