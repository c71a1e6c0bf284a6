import type { FormEvent } from 'react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LabelledField } from '../components/LabelledField.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { technicianSignInWords } from '../technician-messages.js';

/** An administrator closes the kiosk app with the admin PIN from config (main checks its argon2id hash). */
export function QuitByPinForm() {
  const quit = useTechnician((s) => s.quit);
  const quitting = useTechnician((s) => s.quitting);
  const refusal = useTechnicianError('quit_pin');
  const [pin, setPin] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = /^[0-9]{6,12}$/.test(pin) ? null : technicianSignInWords.pinShape;
    setProblem(found);
    if (found !== null) return;
    const typed = pin;
    setPin('');
    void quit(typed);
  };

  const message = problem ?? refusal;
  return (
    <form className="stage-form quit-by-pin" onSubmit={submit} noValidate aria-labelledby="quit-by-pin-heading">
      <h2 id="quit-by-pin-heading">{technicianSignInWords.quitHeading}</h2>
      <p>{technicianSignInWords.quitLead}</p>
      <LabelledField
        id="admin-pin"
        name="admin-pin"
        type="password"
        autoComplete="off"
        inputMode="numeric"
        maxLength={12}
        label={technicianSignInWords.pin}
        hint={{ id: 'admin-pin-hint', text: technicianSignInWords.pinHint }}
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
          {technicianSignInWords.quitting}
        </p>
      ) : null}
      <button type="submit" className="button button-secondary">
        {technicianSignInWords.quitSubmit}
      </button>
    </form>
  );
}
