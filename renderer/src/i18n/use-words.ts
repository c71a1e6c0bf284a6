import { createTranslator, type Translator } from '../../../shared/i18n/translator.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { useLanguage } from '../stores/bound-stores.js';

const translators = new Map<Language, Translator>();

/** One translator per language for the page's whole life: compiled messages are kept and reused. */
export function translatorFor(language: Language): Translator {
  let translator = translators.get(language);
  if (translator === undefined) {
    translator = createTranslator(language);
    translators.set(language, translator);
  }
  return translator;
}

/** The words of the session's language: `const { t } = useWords(); t('walkUp.start.title')`. */
export function useWords(): Translator {
  return translatorFor(useLanguage((s) => s.language));
}
