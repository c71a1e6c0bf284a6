import type { TechnicianView } from '../../../shared/technician/technician-view.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useWords } from '../i18n/use-words.js';
import { CaseActions } from './CaseActions.js';
import { IdCheckForm } from './IdCheckForm.js';
import { LookupForm } from './LookupForm.js';
import { PersonCard } from './PersonCard.js';
import { TechnicianBar } from './TechnicianBar.js';
import { TicketCard } from './TicketCard.js';

type SignedIn = Extract<TechnicianView, { signedIn: true }>;

/** The console: look someone up, see the case, record the ID check, act. */
export function TechnicianConsole({ view }: { view: SignedIn }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { t } = useWords();
  const hasCase = view.person !== null || view.ticket !== null;
  return (
    <section className="stage technician-console" data-testid="technician-console" data-area="technician" aria-labelledby="technician-heading">
      <h1 id="technician-heading" ref={heading} tabIndex={-1}>
        {t('technician.console.title')}
      </h1>
      <TechnicianBar technician={view.technician} idleSeconds={view.idleSeconds} />
      <LookupForm />
      {view.ticket === null ? null : <TicketCard ticket={view.ticket} />}
      {view.ticket !== null && view.person === null ? <p className="reminder">{t('technician.lookup.noPersonForTicket')}</p> : null}
      {view.person === null ? null : (
        <>
          <PersonCard person={view.person} />
          <IdCheckForm key={view.person.username} documents={view.idDocuments} recorded={view.idCheck} />
        </>
      )}
      {hasCase ? <CaseActions view={view} /> : null}
    </section>
  );
}
