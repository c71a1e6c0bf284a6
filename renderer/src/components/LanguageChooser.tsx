import { useState } from 'react';
import { nativeLanguageNames, type Language } from '../../../shared/i18n/languages.js';
import { useWords } from '../i18n/use-words.js';
import { useLanguage } from '../stores/bound-stores.js';

/**
 * The start screen's languages, each written in its own name and language (a reader finds theirs
 * without knowing the current one). Choosing asks main first; the session's end brings back the
 * default. Not shown when the kiosk offers one language: there is nothing to choose.
 */
export function LanguageChooser({ offered }: { offered: readonly Language[] }) {
  const language = useLanguage((s) => s.language);
  const choose = useLanguage((s) => s.choose);
  const { t } = useWords();
  const [changed, setChanged] = useState(false);
  if (offered.length < 2) return null;
  return (
    <nav className="language-chooser" aria-labelledby="language-chooser-heading" data-testid="language-chooser">
      <p id="language-chooser-heading" className="language-chooser-heading">
        {t('common.language.choose')}
      </p>
      <ul className="language-options">
        {offered.map((option) => (
          <li key={option}>
            <button
              type="button"
              className="button language-option"
              lang={option}
              data-language={option}
              data-value-text
              aria-pressed={option === language}
              onClick={() => void choose(option).then((done) => setChanged(done))}
            >
              {nativeLanguageNames[option]}
            </button>
          </li>
        ))}
      </ul>
      <p role="status" className="visually-hidden">
        {changed ? t('common.language.changed', { language: nativeLanguageNames[language] }) : null}
      </p>
    </nav>
  );
}
