import { useEffect, useRef, useState } from 'react';
import type { SessionView } from '../../../shared/flow/stages.js';
import { TickIcon } from '../components/Icons.js';
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
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [secondsLeft, setSecondsLeft] = useState(returnAfterSeconds);
  const [deadline] = useState(() => performance.now() + returnAfterSeconds * 1000);
  const finished = useRef(false);
  const words = doneWordsFor(view, info.serviceDesk.name);

  // Counted from a deadline, not by decrements, so a late timer tick cannot stretch the wait.
  useInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline - performance.now()) / 1000))), 250);

  useEffect(() => {
    if (secondsLeft > 0 || finished.current) return;
    finished.current = true;
    void endWalkUpSession();
  }, [secondsLeft]);

  return (
    <section className="stage" data-testid="stage-done" data-purpose={view.purpose} data-outcome={view.outcome}>
      <h1 id="stage-heading" ref={heading} tabIndex={-1} className={words.good ? 'done-heading' : undefined}>
        {words.good ? <TickIcon /> : null}
        {words.heading}
      </h1>
      {words.lines.map((line) => (
        <p key={line} className={line === words.lines[0] ? 'lead' : undefined}>
          {line}
        </p>
      ))}
      {words.needsDesk ? <ServiceDeskContact desk={info.serviceDesk} /> : null}
      <p className="countdown">
        This screen returns to the start in <strong className="countdown-seconds">{secondsLeft}</strong>{' '}
        {secondsLeft === 1 ? 'second' : 'seconds'}.
      </p>
      <StartOverButton />
    </section>
  );
}
