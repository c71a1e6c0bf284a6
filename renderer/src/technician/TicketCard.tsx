import type { TicketDetails } from '../../../shared/technician/technician-view.js';
import { groupTicket } from '../../../shared/technician/help-ticket-code.js';
import { dateTimeWords, ticketEventWords, ticketPurposeWords, ticketWords, timeWords } from '../technician-messages.js';

/** What the kiosk saw during the self-service attempt, so the person need not explain from scratch. */
export function TicketCard({ ticket }: { ticket: TicketDetails }) {
  return (
    <section className="console-panel" aria-labelledby="ticket-heading" data-testid="technician-ticket" data-ticket={ticket.code}>
      <h2 id="ticket-heading">{ticketWords.heading(groupTicket(ticket.code))}</h2>
      <dl className="facts">
        <div className="fact">
          <dt>{ticketWords.typedName}</dt>
          <dd className="typed-name">{ticket.typedName}</dd>
        </div>
        <div className="fact">
          <dt>{ticketWords.purpose}</dt>
          <dd>{ticketPurposeWords[ticket.purpose]}</dd>
        </div>
        <div className="fact">
          <dt>{ticketWords.made}</dt>
          <dd>
            {dateTimeWords(ticket.createdAt)}, {ticket.kioskId}
          </dd>
        </div>
        <div className="fact">
          <dt>{ticketWords.validUntil}</dt>
          <dd>{dateTimeWords(ticket.expiresAt)}</dd>
        </div>
      </dl>
      <h3>{ticketWords.tried}</h3>
      {ticket.tried.length === 0 ? (
        <p>{ticketWords.nothingTried}</p>
      ) : (
        <ol className="ticket-events" data-testid="ticket-events">
          {ticket.tried.map((event, index) => (
            <li key={`${event.at}-${index}`}>
              <time dateTime={event.at}>{timeWords(event.at)}</time> {ticketEventWords(event)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
