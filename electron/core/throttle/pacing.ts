/**
 * A per-kiosk rule that makes abuse cost the abuser time instead of locking everyone out: the first
 * `free` events in the window pass at once, each further one waits twice as long as the last
 * (firstWaitSeconds, doubling, at most maxWaitSeconds), and `limit` events in any window is a hard
 * ceiling until the oldest of them leaves the window.
 */
export interface PacingRule {
  free: number;
  limit: number;
  windowMinutes: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
}

export interface PacingWindow {
  /** Events inside the window. */
  count: number;
  /** Time of the newest event in the window. */
  newestMs: number | null;
  /** Time of the limit-th newest event in the window (when count >= limit). */
  limitThNewestMs: number | null;
}

/** The earliest time the next event may happen, or null when it may happen now. */
export function pacedUntil(rule: PacingRule, window: PacingWindow, nowMs: number): number | null {
  let until: number | null = null;
  if (window.count >= rule.limit && window.limitThNewestMs !== null) {
    until = window.limitThNewestMs + rule.windowMinutes * 60_000;
  } else if (window.count >= rule.free && window.newestMs !== null) {
    const wait = Math.min(rule.maxWaitSeconds, rule.firstWaitSeconds * 2 ** (window.count - rule.free));
    until = window.newestMs + wait * 1000;
  }
  return until !== null && until > nowMs ? until : null;
}

/**
 * The most events a subject can pass in one day under this rule: the hard ceiling allows at most
 * `limit` in any window, so a day holds at most limit x ceil(1440 / windowMinutes).
 */
export function maxEventsPerDay(rule: PacingRule): number {
  return rule.limit * Math.ceil((24 * 60) / rule.windowMinutes);
}
