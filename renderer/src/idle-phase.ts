/**
 * Where a walk-up session stands on the way to the idle wipe. Pure, so the countdown can be checked
 * without waiting for real time to pass.
 */
export type IdlePhase =
  | { kind: 'active' }
  | { kind: 'warning'; secondsLeft: number }
  | { kind: 'expired' };

/** security.md 26: the visible countdown lasts at least 20 seconds. */
export const idleWarningSeconds = 20;

export function idlePhase(idleMilliseconds: number, idleSeconds: number, warningSeconds = idleWarningSeconds): IdlePhase {
  const leftMs = idleSeconds * 1000 - idleMilliseconds;
  if (leftMs <= 0) return { kind: 'expired' };
  if (leftMs <= Math.min(warningSeconds, idleSeconds) * 1000) return { kind: 'warning', secondsLeft: Math.ceil(leftMs / 1000) };
  return { kind: 'active' };
}
