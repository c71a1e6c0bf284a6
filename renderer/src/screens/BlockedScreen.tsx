import type { BlockedView } from '../../../shared/flow/stages.js';
import type { Translator } from '../../../shared/i18n/translator.js';
import { ActionBar } from '../components/ActionBar.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { HelpTicketOffer } from '../components/HelpTicketOffer.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { errorMessage } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { dayWord } from '../time-of-day.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

/**
 * "Too many tries": the end of the journey, as main reports it. Nothing here takes a code or sends
 * one; the person learns what happened, from when they can try again, and where the desk is, then
 * finishes. The same for every name typed: the view holds only the time the name's block ends.
 * In registration the person is signed in, so it says plainly the block is on their account and
 * that the change was not saved; no help ticket is offered there (main makes none for it).
 */
export function BlockedScreen({ view }: { view: BlockedView }) {
  const info = useLoadedInfo();
  const context = useMessageContext();
  const { words } = context;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // The refusal that brought the person here is what this screen says; only a later one (a help
  // ticket that could not be made) is shown as an error.
  const error = useFlow((s) => (s.error?.code === 'TOO_MANY_ATTEMPTS' ? null : s.error));
  const until = blockedUntilWords(words, view.until);
  const registering = view.purpose === 'register';

  return (
    <section className="stage" data-testid="stage-blocked" data-purpose={view.purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {words.t('walkUp.blocked.heading')}
      </h1>
      <p className="lead">{words.t(registering ? 'registration.blocked.lead' : 'walkUp.blocked.lead')}</p>
      {until === null ? null : (
        <p className="blocked-until" data-testid="blocked-until">
          {until}
        </p>
      )}
      <p>{words.t('walkUp.blocked.desk', { desk: info.serviceDesk.name })}</p>
      <ServiceDeskContact desk={info.serviceDesk} />
      <ErrorAlert message={error === null ? null : errorMessage(error, context)} />
      {registering ? null : <HelpTicketOffer reason="blocked" />}
      <ActionBar startOver={false}>
        <button type="button" className="button button-primary button-big" data-testid="blocked-finish" onClick={() => void endWalkUpSession()}>
          {words.t('common.button.finish')}
        </button>
      </ActionBar>
    </section>
  );
}

/** "You can try again after 14:32", with the date too when that is not today; null for a time that does not parse. */
export function blockedUntilWords(words: Translator, untilIso: string, now = new Date()): string | null {
  const until = new Date(untilIso);
  if (Number.isNaN(until.getTime())) return null;
  return dayWord(until, now) === 'today' ? words.t('walkUp.blocked.untilTime', { until }) : words.t('walkUp.blocked.untilDate', { until });
}
