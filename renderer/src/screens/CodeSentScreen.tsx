import type { FormEvent } from 'react';
import { useState } from 'react';
import type { SessionView } from '../../../shared/flow/stages.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { StartOverButton } from '../components/StartOverButton.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useInterval } from '../hooks/use-interval.js';
import { messageContextOf, useLoadedInfo } from '../hooks/use-message-context.js';
import { humanDuration } from '../human-duration.js';
import { codeHeadings, codeHelp, codeOnItsWayByPurpose, errorMessage, errorMessages, inputProblems, newCodeOnItsWayByPurpose, whereToLook } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

type CodeSentView = Extract<SessionView, { stage: 'code_sent' }>;

/** Sending happens in the background in main; a failure only shows up by asking again. */
const deliveryPollMilliseconds = 2000;

export function CodeSentScreen({ view }: { view: CodeSentView }) {
  const info = useLoadedInfo();
  const context = messageContextOf(info);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const verifyCode = useFlow((s) => s.verifyCode);
  const resendCode = useFlow((s) => s.resendCode);
  const poll = useFlow((s) => s.poll);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [resent, setResent] = useState(false);
  // An app code is not sent: nothing is on its way, nothing to send again, and no expiry to count.
  const fromApp = view.delivery === 'in_app';

  useInterval(() => void poll(), deliveryPollMilliseconds, view.delivery === 'pending');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Same tidying as the IPC schema: people copy codes as "123 456" or "123-456".
    const digits = code.replace(/[\s-]/g, '');
    const localProblem =
      digits === '' ? inputProblems.codeMissing : /^[0-9]+$/.test(digits) && digits.length === view.codeLength ? null : inputProblems.codeShape(view.codeLength);
    setProblem(localProblem);
    setResent(false);
    if (localProblem === null) void verifyCode(digits);
  };

  const sendAgain = async () => {
    setProblem(null);
    setCode('');
    setResent(await resendCode());
  };

  const message = problem ?? (error === null ? null : errorMessage(error, context));

  return (
    <section className="stage" data-testid="stage-code_sent" data-purpose={view.purpose} data-method={view.method}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {codeHeadings[view.method]}
      </h1>
      <p className="lead">{codeOnItsWayByPurpose[view.purpose][view.method]}</p>
      <p>{whereToLook[view.method]}</p>
      {fromApp ? null : <p>The code works for {humanDuration(view.expiresInSeconds)}.</p>}
      {view.delivery === 'failed' ? (
        <div role="alert" className="error-alert">
          <p>{errorMessages.SEND_FAILED(undefined, context)}</p>
        </div>
      ) : null}
      <form className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor="code">Code</label>
          <p id="code-hint" className="hint">
            {view.codeLength} digits
          </p>
          <input
            id="code"
            name="code"
            type="text"
            className="code-input"
            autoComplete="one-time-code"
            inputMode="numeric"
            pattern="[0-9]*"
            spellCheck={false}
            // Room for the spaces or hyphen people copy along with a code.
            maxLength={view.codeLength + 4}
            value={code}
            aria-invalid={message !== null}
            aria-describedby="code-hint code-error"
            onChange={(event) => {
              setProblem(null);
              setCode(event.target.value);
            }}
          />
        </div>
        <div id="code-error">
          <ErrorAlert message={message} />
        </div>
        {resent && message === null ? (
          <p role="status" className="status">
            {newCodeOnItsWayByPurpose[view.purpose][view.method]}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="button button-primary">
            Verify
          </button>
          {fromApp ? null : (
            <button type="button" className="button button-secondary" onClick={() => void sendAgain()}>
              Send a new code
            </button>
          )}
        </div>
      </form>
      <div className="notice">
        <p>{codeHelp[view.method](info.serviceDesk.name)}</p>
        <ServiceDeskContact desk={info.serviceDesk} />
      </div>
      <StartOverButton />
    </section>
  );
}
