import { useCallback, useEffect, useRef, useState } from 'react';
import { idlePhase } from '../idle-phase.js';

const activityEvents = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const;
const tickMilliseconds = 250;
/** Main keeps its own idle clock; telling it about activity more often than this adds nothing. */
const reportEveryMilliseconds = 5000;

/**
 * Watches for a person at the screen. Returns the seconds left while the final warning is showing
 * (null otherwise) and a way to say "I am still here"; calls onExpire once when time runs out.
 */
export function useIdleCountdown(options: { enabled: boolean; idleSeconds: number; onExpire: () => void; onActivity?: () => void }) {
  const { enabled, idleSeconds, onExpire } = options;
  const lastActivity = useRef(performance.now());
  const lastReport = useRef(Number.NEGATIVE_INFINITY);
  const activity = useRef(options.onActivity);
  useEffect(() => {
    activity.current = options.onActivity;
  }, [options.onActivity]);
  const report = useCallback(() => {
    const now = performance.now();
    if (now - lastReport.current < reportEveryMilliseconds) return;
    lastReport.current = now;
    activity.current?.();
  }, []);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const expire = useRef(onExpire);
  useEffect(() => {
    expire.current = onExpire;
  }, [onExpire]);

  const stillHere = useCallback(() => {
    lastActivity.current = performance.now();
    setSecondsLeft(null);
    lastReport.current = Number.NEGATIVE_INFINITY;
    report();
  }, [report]);

  useEffect(() => {
    if (!enabled) {
      setSecondsLeft(null);
      return undefined;
    }
    // Arriving at a watched state counts as activity: the clock starts now, not at the last tap.
    lastActivity.current = performance.now();
    const noteActivity = () => {
      lastActivity.current = performance.now();
      report();
    };
    for (const name of activityEvents) window.addEventListener(name, noteActivity, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const phase = idlePhase(performance.now() - lastActivity.current, idleSeconds);
      if (phase.kind === 'expired') {
        lastActivity.current = performance.now();
        setSecondsLeft(null);
        expire.current();
      } else {
        setSecondsLeft(phase.kind === 'warning' ? phase.secondsLeft : null);
      }
    }, tickMilliseconds);
    return () => {
      window.clearInterval(timer);
      for (const name of activityEvents) window.removeEventListener(name, noteActivity, { capture: true });
    };
  }, [enabled, idleSeconds, report]);

  return { secondsLeft, stillHere };
}
