import { useEffect } from 'react';
import { textDirection } from '../../../shared/i18n/languages.js';
import { useLanguage } from '../stores/bound-stores.js';

/** <html lang dir> follow the session's language: screen readers pick the voice, and Arabic mirrors. */
export function useDocumentLanguage(): void {
  const language = useLanguage((s) => s.language);
  useEffect(() => {
    document.documentElement.lang = language;
    document.documentElement.dir = textDirection(language);
  }, [language]);
}
