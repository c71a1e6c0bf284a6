import type { FormEvent } from 'react';
import { useState } from 'react';
import type { CodePurpose } from '../../../shared/flow/stages.js';
import { ActionBar } from '../components/ActionBar.js';
import { BackToMenuButton } from '../components/BackToMenuButton.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LinkWarning } from '../components/LinkWarning.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { errorMessage, identifyLeadIds, inputProblems, journeyTitleIds } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { UsernameField } from '../components/UsernameField.js';
import { usernameProblem, type UsernameProblem } from '../username-check.js';

/** The first screen of "Forgot your password?" and "Account locked?": the username, and nothing shown back. */
export function UsernameScreen({ purpose }: { purpose: CodePurpose }) {
  const info = useLoadedInfo();
  const context = useMessageContext();
  const { t } = context.words;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const username = useFlow((s) => s.usernameDraft);
  const setUsername = useFlow((s) => s.setUsernameDraft);
  const begin = useFlow((s) => s.begin);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const [problem, setProblem] = useState<UsernameProblem | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = usernameProblem(username);
    setProblem(found);
    if (found === null) void begin(purpose, username.trim());
  };

  const message =
    problem === 'missing'
      ? inputProblems.usernameMissing(context.words)
      : problem === 'email'
        ? inputProblems.usernameLooksLikeEmail(context.words)
        : error === null
          ? null
          : errorMessage(error, context);

  return (
    <section className="stage" data-testid="stage-identify" data-screen={purpose}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t(journeyTitleIds[purpose])}
      </h1>
      <p className="lead">{t(identifyLeadIds[purpose])}</p>
      <form id="username-form" className="stage-form" onSubmit={submit} noValidate aria-busy={busy}>
        <UsernameField
          value={username}
          invalid={message !== null}
          describedBy="start-error"
          onChange={(value) => {
            setProblem(null);
            setUsername(value);
          }}
        />
        <div id="start-error">
          <ErrorAlert message={message} />
        </div>
      </form>
      <LinkWarning info={info} />
      <ActionBar startOver={false}>
        <button type="submit" form="username-form" className="button button-primary">
          {t('common.button.continue')}
        </button>
        <BackToMenuButton />
      </ActionBar>
    </section>
  );
}
