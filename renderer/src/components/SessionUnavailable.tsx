import type { KioskError } from '../../../shared/ipc/result.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { errorMessage } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { ErrorAlert } from './ErrorAlert.js';
import { ServiceDeskContact } from './ServiceDeskContact.js';

/** Main did not answer with a stage at all: say so, and offer the one thing worth trying. */
export function SessionUnavailable({ error }: { error: KioskError }) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const load = useFlow((s) => s.load);
  const context = useMessageContext();
  const { t } = context.words;
  return (
    <section className="stage" data-testid="stage-unavailable">
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('walkUp.unavailable.heading')}
      </h1>
      <ErrorAlert message={errorMessage(error, context)} />
      <button type="button" className="button button-primary" onClick={() => void load()}>
        {t('common.button.tryAgain')}
      </button>
      <ServiceDeskContact desk={info.serviceDesk} />
    </section>
  );
}
