import { useEffect, useRef, useState } from 'react';
import { TickIcon } from '../components/Icons.js';
import { StartOverButton } from '../components/StartOverButton.js';
import { useFocusOnMount } from '../hooks/use-focus-on-mount.js';
import { useInterval } from '../hooks/use-interval.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

/** No automatic sign-in (security.md 16): the kiosk only confirms, then clears itself. */
export function DoneScreen({ returnAfterSeconds }: { returnAfterSeconds: number }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [secondsLeft, setSecondsLeft] = useState(returnAfterSeconds);
  const [deadline] = useState(() => performance.now() + returnAfterSeconds * 1000);
  const finished = useRef(false);

  // Counted from a deadline, not by decrements, so a late timer tick cannot stretch the wait.
  useInterval(() => setSecondsLeft(Math.max(0, Math.ceil((deadline - performance.now()) / 1000))), 250);

  useEffect(() => {
    if (secondsLeft > 0 || finished.current) return;
    finished.current = true;
    void endWalkUpSession();
  }, [secondsLeft]);

  return (
    <section className="stage" data-testid="stage-done">
      <h1 id="stage-heading" ref={heading} tabIndex={-1} className="done-heading">
        <TickIcon />
        Password changed
      </h1>
      <p className="lead">Your password has been changed. You can now sign in with your new password.</p>
      <p>We have emailed you a notification.</p>
      <p className="countdown">
        This screen returns to the start in <strong className="countdown-seconds">{secondsLeft}</strong>{' '}
        {secondsLeft === 1 ? 'second' : 'seconds'}.
      </p>
      <StartOverButton />
    </section>
  );
}
