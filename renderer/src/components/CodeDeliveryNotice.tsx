import type { DeliveryState } from '../../../shared/flow/stages.js';
import { useInterval } from '../hooks/use-interval.js';
import { useMessageContext } from '../hooks/use-message-context.js';
import { humanDuration } from '../human-duration.js';
import { errorMessages } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

/** Sending happens in the background in main; a failure only shows up by asking again. */
const deliveryPollMilliseconds = 2000;

/**
 * How long a sent code works and, if sending failed, say so. Asks main again while the code is still
 * on its way. An app code is not sent: no expiry to count and nothing to wait for.
 */
export function CodeDeliveryNotice({ delivery, expiresInSeconds }: { delivery: DeliveryState; expiresInSeconds: number }) {
  const context = useMessageContext();
  const poll = useFlow((s) => s.poll);

  useInterval(() => void poll(), deliveryPollMilliseconds, delivery === 'pending');

  return (
    <>
      {delivery === 'in_app' ? null : <p>{context.words.t('walkUp.code.worksFor', { duration: humanDuration(context.words, expiresInSeconds) })}</p>}
      {delivery === 'failed' ? (
        <div role="alert" className="error-alert">
          <p>{errorMessages.SEND_FAILED(undefined, context)}</p>
        </div>
      ) : null}
    </>
  );
}
