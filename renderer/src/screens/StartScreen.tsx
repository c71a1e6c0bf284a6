import type { FormEvent } from 'react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { messageContextOf, useLoadedInfo } from '../hooks/use-message-context.js';
import { errorMessage, inputProblems } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

export function StartScreen() {
  const info = useLoadedInfo();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const username = useFlow((s) => s.usernameDraft);
  const setUsername = useFlow((s) => s.setUsernameDraft);
  const begin = useFlow((s) => s.begin);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = username.trim();
    setMissing(trimmed === '');
    if (trimmed !== '') void begin(trimmed);
  };

  const message = missing ? inputProblems.usernameMissing : error === null ? null : errorMessage(error, messageContextOf(info));

  return (
    <section className="stage" data-testid="stage-identify">
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        Forgot your password?
      </h1>
      <p className="lead">Type your username and we will send you a code to set a new password.</p>
      <form className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor="username">Username</label>
          <input
            id="username"
            name="username"
            type="text"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            maxLength={256}
            value={username}
            aria-invalid={message !== null}
            aria-describedby="start-error"
            onChange={(event) => {
              setMissing(false);
              setUsername(event.target.value);
            }}
          />
        </div>
        <div id="start-error">
          <ErrorAlert message={message} />
        </div>
        <button type="submit" className="button button-primary">
          Continue
        </button>
      </form>
      <div className="notice">
        <p className="reminder">{info.departmentName} will never email you a link to change your password.</p>
        <p>Need help? Ask us:</p>
        <ServiceDeskContact desk={info.serviceDesk} />
      </div>
    </section>
  );
}
