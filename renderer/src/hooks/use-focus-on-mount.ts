import { useEffect, useRef } from 'react';

/**
 * Moves focus to the new step's heading, so a screen reader announces the step and keyboard users
 * start from the top of it (the old focused button has just disappeared).
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
