import { useWords } from '../i18n/use-words.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * Leaves a journey's first screen for the menu. Main has not been told anything yet, so this is the
 * renderer's own choice; what was typed is dropped with it.
 */
export function BackToMenuButton() {
  const choose = useFlow((s) => s.choose);
  const { t } = useWords();
  return (
    <button type="button" className="button button-quiet start-over" onClick={() => choose(null)}>
      {t('walkUp.menu.back')}
    </button>
  );
}
