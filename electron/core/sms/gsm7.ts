/**
 * How many SMS segments a text takes. A text whose every character is in the GSM 03.38 default
 * alphabet goes as GSM-7: 160 septets in one segment, 153 per segment once it is split (the rest
 * carries the concatenation header). Extension-table characters (€ [ ] { } ^ ~ | \ and form feed)
 * take two septets, an escape and the character, and a pair is never split across segments. One
 * character outside both tables sends the whole text as UCS-2: 70 UTF-16 units, 67 per segment
 * when split, and a surrogate pair (an emoji) is never split either.
 */

// The 127 characters of the basic table, in table order (0x1B is the escape to the extension table).
const basicTable =
  '@£$¥èéùìòÇ\nØø\rÅå' +
  'Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ' +
  ' !"#¤%&\'()*+,-./' +
  '0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmnopqrstuvwxyzäöñüà';
const extensionTable = '\f^{}\\[~]|€';

const basic = new Set(basicTable);
const extension = new Set(extensionTable);

export interface SegmentCount {
  encoding: 'gsm7' | 'ucs2';
  /** Septets for GSM-7 (extension characters count two), UTF-16 code units for UCS-2. */
  units: number;
  /** Segments the network carries; an empty text still costs one. */
  segments: number;
}

const limits = {
  gsm7: { single: 160, perPart: 153 },
  ucs2: { single: 70, perPart: 67 },
} as const;

/** Whether every character of `text` is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const character of text) if (!basic.has(character) && !extension.has(character)) return false;
  return true;
}

export function gsm7Segments(text: string): SegmentCount {
  const encoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  // Each entry is one unbreakable piece: a GSM character (1 or 2 septets) or a code point (1 or 2 UTF-16 units).
  const widths = [...text].map((character) => (encoding === 'gsm7' ? (extension.has(character) ? 2 : 1) : character.length));
  const units = widths.reduce((sum, width) => sum + width, 0);
  const { single, perPart } = limits[encoding];
  if (units <= single) return { encoding, units, segments: 1 };
  let segments = 1;
  let filled = 0;
  for (const width of widths) {
    if (filled + width > perPart) {
      segments += 1;
      filled = 0;
    }
    filled += width;
  }
  return { encoding, units, segments };
}

/**
 * Our own wording with each letter GSM-7 lacks written without its accent ("á" as "a", "ç" as "c",
 * "ô" as "o"), as phones and gateways commonly do, so a French or Spanish text costs what the English
 * one does instead of going as UCS-2 at 70 characters a segment. Only applied when the whole text
 * then fits GSM-7: Arabic keeps every mark and goes as UCS-2. Values (a name, a number) are never folded.
 */
export function withGsm7Letters(text: string): string {
  let folded = '';
  for (const character of text) {
    if (basic.has(character) || extension.has(character)) folded += character;
    else folded += character.normalize('NFD').replace(/\p{M}/gu, '');
  }
  return isGsm7(folded) ? folded : text;
}
