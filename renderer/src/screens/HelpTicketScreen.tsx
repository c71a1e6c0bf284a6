import type { HelpTicketView } from '../../../shared/flow/stages.js';
import { groupTicket } from '../../../shared/technician/help-ticket-code.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { StartOverButton } from '../components/StartOverButton.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';

// SKELETON: the renderer work gives this its final words, layout and "Finish".
export function HelpTicketScreen({ view }: { view: HelpTicketView }) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="stage" data-testid="stage-ticket" data-purpose={view.purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        Your help ticket
      </h1>
      <p className="ticket-code" data-testid="ticket-code">
        {groupTicket(view.ticket)}
      </p>
      <ServiceDeskContact desk={info.serviceDesk} />
      <StartOverButton />
    </section>
  );
}
