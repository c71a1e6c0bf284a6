import type { CodePurpose, ProofMethod } from '../../../shared/flow/stages.js';
import { ActionBar } from '../components/ActionBar.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { HelpTicketOffer } from '../components/HelpTicketOffer.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { chooseMethodHeading, errorMessage, methodButtonIds, methodLead, proofStepWords } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * No destination is shown, not even masked (security.md 27): nothing has been proved yet. The buttons
 * are the methods the kiosk can send by, the same for every name typed.
 */
export function ChooseMethodScreen({
  purpose,
  methods,
  proof,
}: {
  purpose: CodePurpose;
  methods: readonly ProofMethod[];
  proof: { number: number; of: number };
}) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const chooseMethod = useFlow((s) => s.chooseMethod);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const context = useMessageContext();
  const words = context.words;
  const step = proofStepWords(words, proof);

  return (
    <section className="stage" data-testid="stage-choose_method" data-purpose={purpose} data-proof={proof.number} aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {chooseMethodHeading(words, methods, proof)}
      </h1>
      {step === null ? null : <p className="reminder">{step}</p>}
      <p className="lead">{methodLead(words, purpose, methods)}</p>
      {methods.length === 0 ? (
        <>
          <p className="lead">{words.t('walkUp.method.none', { desk: info.serviceDesk.name })}</p>
          <ServiceDeskContact desk={info.serviceDesk} />
        </>
      ) : (
        <div className="method-buttons">
          {methods.map((method) => (
            <button key={method} type="button" className="button button-primary button-big" data-method={method} onClick={() => void chooseMethod(method)}>
              {words.t(methodButtonIds[method])}
            </button>
          ))}
        </div>
      )}
      <ErrorAlert message={error === null ? null : errorMessage(error, context)} />
      <HelpTicketOffer reason={error?.code === 'TOO_MANY_ATTEMPTS' ? 'blocked' : 'not_registered'} />
      <ActionBar />
    </section>
  );
}
