import type { CodePurpose, ProofMethod } from '../../../shared/flow/stages.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { HelpTicketOffer } from '../components/HelpTicketOffer.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { StartOverButton } from '../components/StartOverButton.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { messageContextOf, useLoadedInfo } from '../hooks/use-message-context.js';
import { chooseMethodHeading, errorMessage, methodButtonLabels, methodLeads, methodLeadsWithApp, proofStepWords } from '../messages.js';
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
  const step = proofStepWords(proof);

  return (
    <section className="stage" data-testid="stage-choose_method" data-purpose={purpose} data-proof={proof.number} aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {chooseMethodHeading(methods, proof)}
      </h1>
      {step === null ? null : <p className="reminder">{step}</p>}
      <p className="lead">{methods.includes('app') ? methodLeadsWithApp[purpose] : methodLeads[purpose]}</p>
      {methods.length === 0 ? (
        <>
          <p className="lead">This kiosk cannot send you a code right now. The {info.serviceDesk.name} can help:</p>
          <ServiceDeskContact desk={info.serviceDesk} />
        </>
      ) : (
        <div className="method-buttons">
          {methods.map((method) => (
            <button key={method} type="button" className="button button-primary button-big" data-method={method} onClick={() => void chooseMethod(method)}>
              {methodButtonLabels[method]}
            </button>
          ))}
        </div>
      )}
      <ErrorAlert message={error === null ? null : errorMessage(error, messageContextOf(info))} />
      <HelpTicketOffer reason={error?.code === 'TOO_MANY_ATTEMPTS' ? 'blocked' : 'not_registered'} />
      <StartOverButton />
    </section>
  );
}
