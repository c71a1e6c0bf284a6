import { useEffect } from 'react';
import { applyBranding } from './apply-branding.js';
import { DemoInbox } from './components/DemoInbox.js';
import { IdleGuard } from './components/IdleGuard.js';
import { KioskHeader } from './components/KioskHeader.js';
import { useDocumentLanguage } from './i18n/use-document-language.js';
import { OnScreenKeyboard } from './on-screen-keyboard/OnScreenKeyboard.js';
import { useWords } from './i18n/use-words.js';
import { useFlow, useKioskInfo, useLanguage } from './stores/bound-stores.js';
import { TechnicianDoor } from './technician/TechnicianDoor.js';
import { KioskScreens, usePublicScreens } from './technician/TechnicianScreens.js';
import { useTechnicianSession } from './technician/use-technician-session.js';

export function App() {
  const info = useKioskInfo((s) => s.info);
  const infoError = useKioskInfo((s) => s.error);
  const publicScreens = usePublicScreens();
  useTechnicianSession();
  useDocumentLanguage();
  const { t } = useWords();

  useEffect(() => {
    void useKioskInfo.getState().load();
  }, []);

  useEffect(() => {
    if (info === null) return;
    applyBranding(info);
    useLanguage.getState().setDefault(info.languages.default);
    void useFlow.getState().load();
  }, [info]);

  if (info === null) {
    // Without kiosk:info there is no branding or desk to name; keep the words plain and generic.
    return (
      <main className="kiosk-main">
        <section className="stage" data-testid="stage-starting">
          <h1>{t(infoError === null ? 'walkUp.starting.heading' : 'walkUp.starting.broken')}</h1>
          {infoError === null ? null : (
            <>
              <p role="alert">{t('walkUp.starting.visitDesk')}</p>
              <button type="button" className="button button-primary" onClick={() => void useKioskInfo.getState().load()}>
                {t('common.button.tryAgain')}
              </button>
            </>
          )}
        </section>
      </main>
    );
  }

  return (
    <div className={info.demo ? 'kiosk kiosk-demo' : 'kiosk'}>
      <KioskHeader info={info} />
      <main className="kiosk-main">
        <KioskScreens />
      </main>
      {info.demo ? <DemoInbox /> : null}
      {publicScreens ? <TechnicianDoor /> : null}
      <IdleGuard idleSeconds={info.idleSeconds} />
      {info.onScreenKeyboard === 'on' ? <OnScreenKeyboard /> : null}
    </div>
  );
}
