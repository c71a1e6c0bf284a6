import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * How a registered method is shown: enough for its owner to recognise it, too little for whoever
 * stands behind them (or reads a notice sent to an old address) to learn it. Pure, so main masks what
 * it sends and the tests can pin the shapes down; the renderer never sees the full value.
 */

const hidden = '•••';

/** User-perceived characters, so "é" written as e + accent, or an emoji, is shown or hidden whole. */
function graphemes(text: string): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (part) => part.segment);
}

/**
 * The first and last character with a fixed run of dots between, whatever the length, so the mask
 * does not tell the length either. Two characters or fewer would be given away by first + last, so
 * only the first (or, for one, nothing) is shown.
 */
function maskRun(text: string): string {
  const characters = graphemes(text);
  if (characters.length <= 1) return hidden;
  if (characters.length === 2) return `${characters[0]}${hidden}`;
  return `${characters[0]}${hidden}${characters.at(-1)}`;
}

/**
 * Second-level labels under which people register their own names (mail.co.uk, uni.ac.nz): kept with
 * the country code, so "g•••.co.uk" still tells the owner which of their addresses it is.
 */
const registrySecondLevels = new Set(['co', 'com', 'ac', 'edu', 'gov', 'net', 'org', 'ne', 'or', 'go', 'gv', 'ltd', 'plc', 'me', 'nom', 'sch']);

function publicSuffixLength(labels: string[]): number {
  const top = labels.at(-1) ?? '';
  const second = labels.at(-2);
  const countryCode = /^[a-z]{2}$/i.test(top);
  return labels.length >= 3 && countryCode && second !== undefined && registrySecondLevels.has(second.toLowerCase()) ? 2 : 1;
}

/**
 * `amira.khan@homemail.example` -> `a•••n@h•••.example`. The domain keeps its suffix and the first
 * character of the name registered under it; subdomains are hidden with the rest. Anything that is not
 * an address shows no characters at all.
 */
export function maskEmail(address: string): string {
  const at = typeof address === 'string' ? address.lastIndexOf('@') : -1;
  if (at <= 0 || at === address.length - 1) return `${hidden}@${hidden}`;
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  if (labels.length < 2 || labels.some((label) => label === '')) return `${maskRun(local)}@${hidden}`;
  const suffixLength = publicSuffixLength(labels);
  const suffix = labels.slice(-suffixLength).join('.');
  const name = labels.at(-suffixLength - 1) ?? '';
  const first = graphemes(name)[0] ?? '';
  return `${maskRun(local)}@${first}${hidden}.${suffix}`;
}

/**
 * "+44 •••• ••• 456": the country code and the last three digits. The hidden digits keep the
 * library's grouping ("7400 123456" -> "•••• •••"), so the mask has the shape the person knows; the
 * three shown digits stay together whatever the grouping. Anything that does not parse as an
 * international number shows no digits at all.
 */
export function maskPhoneNumber(e164: string): string {
  const parsed = typeof e164 === 'string' && e164.startsWith('+') ? parsePhoneNumberFromString(e164) : undefined;
  if (parsed === undefined || parsed.nationalNumber.length < 4) return '••• •••';
  const prefix = `+${parsed.countryCallingCode}`;
  const groups = parsed.formatInternational().slice(prefix.length).trim().split(/[^0-9]+/);
  const hiddenCount = parsed.nationalNumber.length - 3;
  const maskedGroups: string[] = [];
  let left = hiddenCount;
  for (const group of groups) {
    if (left <= 0) break;
    const count = Math.min(group.length, left);
    maskedGroups.push('•'.repeat(count));
    left -= count;
  }
  return `${prefix} ${maskedGroups.join(' ')} ${parsed.nationalNumber.slice(hiddenCount)}`;
}
