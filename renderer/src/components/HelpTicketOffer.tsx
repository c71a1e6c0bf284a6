import { useAssistedMode } from '../assisted-mode.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { ticketOfferWords, type TicketOfferReason } from '../help-ticket-messages.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * "Get a help ticket": offered to everyone alike where self-service may not get the person further.
 * Not in an assisted step: the technician is already there.
 */
export function HelpTicketOffer({ reason }: { reason: TicketOfferReason }) {
  const info = useLoadedInfo();
  const assisted = useAssistedMode();
  const createTicket = useFlow((s) => s.createTicket);
  if (assisted) return null;
  return (
    <div className="ticket-offer" data-testid="help-ticket-offer" data-reason={reason}>
      <h2>{ticketOfferWords.heading}</h2>
      <p>{ticketOfferWords.lead[reason](info.serviceDesk.name)}</p>
      <button type="button" className="button button-secondary" onClick={() => void createTicket()}>
        {ticketOfferWords.button}
      </button>
    </div>
  );
}
