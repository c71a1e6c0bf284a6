import { useEffect, useRef } from 'react';
import { useInterval } from '../hooks/use-interval.js';
import { useTechnician } from '../stores/bound-stores.js';
import { endWalkUpSession } from '../walk-up-wipe.js';

/** How often the console re-reads main's technician session while one is open. */
const pollMilliseconds = 1000;

/**
 * Keeps the page in step with main's technician session: reads it once at start, polls it while
 * signed in (main ends it on its own idle clock; the assisted person's progress moves in main), and
 * wipes the walk-up screens whenever technician mode begins or ends, so neither side inherits the other's.
 */
export function useTechnicianSession(): void {
  const signedIn = useTechnician((s) => (s.view === null ? null : s.view.signedIn));
  const previous = useRef<boolean | null>(null);

  useEffect(() => {
    void useTechnician.getState().load();
  }, []);

  useInterval(() => void useTechnician.getState().poll(), pollMilliseconds, signedIn === true);

  useEffect(() => {
    const before = previous.current;
    previous.current = signedIn;
    if (before === null || signedIn === null || before === signedIn) return;
    void endWalkUpSession();
  }, [signedIn]);
}
