import type { Language } from '../../../shared/i18n/languages.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import { messageWords } from '../mail/message-words.js';
import { withGsm7Letters } from './gsm7.js';

/**
 * The words of a text message: the "notifications" catalogue's, with accents GSM-7 lacks folded away
 * where that keeps the wording GSM-7 (gsm7.ts), so a text in French or Spanish takes no more segments
 * than the English one. The fold is applied to the catalogue's message before values are filled in.
 */
export function textWords(language: Language | undefined, timeZone: string | undefined): Translator {
  return messageWords(language, timeZone, { name: 'gsm7', transform: (message) => withGsm7Letters(message) });
}
