import type { TicketDetails } from '../../../shared/technician/technician-view.js';
import { groupTicket } from '../../../shared/technician/help-ticket-code.js';
import { useWords } from '../i18n/use-words.js';
import { dateTimeWords, eventTimeWords, ticketEventWords } from '../technician-messages.js';

/** What the kiosk saw during the self-service attempt, so the person need not explain from scratch. */
export function TicketCard({ ticket }: { ticket: TicketDetails }) {
  const words = useWords();
  const { t } = words;
  return (
    <section className="console-panel" aria-labelledby="ticket-heading" data-testid="technician-ticket" data-ticket={ticket.code}>
      <h2 id="ticket-heading">{t('technician.ticket.title', { code: groupTicket(ticket.code) })}</h2>
      <dl className="facts">
        <div className="fact">
          <dt>{t('technician.ticket.typedName')}</dt>
          <dd className="typed-name">{t('technician.ticket.typedNameValue', { name: ticket.typedName })}</dd>
        </div>
        <div className="fact">
          <dt>{t('technician.ticket.purpose')}</dt>
          <dd>{t(ticket.purpose === 'unlock' ? 'technician.ticket.purpose.unlock' : 'technician.ticket.purpose.reset')}</dd>
        </div>
        <div className="fact">
          <dt>{t('technician.ticket.made')}</dt>
          <dd>{t('technician.ticket.madeValue', { at: new Date(ticket.createdAt), kioskId: ticket.kioskId })}</dd>
        </div>
        <div className="fact">
          <dt>{t('technician.ticket.validUntil')}</dt>
          <dd>{dateTimeWords(words, ticket.expiresAt)}</dd>
        </div>
      </dl>
      <h3>{t('technician.ticket.tried')}</h3>
      {ticket.tried.length === 0 ? (
        <p>{t('technician.ticket.nothingTried')}</p>
      ) : (
        <ol className="ticket-events" data-testid="ticket-events">
          {ticket.tried.map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <time dateTime={event.at}>{eventTimeWords(words, event.at)}</time> {ticketEventWords(words, event)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
