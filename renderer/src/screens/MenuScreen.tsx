import type { Purpose } from '../../../shared/flow/stages.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LinkWarning } from '../components/LinkWarning.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useLoadedInfo, useMessageContext } from '../hooks/use-message-context.js';
import { LanguageChooser } from '../components/LanguageChooser.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { WipeNotice } from '../components/WipeNotice.js';
import { errorMessage, journeySummaryIds, journeyTitleIds } from '../messages.js';
import { registerSignInMessages } from '../registration-messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { useWipeNotice } from '../wipe-notice.js';

const journeys: readonly Purpose[] = ['reset', 'unlock', 'change'];
const journeysWithRegistration: readonly Purpose[] = [...journeys, 'register'];

/**
 * The start: one large choice per journey, for touch and keyboard alike. Choosing only changes this
 * page; main hears of the journey with its first call (username, or username and password).
 */
export function MenuScreen() {
  const info = useLoadedInfo();
  const context = useMessageContext();
  const { t } = context.words;
  const registerWords = registerSignInMessages(context.words);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const choose = useFlow((s) => s.choose);
  const showHelp = useFlow((s) => s.showHelp);
  const hideWipeNotice = useWipeNotice((s) => s.hide);
  const busy = useFlow((s) => s.busy);
  const error = useFlow((s) => s.error);
  const offered = info.registration.available ? journeysWithRegistration : journeys;

  return (
    <section className="stage" data-testid="stage-identify" data-screen="menu" aria-busy={busy}>
      {/* First on the screen: someone who cannot read the default language looks for theirs before anything else. */}
      <LanguageChooser offered={info.languages.offered} />
      <WipeNotice />
      <h1 id="stage-heading" ref={heading} tabIndex={-1}>
        {t('walkUp.menu.heading')}
      </h1>
      <p className="lead">{t('walkUp.menu.lead')}</p>
      <ErrorAlert message={error === null ? null : errorMessage(error, context)} />
      <ul className="menu" aria-labelledby="stage-heading">
        {offered.map((purpose) => (
          <li key={purpose}>
            {/* The name is everything the button shows, title first (WCAG 2.5.3): "Forgot your password?" works by voice too. */}
            <button type="button" className="menu-option" data-journey={purpose} onClick={() => {
                // The next person has started: the note about the last one's screen has done its job.
                hideWipeNotice();
                choose(purpose);
              }}
            >
              <span className="menu-title">{t(journeyTitleIds[purpose])}</span>{' '}
              <span className="menu-summary">{t(journeySummaryIds[purpose])}</span>
            </button>
            {/* Its name adds the journey's title: four buttons all called "How this works" would not say which is which. */}
            <button
              type="button"
              className="button button-quiet how-it-works-link"
              data-help={purpose}
              aria-label={t('help.link.name', { journey: t(journeyTitleIds[purpose]) })}
              onClick={() => showHelp(purpose)}
            >
              {t('help.link')}
            </button>
          </li>
        ))}
        {info.registration.available ? null : (
          <li>
            {/* Not a button: nothing here can be done at this kiosk, and a control that does nothing would mislead. */}
            <div className="menu-option menu-option-unavailable" data-journey="register">
              <p className="menu-title">{t(journeyTitleIds.register)}</p>
              <p className="menu-summary">{registerWords.unavailable(info.serviceDesk.name)}</p>
              <ServiceDeskContact desk={info.serviceDesk} />
            </div>
          </li>
        )}
      </ul>
      <LinkWarning info={info} />
    </section>
  );
}
