import { useAssistedMode } from '../assisted-mode.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { ticketOfferLeadIds, type TicketOfferReason } from '../help-ticket-messages.js';
import { useWords } from '../i18n/use-words.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * "Get a help ticket": offered to everyone alike where self-service may not get the person further.
 * Not in an assisted step: the technician is already there.
 */
export function HelpTicketOffer({ reason }: { reason: TicketOfferReason }) {
  const info = useLoadedInfo();
  const assisted = useAssistedMode();
  const { t } = useWords();
  const createTicket = useFlow((s) => s.createTicket);
  if (assisted) return null;
  return (
    <div className="ticket-offer" data-testid="help-ticket-offer" data-reason={reason}>
      <h2>{t('walkUp.ticketOffer.heading')}</h2>
      <p>{t(ticketOfferLeadIds[reason], { desk: info.serviceDesk.name })}</p>
      <button type="button" className="button button-secondary" onClick={() => void createTicket()}>
        {t('walkUp.ticketOffer.button')}
      </button>
    </div>
  );
}
