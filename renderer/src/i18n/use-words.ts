import { createTranslator, type Translator } from '../../../shared/i18n/translator.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { useLanguage } from '../stores/bound-stores.js';

declare global {
  // Set only by the browser tests (page.addInitScript), never by the kiosk: see markedWords.
  var kioskMarkCatalogueWords: boolean | undefined;
}

/**
 * The browser tests' pseudo-language: every catalogue string is wrapped in ⟦ ⟧, so any text on a
 * screen outside the marks was not taken from a catalogue. It changes only what is shown.
 */
const markedWords = (message: string) => `⟦${message}⟧`;

const translators = new Map<Language, Translator>();

/** One translator per language for the page's whole life: compiled messages are kept and reused. */
export function translatorFor(language: Language): Translator {
  let translator = translators.get(language);
  if (translator === undefined) {
    translator = createTranslator(language, globalThis.kioskMarkCatalogueWords === true ? { transform: markedWords } : {});
    translators.set(language, translator);
  }
  return translator;
}

/** The words of the session's language: `const { t } = useWords(); t('walkUp.start.title')`. */
export function useWords(): Translator {
  return translatorFor(useLanguage((s) => s.language));
}
