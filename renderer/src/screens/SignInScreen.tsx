import type { FormEvent } from 'react';
import { useState } from 'react';
import { ActionBar } from '../components/ActionBar.js';
import { BackToMenuButton } from '../components/BackToMenuButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LinkWarning } from '../components/LinkWarning.js';
import { PasswordField, ShowPasswordToggle } from '../components/PasswordField.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { errorMessage, inputProblems, journeyTitleIds } from '../messages.js';
import { registerSignInMessages } from '../registration-messages.js';
import { useFlow } from '../stores/bound-stores.js';
import type { SignInPurpose } from '../stores/flow-store.js';
import { UsernameField } from '../components/UsernameField.js';
import { usernameProblem } from '../username-check.js';

/**
 * "Change your password" and "Set up password reset and sign-in methods": proof by the password the
 * person knows (registration is never offered without it). A wrong username and a wrong
 * password get the same words (main answers SIGN_IN_FAILED for both); only someone who typed the
 * right password hears that the account is locked or disabled. The typed password is dropped as soon
 * as it is sent, so a refusal asks for it again and a walk-away leaves nothing in the box.
 */
export function SignInScreen({ purpose }: { purpose: SignInPurpose }) {
  const info = useLoadedInfo();
  const context = useMessageContext();
  const words = context.words;
  const { t } = words;
  const registerWords = registerSignInMessages(words);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const username = useFlow((s) => s.usernameDraft);
  const setUsername = useFlow((s) => s.setUsernameDraft);
  const password = useFlow((s) => s.currentPasswordDraft);
  const setPassword = useFlow((s) => s.setCurrentPasswordDraft);
  const signIn = useFlow((s) => s.signIn);
  const begin = useFlow((s) => s.begin);
  const choose = useFlow((s) => s.choose);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [visible, setVisible] = useState(false);
  const [missing, setMissing] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = username.trim();
    const nameProblem = usernameProblem(username);
    const problem =
      nameProblem === 'missing' && password === ''
        ? inputProblems.signInMissing(words)
        : nameProblem === 'missing'
          ? inputProblems.usernameMissing(words)
          : nameProblem === 'email'
            ? inputProblems.usernameLooksLikeEmail(words)
            : password === ''
              ? inputProblems.currentPasswordMissing(words)
              : null;
    setMissing(problem);
    if (problem === null) void signIn(purpose, trimmed, password);
  };

  /** The person proved their password, and the account is locked: start "Account locked?" for the same name. */
  const unlockInstead = () => {
    const trimmed = username.trim();
    choose('unlock');
    void begin('unlock', trimmed);
  };

  const message = missing ?? (error === null ? null : errorMessage(error, context));
  const locked = missing === null && error?.code === 'ACCOUNT_LOCKED';
  const disabled = missing === null && error?.code === 'ACCOUNT_DISABLED';

  return (
    <section className="stage" data-testid="stage-identify" data-screen={purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t(journeyTitleIds[purpose])}
      </h1>
      <p className="lead">{purpose === 'register' ? registerWords.lead : t('walkUp.signIn.lead')}</p>
      <form id="sign-in-form" className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <UsernameField
          value={username}
          invalid={message !== null}
          describedBy="sign-in-error"
          onChange={(value) => {
            setMissing(null);
            setUsername(value);
          }}
        />
        <PasswordField
          id="current-password"
          label={t('walkUp.signIn.currentPassword')}
          value={password}
          visible={visible}
          invalid={message !== null}
          describedBy="sign-in-error"
          autoComplete="current-password"
          onEdit={(value) => {
            setMissing(null);
            setPassword(value);
          }}
        />
        <ShowPasswordToggle
          label={t('walkUp.signIn.showPassword')}
          pressed={visible}
          controls="current-password"
          onToggle={() => setVisible((shown) => !shown)}
        />
        <div id="sign-in-error">
          <ErrorAlert message={message} />
        </div>
        {locked ? (
          <button type="button" className="button button-secondary" onClick={unlockInstead}>
            {t('walkUp.signIn.unlockInstead')}
          </button>
        ) : null}
        {disabled ? <ServiceDeskContact desk={info.serviceDesk} /> : null}
      </form>
      {purpose === 'register' ? <LinkWarning info={info} helpLead={registerWords.forgotten(info.serviceDesk.name)} /> : <LinkWarning info={info} />}
      <ActionBar startOver={false}>
        <button type="submit" form="sign-in-form" className="button button-primary">
          {t('common.button.continue')}
        </button>
        <BackToMenuButton />
      </ActionBar>
    </section>
  );
}
