import type { FormEvent } from 'react';
import { useState } from 'react';
import type { RegisteredMethod } from '../../../../shared/flow/stages.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useFocusOnMount } from '../../hooks/use-focus-on-mount.js';
import { messageContextOf, useLoadedInfo } from '../../hooks/use-message-context.js';
import { errorMessage } from '../../messages.js';
import { addEmailWords, formButtons } from '../../registration-messages.js';
import { useFlow } from '../../stores/bound-stores.js';

/**
 * Add or change a personal email address, typed twice (a typo here would send every future code to a
 * stranger). Main judges the address and the organisation's own domains; this screen only checks that
 * both boxes are filled. The address lives in this screen's state: a wipe unmounts it.
 */
export function AddEmailScreen({ replacing }: { replacing: RegisteredMethod | null }) {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const addEmail = useFlow((s) => s.addEmail);
  const openMethodForm = useFlow((s) => s.openMethodForm);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [email, setEmail] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const incomplete = email.trim() === '' || confirmation.trim() === '';
    setMissing(incomplete);
    if (!incomplete) void addEmail(email.trim(), confirmation.trim());
  };

  const message = missing ? addEmailWords.missing : error === null ? null : errorMessage(error, messageContextOf(info));

  return (
    <section className="stage" data-testid="stage-methods" data-screen="add-email" aria-busy={busy}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {replacing === null ? addEmailWords.heading.add : addEmailWords.heading.change}
      </h1>
      <p className="lead">{addEmailWords.lead(info.organisationName)}</p>
      {replacing === null ? null : <p>{addEmailWords.replacing(replacing.masked)}</p>}
      <form className="stage-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="new-email">{addEmailWords.address}</label>
          <input
            id="new-email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={254}
            value={email}
            aria-invalid={message !== null}
            aria-describedby="email-error"
            onChange={(event) => {
              setMissing(false);
              setEmail(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="new-email-again">{addEmailWords.again}</label>
          <input
            id="new-email-again"
            name="email-again"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={254}
            value={confirmation}
            aria-invalid={message !== null}
            aria-describedby="email-error"
            onChange={(event) => {
              setMissing(false);
              setConfirmation(event.target.value);
            }}
          />
        </div>
        <div id="email-error">
          <ErrorAlert message={message} />
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary">
            {formButtons.sendCode}
          </button>
          <button type="button" className="button button-secondary" onClick={() => openMethodForm(null)}>
            {formButtons.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}
