import { useState } from 'react';
import type { TechnicianIdentity } from '../../../shared/technician/technician-view.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';
import { TechnicianIdle } from './TechnicianIdle.js';

/** Who is signed in, the idle limit, "Sign out" and "Quit kiosk" (asked twice: it closes the app). */
export function TechnicianBar({ technician, idleSeconds }: { technician: TechnicianIdentity; idleSeconds: number }) {
  const { t } = useWords();
  const signOut = useTechnician((s) => s.signOut);
  const quit = useTechnician((s) => s.quit);
  const refusal = useTechnicianError('session');
  const [confirmingQuit, setConfirmingQuit] = useState(false);

  return (
    <div className="technician-bar" data-testid="technician-bar">
      <div className="technician-who">
        <p className="technician-name">{t('technician.console.signedInAs', { displayName: technician.displayName, username: technician.username })}</p>
        <TechnicianIdle idleSeconds={idleSeconds} />
      </div>
      <div className="button-row technician-bar-buttons">
        <button type="button" className="button button-primary" onClick={() => void signOut()}>
          {t('technician.console.signOut')}
        </button>
        <button type="button" className="button button-quiet" aria-expanded={confirmingQuit} onClick={() => setConfirmingQuit((open) => !open)}>
          {t('technician.console.quit')}
        </button>
      </div>
      {confirmingQuit ? (
        <div className="quit-confirm" role="group" aria-labelledby="quit-confirm-text">
          <p id="quit-confirm-text">{t('technician.console.quitConfirm')}</p>
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => void quit()}>
              {t('technician.console.quitYes')}
            </button>
            <button type="button" className="button button-quiet" onClick={() => setConfirmingQuit(false)}>
              {t('technician.console.quitNo')}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorAlert message={refusal} />
    </div>
  );
}
