import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/flow/stages.js';
import { TickIcon } from '../components/Icons.js';
import { NumberInText } from '../components/NumberInText.js';
import { useWords } from '../i18n/use-words.js';
import { ServiceDeskContact } from '../components/ServiceDeskContact.js';
import { StartOverButton } from '../components/StartOverButton.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useInterval } from '../hooks/use-interval.js';
import { useLoadedInfo } from '../hooks/use-message-context.js';
import { doneWordsFor } from '../messages.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

type DoneView = Extract<SessionView, { stage: 'done' }>;

/** No automatic sign-in (security.md 16): the kiosk only says what happened, then clears itself. */
export function DoneScreen({ view }: { view: DoneView }) {
  const { returnAfterSeconds } = view;
  const info = useLoadedInfo();
  const words = useWords();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [secondsLeft, setSecondsLeft] = useState(returnAfterSeconds);
  const [deadline] = useState(() => performance.now() + returnAfterSeconds * 1000);
  const finished = useRef(false);
  const said = doneWordsFor(words, view, info.serviceDesk.name);

  // Counted from a deadline, not by decrements, so a late timer tick cannot stretch the wait.
  useInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline - performance.now()) / 1000))), 250);

  useEffect(() => {
    if (secondsLeft > 0 || finished.current) return;
    finished.current = true;
    void endWalkUpSession();
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
      <p className="countdown">
        <NumberInText words={words} id="walkUp.done.countdown" name="seconds" value={secondsLeft} className="countdown-seconds" />
      </p>
      <StartOverButton />
    </section>
  );
}
