import type { HelpTicketView } from '../../../shared/flow/stages.js';
import { groupTicket } from '../../../shared/technician/help-ticket-code.js';
import { ActionBar } from '../components/ActionBar.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { helpTicketWords } from '../help-ticket-messages.js';
import { useWords } from '../i18n/use-words.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

/**
 * The last screen of a self-service attempt that needs the desk: the ticket, large and in two groups
 * to read out, until when it works, and where to go. The same for every name typed: the view holds
 * no account detail, so an unknown name's ticket looks exactly like a real one's.
 */
export function HelpTicketScreen({ view }: { view: HelpTicketView }) {
  const info = useLoadedInfo();
  const words = useWords();
  const { t } = words;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const desk = info.serviceDesk.name;
  const validUntil = helpTicketWords.validUntil(words, view.expiresAt);
  return (
    <section className="stage" data-testid="stage-ticket" data-purpose={view.purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('walkUp.ticket.heading')}
      </h1>
      <p className="lead">{t('walkUp.ticket.lead', { desk })}</p>
      <div className="ticket-box">
        <p className="ticket-label">{t('walkUp.ticket.codeLabel')}</p>
        <p className="ticket-code" data-testid="ticket-code" data-value-text dir="ltr">
          {groupTicket(view.ticket)}
        </p>
        {validUntil === null ? null : (
          <p className="ticket-valid" data-testid="ticket-valid-until">
            {validUntil}
          </p>
        )}
      </div>
      <h2>{t('walkUp.ticket.stepsHeading')}</h2>
      <ol className="steps">
        {helpTicketWords.steps(words, desk).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <ServiceDeskContact desk={info.serviceDesk} />
      <p className="hint">{t('walkUp.ticket.keep')}</p>
      <ActionBar startOver={false}>
        <button type="button" className="button button-primary" onClick={() => void endWalkUpSession()}>
          {t('walkUp.ticket.finish')}
        </button>
      </ActionBar>
    </section>
  );
}
