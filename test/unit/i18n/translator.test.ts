import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { nativeLanguageNames, textDirection } from '../../../shared/i18n/languages.js';

describe('translator', () => {
  it('fills a message in each language', () => {
    expect(createTranslator('en').t('common.language.changed', { language: nativeLanguageNames.fr })).toBe('The kiosk now speaks Français.');
    expect(createTranslator('fr').t('common.language.changed', { language: 'English' })).toBe('La borne parle maintenant English.');
  });

  it('writes a time of day as each language does, in the given time zone', () => {
    const at = new Date('2026-11-30T14:05:00Z');
    expect(createTranslator('en', { timeZone: 'UTC' }).timeOfDay(at)).toBe('2:05 PM');
    expect(createTranslator('fr', { timeZone: 'UTC' }).timeOfDay(at)).toBe('14:05');
  });

  it('lets a test mark every catalogue string', () => {
    const marked = createTranslator('en', { transform: (message) => `⟦${message}⟧` });
    expect(marked.t('common.language.choose')).toBe('⟦Language⟧');
  });

  it('knows which languages run right to left', () => {
    expect(textDirection('ar')).toBe('rtl');
    expect(textDirection('fr')).toBe('ltr');
  });
});
