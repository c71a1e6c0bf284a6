import type { Piece } from './piece.js';

/**
 * Padding: the digits people add until a password is long enough. Years 1900-2099 and dates in the
 * common layouts (day and month either way round, year first or last, 2 or 4 digits of year), and
 * the numbers people pick as "lucky" (007, 69, 420, ...). Repeated and counting digit runs ("777",
 * "123456") are runs.ts's.
 *
 * Costs as zxcvbn counts them: a year costs its distance from a reference year, at least 20 (the
 * years near now are tried first: birth years, graduation, this year); a date costs 365 days times
 * that. The reference year is fixed, as zxcvbn's is, so that a verdict does not change with the
 * calendar; moving it is a reviewed change, like the lists.
 */
const referenceYear = 2025;
const minYearSpace = 20;
const yearLog10 = (year: number) => Math.log10(Math.max(Math.abs(year - referenceYear), minYearSpace));
/** A two-digit year is the nearer of 19xx and 20xx to the reference year. */
const fullYearOf = (twoDigits: number) => (2000 + twoDigits - referenceYear <= 25 ? 2000 + twoDigits : 1900 + twoDigits);
const dateLog10 = (year: number) => Math.log10(365) + yearLog10(year);
/** The numbers people append that are neither a run nor a date; each costs the size of this list. */
const commonNumbers = new Set(['007', '69', '13', '21', '22', '23', '24', '42', '99', '88', '100', '101', '247', '360', '365', '420', '666', '786', '911', '1000', '1337', '2000']);
const commonNumberLog10 = Math.log10(commonNumbers.size);
/** The same numbers as length * 10,000 + value, so that a check compares numbers, not strings ("007" is not "7"). */
const commonNumberKeys = new Set([...commonNumbers].map((number) => number.length * 10_000 + Number(number)));

const isDigit = (codePoint: number | undefined) => codePoint !== undefined && codePoint >= 0x30 && codePoint <= 0x39;

function value(text: readonly number[], start: number, length: number): number {
  let out = 0;
  for (let i = start; i < start + length; i += 1) out = out * 10 + ((text[i] as number) - 0x30);
  return out;
}

const isYear = (year: number) => year >= 1900 && year <= 2099;
const isMonth = (month: number) => month >= 1 && month <= 12;
const isDay = (day: number) => day >= 1 && day <= 31;
const isDayMonth = (a: number, b: number) => (isDay(a) && isMonth(b)) || (isMonth(a) && isDay(b));

/** Guesses for a date of this many digits, in any of the layouts above; null when it is no date. */
function dateGuessesLog10(text: readonly number[], start: number, length: number): number | null {
  if (length !== 4 && length !== 6 && length !== 8) return null;
  switch (length) {
    case 4: // ddmm, mmdd: no year, only the days
      return isDayMonth(value(text, start + 0, 2), value(text, start + 2, 2)) ? Math.log10(366) : null;
    case 6: {
      // ddmmyy, mmddyy; yymmdd; yyyymm, mmyyyy (a month of a year)
      if (isDayMonth(value(text, start + 0, 2), value(text, start + 2, 2))) return dateLog10(fullYearOf(value(text, start + 4, 2)));
      if (isDayMonth(value(text, start + 2, 2), value(text, start + 4, 2))) return dateLog10(fullYearOf(value(text, start + 0, 2)));
      if (isYear(value(text, start + 0, 4)) && isMonth(value(text, start + 4, 2))) return Math.log10(12) + yearLog10(value(text, start + 0, 4));
      if (isMonth(value(text, start + 0, 2)) && isYear(value(text, start + 2, 4))) return Math.log10(12) + yearLog10(value(text, start + 2, 4));
      return null;
    }
    case 8: // ddmmyyyy, mmddyyyy, yyyymmdd
      if (isDayMonth(value(text, start + 0, 2), value(text, start + 2, 2)) && isYear(value(text, start + 4, 4))) return dateLog10(value(text, start + 4, 4));
      if (isYear(value(text, start + 0, 4)) && isDayMonth(value(text, start + 4, 2), value(text, start + 6, 2))) return dateLog10(value(text, start + 0, 4));
      return null;
    default:
      return null;
  }
}

export function findPaddingPieces(text: readonly number[], out: Piece[] = []): Piece[] {
  for (let start = 0; start < text.length; start += 1) {
    if (!isDigit(text[start])) continue;
    let end = start;
    while (isDigit(text[end])) end += 1;
    for (let length = 2; length <= Math.min(8, end - start); length += 1) {
      if (length === 4 && isYear(value(text, start, 4))) out.push({ start, end: start + 4, kind: 'year', log10Guesses: yearLog10(value(text, start, 4)) });
      const date = dateGuessesLog10(text, start, length);
      if (date !== null) out.push({ start, end: start + length, kind: 'date', log10Guesses: date });
      if (length <= 4 && commonNumberKeys.has(length * 10_000 + value(text, start, length))) {
        out.push({ start, end: start + length, kind: 'digits', log10Guesses: commonNumberLog10 });
      }
    }
  }
  return out;
}
