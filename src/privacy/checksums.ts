// Check digits of the numbers the redactor looks for. Each takes ASCII digits
// (the redactor normalises full-width input first) and never throws.

/**
 * luhnValid(digits): the Luhn (mod 10) check of a payment card number, ISO/IEC
 * 7812-1 Annex B. From the right, every second digit is doubled (minus 9 when
 * above 9); the number is valid when the sum is a multiple of 10.
 * Example: luhnValid('4539578763621486') → true.
 */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * residentIdCheck(first17): the check character of a resident identity number,
 * GB 11643-1999 §5.2, which is ISO 7064 MOD 11-2: the weight of a digit is
 * 2^(position from the right, the check digit being position 1) mod 11; the
 * check value is (12 − Σ mod 11) mod 11, written X when it is 10.
 * Example: residentIdCheck('11010519491231002') → 'X'.
 */
export function residentIdCheck(first17: string): string {
  let sum = 0;
  let weight = 1;
  // Walking from the right, the weight doubles mod 11: 2, 4, 8, 5, 10, 9, 7, ...
  for (let i = 16; i >= 0; i--) {
    weight = (weight * 2) % 11;
    sum += (first17.charCodeAt(i) - 48) * weight;
  }
  // Index sum % 11 → (12 − sum % 11) % 11, 10 written X.
  return '10X98765432'[sum % 11];
}

/** Province-level codes of GB/T 2260 (the first two digits of a resident ID), 83 = residence permits of Taiwan residents. */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/**
 * residentIdValid(id, maxYear): whether an 18-character string is a resident
 * identity number of GB 11643-1999: a province code of GB/T 2260 (or 9 plus a
 * province code, the 2023 permanent residence card of foreigners), a real
 * calendar date YYYYMMDD from 1900 to maxYear in characters 7-14, and the
 * MOD 11-2 check character (X or x) last.
 */
export function residentIdValid(id: string, maxYear: number): boolean {
  if (id.length !== 18) return false;
  for (let i = 0; i < 17; i++) if (!isDigitCode(id.charCodeAt(i))) return false;
  const region = id[0] === '9' ? id.slice(1, 3) : id.slice(0, 2);
  if (!PROVINCES.has(region)) return false;
  const year = +id.slice(6, 10);
  const month = +id.slice(10, 12);
  const day = +id.slice(12, 14);
  if (year < 1900 || year > maxYear || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return residentIdCheck(id.slice(0, 17)) === id[17].toUpperCase();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * The two-digit values of the first letter of a Taiwan ID, in letter order of
 * this string: A=10 ... H=17, J=18 ... N=22, P=23 ... V=29, X=30, Y=31, W=32,
 * Z=33, I=34, O=35 (the later letters were added out of order).
 */
const TW_LETTERS = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/**
 * taiwanIdValid(id): whether a 10-character string is a Taiwan national ID
 * (中華民國國民身分證統一編號: letter, 1 or 2, 8 digits), a new-format resident
 * certificate number (letter, 8 or 9, 8 digits, 2021) or an old-format one
 * (letter, A-D, 8 digits). The letter's value AB counts A×1 + B×9, the next
 * eight characters ×8 ... ×1 (an old-format second letter by the last digit of
 * its value), the check digit ×1; the total is a multiple of 10.
 * Example: taiwanIdValid('A123456789') → true.
 */
export function taiwanIdValid(id: string): boolean {
  if (id.length !== 10) return false;
  const first = TW_LETTERS.indexOf(id[0].toUpperCase());
  if (first < 0) return false;
  const value = first + 10;
  let sum = Math.floor(value / 10) + (value % 10) * 9;
  const second = id[1].toUpperCase();
  const old = TW_LETTERS.indexOf(second);
  if (old >= 0 && old <= 3) sum += ((old + 10) % 10) * 8;
  else if (second === '1' || second === '2' || second === '8' || second === '9') sum += (+second) * 8;
  else return false;
  for (let i = 2; i < 10; i++) {
    const c = id.charCodeAt(i);
    if (!isDigitCode(c)) return false;
    sum += (c - 48) * (i === 9 ? 1 : 9 - i);
  }
  return sum % 10 === 0;
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
