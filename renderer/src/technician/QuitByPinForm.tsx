import type { FormEvent } from 'react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LabelledField } from '../components/LabelledField.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';

/** An administrator closes the kiosk app with the admin PIN from config (main checks its argon2id hash). */
export function QuitByPinForm() {
  const { t } = useWords();
  const quit = useTechnician((s) => s.quit);
  const quitting = useTechnician((s) => s.quitting);
  const refusal = useTechnicianError('quit_pin');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = /^[0-9]{6,12}$/.test(pin) ? null : t('technician.quitByPin.pinShape');
    setProblem(found);
    if (found !== null) return;
    const typed = pin;
    setPin('');
    void quit(typed);
  };

  const message = problem ?? refusal;
  return (
    <form className="stage-form quit-by-pin" onSubmit={submit} noValidate aria-labelledby="quit-by-pin-heading">
      <h2 id="quit-by-pin-heading">{t('technician.quitByPin.title')}</h2>
      <p>{t('technician.quitByPin.lead')}</p>
      <LabelledField
        id="admin-pin"
        name="admin-pin"
        type="password"
        autoComplete="off"
        inputMode="numeric"
        maxLength={12}
        label={t('technician.quitByPin.pin')}
        hint={{ id: 'admin-pin-hint', text: t('technician.quitByPin.pinHint') }}
        errorId="admin-pin-error"
        invalid={message !== null}
        value={pin}
        onChange={(value) => {
          setProblem(null);
          setPin(value);
        }}
      />
      <div id="admin-pin-error">
        <ErrorAlert message={message} />
      </div>
      {quitting ? (
        <p role="status" className="status">
          {t('technician.quitByPin.closing')}
        </p>
      ) : null}
      <button type="submit" className="button button-secondary">
        {t('technician.quitByPin.submit')}
      </button>
    </form>
  );
}
