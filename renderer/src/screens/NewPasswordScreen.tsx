import type { FormEvent } from 'react';
import { useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PasswordChecklist } from '../components/PasswordChecklist.js';
import { StartOverButton } from '../components/StartOverButton.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { messageContextOf, useLoadedInfo } from '../hooks/use-message-context.js';
import { usePasswordVerdict } from '../hooks/use-password-verdict.js';
import { errorMessage, inputProblems, rejectedRuleProblems } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * The passwords live only in this screen's state: leaving the stage (done, start over, idle wipe)
 * unmounts it and they are gone. Paste is allowed (security.md 12); nothing is ever echoed back.
 * Spell checking stays off: once shown as text, a password must not be sent to a spelling service.
 */
export function NewPasswordScreen({ username }: { username: string }) {
  const info = useLoadedInfo();
  const context = messageContextOf(info);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const setPassword = useFlow((s) => s.setPassword);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [password, setPasswordText] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [visible, setVisible] = useState(false);
  const [missing, setMissing] = useState(false);
  // A refusal describes the password that was sent; once either box changes it no longer applies.
  const [editedSinceSubmit, setEditedSinceSubmit] = useState(false);
  const mainVerdict = usePasswordVerdict(password);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const incomplete = password === '' || confirmation === '';
    setMissing(incomplete);
    setEditedSinceSubmit(false);
    if (!incomplete) void setPassword(password, confirmation);
  };

  const refusal = error === null || editedSinceSubmit ? null : error;
  const message = missing ? inputProblems.passwordMissing : refusal === null ? null : errorMessage(refusal, context);
  const problems = !missing && refusal?.code === 'PASSWORD_REJECTED' ? rejectedRuleProblems(refusal, context) : [];
  const fieldType = visible ? 'text' : 'password';

  return (
    <section className="stage" data-testid="stage-new_password">
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        Choose a new password
      </h1>
      <form className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <div className="field">
          <label htmlFor="new-password">New password</label>
          <input
            id="new-password"
            name="new-password"
            type={fieldType}
            autoComplete="new-password"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={password}
            aria-invalid={message !== null}
            aria-describedby="checklist-heading password-error"
            onChange={(event) => {
              setMissing(false);
              setEditedSinceSubmit(true);
              setPasswordText(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="confirm-password">Type it again</label>
          <input
            id="confirm-password"
            name="confirm-password"
            type={fieldType}
            autoComplete="new-password"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={confirmation}
            aria-invalid={message !== null}
            aria-describedby="password-error"
            onChange={(event) => {
              setMissing(false);
              setEditedSinceSubmit(true);
              setConfirmation(event.target.value);
            }}
          />
        </div>
        <button
          type="button"
          className="button button-secondary toggle"
          aria-pressed={visible}
          aria-controls="new-password confirm-password"
          onClick={() => setVisible((shown) => !shown)}
        >
          Show passwords
        </button>
        <PasswordChecklist password={password} username={username} context={context} mainVerdict={mainVerdict} />
        <div id="password-error">
          <ErrorAlert message={message}>
            {problems.length === 0 ? null : (
              <ul className="problems">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
          </ErrorAlert>
        </div>
        <button type="submit" className="button button-primary">
          Change password
        </button>
      </form>
      <StartOverButton />
    </section>
  );
}
