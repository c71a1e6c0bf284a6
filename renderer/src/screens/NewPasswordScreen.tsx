import type { FormEvent } from 'react';
import { useState } from 'react';
import type { PasswordPurpose } from '../../../shared/flow/stages.js';
import { useAssistedMode } from '../assisted-mode.js';
import { ActionBar } from '../components/ActionBar.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { PasswordChecklist } from '../components/PasswordChecklist.js';
import { PasswordField, ShowPasswordToggle } from '../components/PasswordField.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useMessageContext } from '../hooks/use-message-context.js';
import { usePasswordVerdict } from '../hooks/use-password-verdict.js';
import { errorMessage, inputProblems, isPolicyRuleCode, newPasswordHeadingIds, newPasswordLeadIds, rejectedRuleProblems } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

/**
 * The passwords live only in this screen's state: leaving the stage (done, start over, idle wipe)
 * unmounts it and they are gone. Paste is allowed (security.md 12); nothing is ever echoed back.
 * The same screen ends "Forgot your password?" and "Change your password"; only its heading differs.
 */
export function NewPasswordScreen({ purpose, username }: { purpose: PasswordPurpose; username: string }) {
  const context = useMessageContext();
  const { t } = context.words;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const setPassword = useFlow((s) => s.setPassword);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [password, setPasswordText] = useState('');
  const [confirmation, setConfirmation] = useState('');
  // Beside a technician (an assisted reset) the password is never shown: no reveal button at all.
  const assisted = useAssistedMode();
  const [shown, setVisible] = useState(false);
  const visible = shown && !assisted;
  const [missing, setMissing] = useState(false);
  // A refusal describes the password that was sent; once either box changes it no longer applies.
  const [editedSinceSubmit, setEditedSinceSubmit] = useState(false);
  const mainVerdict = usePasswordVerdict(password);

  const edited = () => {
    setMissing(false);
    setEditedSinceSubmit(true);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const incomplete = password === '' || confirmation === '';
    setMissing(incomplete);
    setEditedSinceSubmit(false);
    if (!incomplete) void setPassword(password, confirmation);
  };

  const lead = newPasswordLeadIds[purpose];
  const refusal = error === null || editedSinceSubmit ? null : error;
  const message = missing ? inputProblems.passwordMissing(context.words) : refusal === null ? null : errorMessage(refusal, context);
  const problems = !missing && refusal?.code === 'PASSWORD_REJECTED' ? rejectedRuleProblems(refusal, context) : [];
  // A refusal for the text still in the box is main's full verdict on it (reuse included): the checklist shows it.
  const submittedVerdict = refusal?.code === 'PASSWORD_REJECTED' ? (refusal.details?.rules ?? []).filter(isPolicyRuleCode) : null;

  return (
    <section className="stage" data-testid="stage-new_password" data-purpose={purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t(newPasswordHeadingIds[purpose])}
      </h1>
      {lead === null ? null : <p className="lead">{t(lead)}</p>}
      <form id="new-password-form" className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <PasswordField
          id="new-password"
          label={t('walkUp.newPassword.label')}
          value={password}
          visible={visible}
          invalid={message !== null}
          describedBy="checklist-heading password-error"
          autoComplete="new-password"
          onEdit={(value) => {
            edited();
            setPasswordText(value);
          }}
        />
        <PasswordField
          id="confirm-password"
          label={t('walkUp.newPassword.again')}
          value={confirmation}
          visible={visible}
          invalid={message !== null}
          describedBy="password-error"
          autoComplete="new-password"
          onEdit={(value) => {
            edited();
            setConfirmation(value);
          }}
        />
        {assisted ? null : (
          <ShowPasswordToggle
            label={t('walkUp.newPassword.show')}
            pressed={visible}
            controls="new-password confirm-password"
            onToggle={() => setVisible((current) => !current)}
          />
        )}
        <PasswordChecklist
          password={password}
          confirmation={confirmation}
          username={username}
          context={context}
          mainVerdict={mainVerdict}
          submittedVerdict={submittedVerdict}
        />
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
      </form>
      <ActionBar>
        <button type="submit" form="new-password-form" className="button button-primary">
          {t('walkUp.newPassword.submit')}
        </button>
      </ActionBar>
    </section>
  );
}
