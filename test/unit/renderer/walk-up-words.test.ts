import { describe, expect, it } from 'vitest';
import { languageCodes } from '../../../shared/i18n/languages.js';
import { createTranslator } from '../../../shared/i18n/translator.js';
import { errorCodes } from '../../../shared/ipc/result.js';
import { presets } from '../../../shared/policy/policy-config.js';
import { policyRuleCodes } from '../../../shared/policy/rule-codes.js';
import { helpTicketWords, ticketOfferLeadIds } from '../../../renderer/src/help-ticket-messages.js';
import { humanDuration } from '../../../renderer/src/human-duration.js';
import { errorMessage, ruleProblems, ruleRequirements, type MessageContext } from '../../../renderer/src/messages.js';
import { dayWord, untilWords } from '../../../renderer/src/time-of-day.js';

// One fixed zone for every translator here: "today" and the times then read the same on any machine.
const zone = 'UTC';
const words = {
  en: createTranslator('en', { timeZone: zone }),
  fr: createTranslator('fr', { timeZone: zone }),
  es: createTranslator('es', { timeZone: zone }),
  ar: createTranslator('ar', { timeZone: zone }),
};
const contextIn = (language: keyof typeof words): MessageContext => ({
  rules: presets.campus,
  organisationName: 'Northfield University',
  deskName: 'Service Desk',
  words: words[language],
});
const looksBroken = /undefined|NaN|null|\[object|\$\{|\{|\}/;

describe('waiting times in each language', () => {
  it('uses each language’s plural forms', () => {
    expect(humanDuration(words.en, 1)).toBe('1 second');
    expect(humanDuration(words.en, 120)).toBe('2 minutes');
    expect(humanDuration(words.fr, 60)).toBe('1 minute');
    expect(humanDuration(words.fr, 300)).toBe('5 minutes');
    expect(humanDuration(words.es, 3600)).toBe('1 hora');
    expect(humanDuration(words.es, 5400)).toBe('1 hora y 30 minutos');
    expect(humanDuration(words.fr, 3 * 86_400 + 3600)).toBe('3 jours et 1 heure');
  });

  it('says Arabic durations in its one, two, few and many forms', () => {
    expect(humanDuration(words.ar, 60)).toBe('دقيقة واحدة');
    expect(humanDuration(words.ar, 120)).toBe('دقيقتان');
    expect(humanDuration(words.ar, 5 * 60)).toBe('5 دقائق');
    expect(humanDuration(words.ar, 11 * 60)).toBe('11 دقيقة');
    expect(humanDuration(words.ar, 86_400)).toBe('24 ساعة');
    expect(humanDuration(words.ar, 3 * 86_400)).toBe('3 أيام');
  });
});

describe('times of day in each language', () => {
  const now = new Date('2026-11-29T14:00:00Z');

  it('says a time today, tomorrow, or on a named day', () => {
    expect(dayWord(new Date('2026-11-29T18:00:00Z'), now)).toBe('today');
    expect(untilWords(words.en, '2026-11-29T18:00:00Z', now)).toBe('6:00 PM');
    expect(untilWords(words.fr, '2026-11-29T18:00:00Z', now)).toBe('18:00');
    expect(untilWords(words.fr, '2026-11-30T09:05:00Z', now)).toBe('demain à 9:05');
    expect(untilWords(words.es, '2026-11-30T09:05:00Z', now)).toBe('mañana a las 9:05');
    expect(untilWords(words.en, 'not a time', now)).toBeNull();
  });

  it('writes an Arabic time of day the Arabic way', () => {
    const today = untilWords(words.ar, '2026-11-29T18:00:00Z', now);
    expect(today).toContain('6:00');
    expect(today).toMatch(/م/); // مساءً: the evening mark
    expect(untilWords(words.ar, '2026-11-30T09:05:00Z', now)).toMatch(/^غدًا/);
  });
});

describe('help ticket words', () => {
  it('say when the ticket stops working, today or tomorrow', () => {
    const now = new Date('2026-11-29T14:00:00Z');
    expect(helpTicketWords.validUntil(words.en, '2026-11-29T18:00:00Z', now)).toBe('Valid until 6:00 PM today.');
    expect(helpTicketWords.validUntil(words.en, '2026-11-30T09:05:00Z', now)).toBe('Valid until tomorrow at 9:05 AM.');
    expect(helpTicketWords.validUntil(words.fr, '2026-11-29T18:00:00Z', now)).toBe('Valable jusqu’à 18:00 aujourd’hui.');
    expect(helpTicketWords.validUntil(words.en, 'not a time', now)).toBeNull();
  });

  it('offer a ticket in words that name the desk and nothing about the account', () => {
    for (const language of languageCodes) {
      for (const id of Object.values(ticketOfferLeadIds)) {
        const lead = words[language].t(id, { desk: 'Service Desk' });
        expect(lead).toContain('Service Desk');
        expect(lead).not.toMatch(looksBroken);
      }
    }
  });
});

describe('walk-up messages in every language', () => {
  it('has words for every error code and rule, with its values filled in', () => {
    for (const language of languageCodes) {
      const context = contextIn(language);
      for (const code of errorCodes) {
        const text = errorMessage({ code, details: { triesLeft: 2, retryAfterSeconds: 600, until: '2026-11-29T18:00:00Z' } }, context);
        expect(text, `${language} ${code}`).not.toMatch(looksBroken);
        expect(text.length, `${language} ${code}`).toBeGreaterThan(10);
      }
      for (const rule of policyRuleCodes) {
        expect(ruleRequirements[rule](context), `${language} ${rule}`).not.toMatch(looksBroken);
        expect(ruleProblems[rule](context), `${language} ${rule}`).not.toMatch(looksBroken);
      }
    }
  });

  it('counts the code tries left in each language’s plural', () => {
    const wrong = (language: keyof typeof words, triesLeft: number) => errorMessage({ code: 'CODE_WRONG', details: { triesLeft } }, contextIn(language));
    expect(wrong('en', 1)).toBe('That code is not right. You have 1 try left.');
    expect(wrong('fr', 2)).toBe('Ce code n’est pas le bon. Il vous reste 2 essais.');
    expect(wrong('es', 1)).toBe('Ese código no es correcto. Le queda 1 intento.');
    expect(wrong('ar', 2)).toBe('هذا الرمز غير صحيح. بقيت لك محاولتان.');
    expect(wrong('ar', 3)).toBe('هذا الرمز غير صحيح. بقيت لك 3 محاولات.');
  });

  it('states the configured length in the checklist, in the language of the session', () => {
    expect(ruleRequirements.too_short(contextIn('fr'))).toBe('Au moins 12 caractères');
    expect(ruleRequirements.too_short(contextIn('es'))).toBe('Al menos 12 caracteres');
    expect(ruleRequirements.too_short(contextIn('ar'))).toBe('12 حرفًا على الأقل');
  });

  it('names the desk and the organisation inside the translated sentence', () => {
    expect(errorMessage({ code: 'INTERNAL' }, contextIn('fr'))).toContain('Service Desk');
    expect(ruleProblems.contains_org_name(contextIn('ar'))).toContain('Northfield University');
  });
});
