import { useEffect, useRef } from 'react';

/** Calls `tick` every `milliseconds` while `enabled`; the latest `tick` is used without restarting. */
export function useInterval(tick: () => void, milliseconds: number, enabled = true): void {
  const latest = useRef(tick);
  useEffect(() => {
    latest.current = tick;
  }, [tick]);
  useEffect(() => {
    if (!enabled) return undefined;
    const timer = window.setInterval(() => latest.current(), milliseconds);
    return () => window.clearInterval(timer);
  }, [milliseconds, enabled]);
}
