import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';

/**
 * The discreet way into technician mode: small words in a corner, last in the tab order, but still a
 * real button with a full-size touch target (the accessibility baseline holds for staff too).
 */
export function TechnicianDoor() {
  const { t } = useWords();
  const open = useTechnician((s) => s.openSignIn);
  return (
    <footer className="technician-door">
      <button type="button" className="technician-door-button" onClick={open}>
        {t('technician.door.label')}
      </button>
    </footer>
  );
}
