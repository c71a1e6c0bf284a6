import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/flow/stages.js';
import { ActionBar } from '../components/ActionBar.js';
import { TickIcon } from '../components/Icons.js';
import { NumberInText } from '../components/NumberInText.js';
import { useWords } from '../i18n/use-words.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { extendCountdown, secondsLeft as secondsLeftOf, startCountdown } from '../done-countdown.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useInterval } from '../hooks/use-interval.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { doneWordsFor } from '../messages.js';
import { useFlow } from '../stores/bound-stores.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

type DoneView = Extract<SessionView, { stage: 'done' }>;

const moreTimeEvents = ['pointerdown', 'keydown', 'touchstart'] as const;
/** Main keeps its own idle clock; telling it more often than this adds nothing. */
const reportEveryMilliseconds = 5000;

/**
 * No automatic sign-in (security.md 16): the kiosk only says what happened, then clears itself.
 * A touch, click or key anywhere gives the full time again, for someone still reading.
 */
export function DoneScreen({ view }: { view: DoneView }) {
  const { returnAfterSeconds } = view;
  const info = useLoadedInfo();
  const words = useWords();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const reportActivity = useFlow((s) => s.reportActivity);
  const countdown = useRef(startCountdown(performance.now(), returnAfterSeconds));
  const [secondsLeft, setSecondsLeft] = useState(returnAfterSeconds);
  const finished = useRef(false);
  const said = doneWordsFor(words, view, info.serviceDesk.name);

  useInterval(() => setSecondsLeft(secondsLeftOf(countdown.current, performance.now())), 250);

  useEffect(() => {
    let lastReport = Number.NEGATIVE_INFINITY;
    const moreTime = () => {
      const now = performance.now();
      countdown.current = extendCountdown(countdown.current, now, returnAfterSeconds);
      setSecondsLeft(secondsLeftOf(countdown.current, now));
      // Main's idle clock must not end the session while the person is still reading here.
      if (now - lastReport >= reportEveryMilliseconds) {
        lastReport = now;
        void reportActivity();
      }
    };
    for (const name of moreTimeEvents) window.addEventListener(name, moreTime, { capture: true, passive: true });
    return () => {
      for (const name of moreTimeEvents) window.removeEventListener(name, moreTime, { capture: true });
    };
  }, [returnAfterSeconds, reportActivity]);

  useEffect(() => {
    if (secondsLeft > 0 || finished.current) return;
    finished.current = true;
    void endWalkUpSession('timeout');
  }, [secondsLeft]);

  return (
    <section className="stage" data-testid="stage-done" data-purpose={view.purpose} data-outcome={view.outcome}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1} className={said.good ? 'done-heading' : undefined}>
        {said.good ? <TickIcon /> : null}
        {said.heading}
      </h1>
      {said.lines.map((line) => (
        <p key={line} className={line === said.lines[0] ? 'lead' : undefined}>
          {line}
        </p>
      ))}
      {said.needsDesk ? <ServiceDeskContact desk={info.serviceDesk} /> : null}
      {said.good ? <SafetyAdvice /> : null}
      <div className="countdown-box">
        <p className="countdown">
          <NumberInText words={words} id="walkUp.done.countdown" name="seconds" value={secondsLeft} className="countdown-seconds" />
        </p>
        <p className="hint" data-testid="done-more-time">
          {words.t('walkUp.done.moreTime')}
        </p>
      </div>
      <ActionBar startOver={false}>
        <button type="button" className="button button-primary" data-testid="done-finish" onClick={() => void endWalkUpSession()}>
          {words.t('common.button.finish')}
        </button>
      </ActionBar>
    </section>
  );
}

/** The service page's advice, in short lines: said where the new password is freshest in mind. */
function SafetyAdvice() {
  const { t } = useWords();
  return (
    <section className="safety-advice" aria-labelledby="safety-heading" data-testid="safety-advice">
      <h2 id="safety-heading">{t('walkUp.done.safety.heading')}</h2>
      <ul>
        <li>{t('walkUp.done.safety.private')}</li>
        <li>{t('walkUp.done.safety.writeDown')}</li>
        <li>{t('walkUp.done.safety.email')}</li>
      </ul>
    </section>
  );
}
