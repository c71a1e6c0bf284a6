import { z } from 'zod';

/**
 * The languages the kiosk speaks. English is the source: every other catalogue must have every key
 * English has (test/unit/i18n). Arabic is written right to left, and the page mirrors for it.
 */
export const languageCodes = ['en', 'fr', 'es', 'ar'] as const;
export type Language = (typeof languageCodes)[number];

export const sourceLanguage: Language = 'en';

export const languageSchema = z.enum(languageCodes);

/** Each language's own name for itself: a chooser lists languages the way their readers know them. */
export const nativeLanguageNames: Record<Language, string> = {
  en: 'English',
  fr: 'Français',
  es: 'Español',
  ar: 'العربية',
};

const rightToLeft: ReadonlySet<Language> = new Set<Language>(['ar']);

export function textDirection(language: Language): 'ltr' | 'rtl' {
  return rightToLeft.has(language) ? 'rtl' : 'ltr';
}
