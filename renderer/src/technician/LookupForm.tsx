import type { FormEvent } from 'react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LabelledField } from '../components/LabelledField.js';
import { useTechnicianError } from '../hooks/use-technician-error.js';
import { useTechnician } from '../stores/bound-stores.js';
import { useWords } from '../i18n/use-words.js';

/** Look a person up by username, or by the help ticket they were given at the kiosk. */
export function LookupForm() {
  const { t } = useWords();
  const lookUpPerson = useTechnician((s) => s.lookUpPerson);
  const lookUpTicket = useTechnician((s) => s.lookUpTicket);
  const refusal = useTechnicianError('lookup');
  const [username, setUsername] = useState('');
  const [ticket, setTicket] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const byUsername = (event: FormEvent) => {
    event.preventDefault();
    const typed = username.trim();
    setProblem(typed === '' ? t('technician.lookup.usernameMissing') : null);
    if (typed !== '') void lookUpPerson(typed).then((found) => found && setTicket(''));
  };
  const byTicket = (event: FormEvent) => {
    event.preventDefault();
    const typed = ticket.trim();
    setProblem(typed === '' ? t('technician.lookup.ticketMissing') : null);
    if (typed !== '') void lookUpTicket(typed).then((found) => found && setUsername(''));
  };

  const message = problem ?? refusal;
  return (
    <section className="console-panel" aria-labelledby="lookup-heading" data-testid="technician-lookup">
      <h2 id="lookup-heading">{t('technician.lookup.title')}</h2>
      <div className="lookup-forms">
        <form className="lookup-form" onSubmit={byUsername} noValidate>
          <LabelledField
            id="lookup-username"
            type="text"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={256}
            label={t('technician.lookup.byUsername')}
            errorId="lookup-error"
            invalid={message !== null}
            value={username}
            onChange={(value) => {
              setProblem(null);
              setUsername(value);
            }}
          />
          <button type="submit" className="button button-primary">
            {t('technician.lookup.submit')}
          </button>
        </form>
        <form className="lookup-form" onSubmit={byTicket} noValidate>
          <LabelledField
            id="lookup-ticket"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            maxLength={32}
            className="ticket-input"
            label={t('technician.lookup.byTicket')}
            hint={{ id: 'lookup-ticket-hint', text: t('technician.lookup.ticketHint') }}
            errorId="lookup-error"
            invalid={message !== null}
            value={ticket}
            onChange={(value) => {
              setProblem(null);
              setTicket(value);
            }}
          />
          <button type="submit" className="button button-primary">
            {t('technician.lookup.submitTicket')}
          </button>
        </form>
      </div>
      <div id="lookup-error">
        <ErrorAlert message={message} />
      </div>
    </section>
  );
}
