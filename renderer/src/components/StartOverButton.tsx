import { useWords } from '../i18n/use-words.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

export function StartOverButton() {
  const { t } = useWords();
  return (
    <button type="button" className="button button-quiet start-over" onClick={() => void endWalkUpSession()}>
      {t('common.button.startOver')}
    </button>
  );
}
