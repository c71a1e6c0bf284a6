/**
 * The Done screen's countdown, kept pure so it can be checked without waiting. It counts to a
 * deadline (a late timer tick cannot stretch the wait), and a touch moves the deadline back to the
 * full time: never further, so holding a finger on the screen cannot keep it open for ever.
 */
export interface DoneCountdown {
  /** performance.now() value at which the screen clears itself. */
  deadline: number;
}

export function startCountdown(now: number, returnAfterSeconds: number): DoneCountdown {
  return { deadline: now + returnAfterSeconds * 1000 };
}

/** A touch, click or key: the full time again, counted from now. */
export function extendCountdown(countdown: DoneCountdown, now: number, returnAfterSeconds: number): DoneCountdown {
  return { deadline: Math.max(countdown.deadline, now + returnAfterSeconds * 1000) };
}

/** Whole seconds left, rounded up so "0" is shown only when time is really up. */
export function secondsLeft(countdown: DoneCountdown, now: number): number {
  return Math.max(0, Math.ceil((countdown.deadline - now) / 1000));
}
