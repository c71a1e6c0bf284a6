import { describe, expect, it } from 'vitest';
import { languageCodes, type Language } from '../../../shared/i18n/languages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { findAutoLinkableText, findUrls } from '../../../electron/core/mail/find-urls.js';
import { gsm7Segments, withGsm7Letters } from '../../../electron/core/sms/gsm7.js';
import { methodNoticeText } from '../../../electron/core/sms/method-notice-text.js';
import { noticeText } from '../../../electron/core/sms/notice-text.js';
import { codeText } from '../../../electron/core/sms/text-templates.js';

const purposes = ['reset', 'unlock', 'register'] as const;
const demo = { organisationName: 'Northfield University', code: '04821377', ttlMinutes: 10 };

/** The catalogue's words as a text carries them: accents GSM-7 lacks folded where that keeps it GSM-7. */
const expectedCode = (language: Language, purpose: (typeof purposes)[number], organisation = demo.organisationName) =>
  createTranslator(language, { transform: withGsm7Letters }).t(`notifications.text.code.${purpose}`, { organisation, code: demo.code, minutes: demo.ttlMinutes });

describe('the code text in every language', () => {
  // How many segments each language's code text takes with the demo organisation, an 8-digit code and
  // 10 minutes: one everywhere, as in English. French and Spanish stay GSM-7 (160 a segment) by
  // folding the accents GSM-7 lacks; Arabic is UCS-2 (70 a segment) and is worded to fit one.
  const segments: Record<Language, { encoding: 'gsm7' | 'ucs2'; segments: number }> = {
    en: { encoding: 'gsm7', segments: 1 },
    fr: { encoding: 'gsm7', segments: 1 },
    es: { encoding: 'gsm7', segments: 1 },
    ar: { encoding: 'ucs2', segments: 1 },
  };

  it.each(languageCodes)('in %s is the catalogue\'s wording, whole, in as few segments as English', (language) => {
    for (const purpose of purposes) {
      const text = codeText({ ...demo, purpose, language });
      expect(text).toBe(expectedCode(language, purpose));
      expect(text).toContain(demo.code);
      expect(gsm7Segments(text), `${language} ${purpose}`).toMatchObject(segments[language]);
      expect(gsm7Segments(text).segments).toBeLessThanOrEqual(gsm7Segments(codeText({ ...demo, purpose, language: 'en' })).segments);
      expect(findUrls(text)).toEqual([]);
      expect(findAutoLinkableText(text)).toEqual([]);
    }
  });

  it('folds only what GSM-7 lacks: Spanish "Código" goes as "Codigo", French "é" and "à" stay', () => {
    expect(codeText({ ...demo, language: 'es' }).startsWith('Codigo Northfield University para')).toBe(true);
    expect(codeText({ ...demo, language: 'fr' })).toContain('réinitialisation');
    expect(codeText({ ...demo, language: 'fr' })).toContain('à personne');
    // Arabic keeps every letter and mark.
    expect(codeText({ ...demo, language: 'ar' })).toBe(createTranslator('ar').t('notifications.text.code.reset', { organisation: demo.organisationName, code: demo.code, minutes: 10 }));
  });

  it('shortens a long name further in Arabic than in English, keeping the code, in one segment even at the longest code and lifetime', () => {
    const name = 'Northfield University of the Arts, Science, Technology and Medicine';
    const english = codeText({ organisationName: name, code: '1234567890', ttlMinutes: 10, language: 'en' });
    expect(english.startsWith(name)).toBe(true);
    for (const language of languageCodes) {
      const text = codeText({ organisationName: name, code: '1234567890', ttlMinutes: 10, language });
      expect(text, language).toContain('1234567890');
      expect(gsm7Segments(text).segments, language).toBe(1);
    }
    expect(codeText({ organisationName: name, code: '1234567890', ttlMinutes: 10, language: 'ar' })).toContain('Northfield');
  });

  it('a name outside GSM-7 makes every language UCS-2, in at most two segments as in English', () => {
    for (const language of languageCodes) {
      const text = codeText({ ...demo, organisationName: 'Uniwersytet Łódzki', language });
      expect(text).toContain('Uniwersytet Łódzki');
      expect(gsm7Segments(text)).toMatchObject({ encoding: 'ucs2' });
      expect(gsm7Segments(text).segments).toBeLessThanOrEqual(2);
    }
  });
});

describe('the notice texts in every language', () => {
  const context = { organisationName: 'Northfield University', when: new Date('2026-03-02T09:05:00Z'), deskName: 'IT Service Desk', deskPhone: '01632 960 321', timeZone: 'UTC' };

  it.each(languageCodes)('in %s say what happened and whom to call, from the catalogue, link-free', (language) => {
    const words = createTranslator(language, { transform: withGsm7Letters, timeZone: 'UTC' });
    const at = context.when;
    const text = noticeText({ ...context, kind: 'password_reset', language });
    expect(text.startsWith(words.t('notifications.text.notice.password_reset', { organisation: 'Northfield University', at }))).toBe(true);
    expect(text).toContain('01632 960 321');
    const method = methodNoticeText({ ...context, kind: 'method_added', method: 'phone', masked: '+44 •••• ••• 321', language });
    const cleared = noticeText({ ...context, kind: 'blocks_cleared', language });
    expect(method.startsWith(words.t('notifications.text.notice.method_added', { organisation: 'Northfield University', at, method: 'phone', digits: '321' }))).toBe(true);
    for (const body of [text, method, cleared]) {
      expect(findUrls(body)).toEqual([]);
      expect(findAutoLinkableText(body)).toEqual([]);
      // Two segments at most: GSM-7 for the Latin languages (153 a part), UCS-2 for Arabic (67 a part).
      expect(gsm7Segments(body)).toMatchObject({ encoding: language === 'ar' ? 'ucs2' : 'gsm7' });
      expect(gsm7Segments(body).segments).toBeLessThanOrEqual(2);
    }
  });
});
