import type { SessionView } from '../../../shared/flow/stages.js';
import { CodeDeliveryNotice } from '../components/CodeDeliveryNotice.js';
import { CodeEntryForm } from '../components/CodeEntryForm.js';
import { HelpTicketOffer } from '../components/HelpTicketOffer.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { useWords } from '../i18n/use-words.js';
import { codeHeadingIds, codeHelp, codeOnItsWayIds, newCodeOnItsWayIds, whereToLook } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';

type CodeSentView = Extract<SessionView, { stage: 'code_sent' }>;

export function CodeSentScreen({ view }: { view: CodeSentView }) {
  const info = useLoadedInfo();
  const words = useWords();
  const { t } = words;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const verifyCode = useFlow((s) => s.verifyCode);
  const resendCode = useFlow((s) => s.resendCode);
  const blocked = useFlow((s) => s.error?.code === 'TOO_MANY_ATTEMPTS');
  // An app code is not sent: nothing is on its way and nothing to send again.
  const fromApp = view.delivery === 'in_app';

  return (
    <section className="stage" data-testid="stage-code_sent" data-purpose={view.purpose} data-method={view.method}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t(codeHeadingIds[view.method])}
      </h1>
      <p className="lead">{t(codeOnItsWayIds[view.purpose][view.method])}</p>
      <ul className="where-to-look" data-testid="where-to-look">
        {whereToLook(words, view.method, info.organisationName).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <CodeDeliveryNotice delivery={view.delivery} expiresInSeconds={view.expiresInSeconds} />
      <CodeEntryForm
        label={t('walkUp.code.label')}
        hint={t('walkUp.code.hint', { length: view.codeLength })}
        codeLength={view.codeLength}
        verify={verifyCode}
        resend={fromApp ? undefined : { send: resendCode, notice: t(newCodeOnItsWayIds[view.purpose][view.method]) }}
        after={
          <>
            <div className="notice">
              <p>{codeHelp(words, view.method, info.serviceDesk.name)}</p>
              <ServiceDeskContact desk={info.serviceDesk} />
            </div>
            <HelpTicketOffer reason={blocked ? 'blocked' : fromApp ? 'not_registered' : 'no_code'} />
          </>
        }
      />
    </section>
  );
}
