import { sourceLanguage, type Language } from '../../../shared/i18n/languages.js';
import { createTranslator, type Translator, type TranslatorOptions } from '../../../shared/i18n/translator.js';
import { MailInputError } from './mail-errors.js';

/**
 * The words of every email and text come from the "notifications" catalogue, in the language of the
 * person the message is for, with dates in the kiosk's time zone. A translator compiles each message
 * once, so one is kept per language, zone and variant for the life of the process.
 */
const cache = new Map<string, Translator>();

export function messageWords(language: Language | undefined, timeZone: string | undefined, variant?: { name: string; transform: NonNullable<TranslatorOptions['transform']> }): Translator {
  const zone = checkedTimeZone(timeZone);
  const chosen = language ?? sourceLanguage;
  const key = `${chosen}|${zone ?? ''}|${variant?.name ?? ''}`;
  let words = cache.get(key);
  if (words === undefined) {
    words = createTranslator(chosen, { ...(zone === undefined ? {} : { timeZone: zone }), ...(variant === undefined ? {} : { transform: variant.transform }) });
    cache.set(key, words);
  }
  return words;
}

export function checkedTimeZone(timeZone: unknown): string | undefined {
  if (timeZone === undefined) return undefined;
  try {
    if (typeof timeZone !== 'string') throw new RangeError('not a string');
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new MailInputError('timeZone', `is not a known time zone: ${JSON.stringify(timeZone)}`);
  }
  return timeZone;
}

export function checkedDate(when: unknown): Date {
  if (!(when instanceof Date) || Number.isNaN(when.getTime())) throw new MailInputError('when', 'must be a valid date');
  return when;
}

/** The zone as the language names it ("GMT+1", "UTC+1"): a reader needs it to judge whether it was them. */
export function zoneName(at: Date, language: Language, timeZone: string | undefined): string {
  const parts = new Intl.DateTimeFormat(language, { timeZoneName: 'short', ...(timeZone === undefined ? {} : { timeZone }) }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
}
