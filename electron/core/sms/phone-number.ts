import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  validatePhoneNumberLength,
  type CountryCode,
  type NumberType,
} from 'libphonenumber-js/max';

/**
 * Phone numbers as people type them ("07400 123456", "+1 (201) 555-0123", "0044 7400 123456") to
 * E.164, through libphonenumber-js. The `max` metadata is used because only it knows which ranges
 * are mobile; it also knows the ranges no real phone has (Ofcom's 07700 900xxx drama numbers are
 * invalid here, on purpose).
 */

export type PhoneNumberProblem = 'too_short' | 'too_long' | 'invalid' | 'not_mobile';

export type PhoneNumberResult =
  | {
      ok: true;
      /** "+447400123456" */
      e164: string;
      /** "44" */
      countryCallingCode: string;
      /** The national significant number, "7400123456" (no trunk prefix). */
      nationalNumber: string;
      /** The region the number belongs to, when the plan tells ("GB", "GG"...). */
      region: string | undefined;
    }
  | { ok: false; reason: PhoneNumberProblem };

/**
 * Types that certainly cannot take a text message. FIXED_LINE_OR_MOBILE (all of North America),
 * VOIP and an unknown type pass: the plan cannot tell, and refusing a working mobile is worse than
 * a provider refusing a landline. PERSONAL_NUMBER (UK 070, call forwarding) and PAGER are refused:
 * they are not phones a person carries for texts, and 070 numbers are a known fraud route.
 */
const notMobileTypes: ReadonlySet<NumberType> = new Set<NumberType>([
  'FIXED_LINE',
  'TOLL_FREE',
  'PREMIUM_RATE',
  'SHARED_COST',
  'UAN',
  'VOICEMAIL',
  'PERSONAL_NUMBER',
  'PAGER',
]);

// Longer than any formatted number a person would type; keeps the parser's work bounded.
const maxInputLength = 64;

/** A region the library knows, or undefined (then only numbers starting with + or 00-style prefixes parse). */
export function knownRegion(region: string | undefined): CountryCode | undefined {
  return region !== undefined && isSupportedCountry(region) ? region : undefined;
}

/** "44" for GB; undefined for a region the library does not know. */
export function regionCallingCode(region: string): string | undefined {
  const known = knownRegion(region);
  return known === undefined ? undefined : getCountryCallingCode(known);
}

/** A valid number written exactly in E.164 ("+447400123456"), of any type: for a sender, not a recipient. */
export function isE164(value: string): boolean {
  const parsed = value.startsWith('+') && value.length <= 16 ? parsePhoneNumberFromString(value) : undefined;
  return parsed !== undefined && parsed.isValid() && parsed.number === value;
}

export function parsePhoneNumber(raw: unknown, defaultRegion: string | undefined): PhoneNumberResult {
  // Pasted numbers bring spaces around them; the library reads " +44..." as a national number.
  const input = typeof raw === 'string' ? raw.trim() : '';
  if (input === '' || input.length > maxInputLength) return { ok: false, reason: 'invalid' };
  const region = knownRegion(defaultRegion);
  switch (validatePhoneNumberLength(input, region)) {
    case 'TOO_SHORT':
      return { ok: false, reason: 'too_short' };
    case 'TOO_LONG':
      return { ok: false, reason: 'too_long' };
    case undefined:
      break;
    default:
      // INVALID_LENGTH (between the plan's lengths), INVALID_COUNTRY, NOT_A_NUMBER.
      return { ok: false, reason: 'invalid' };
  }
  const parsed = parsePhoneNumberFromString(input, region);
  // An extension cannot receive a text message.
  if (parsed === undefined || parsed.ext !== undefined || !parsed.isValid()) return { ok: false, reason: 'invalid' };
  const type = parsed.getType();
  if (type !== undefined && notMobileTypes.has(type)) return { ok: false, reason: 'not_mobile' };
  return {
    ok: true,
    e164: parsed.number,
    countryCallingCode: parsed.countryCallingCode,
    nationalNumber: parsed.nationalNumber,
    region: parsed.country,
  };
}

// The mask is pure and shown by registration too: it lives in shared/ with the email mask.
export { maskPhoneNumber } from '../../../shared/registration/masking.js';
