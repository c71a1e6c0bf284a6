import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { ThrottleRecords } from '../store/throttle-records.js';
import type { Clock } from '../ports.js';

export type ThrottleScope = 'failedProofs' | 'emailSends' | 'smsSends' | 'kioskRequests';
export type ThrottleRules = KioskConfig['throttle'];

export type ThrottleStatus = { blocked: false; remaining: number } | { blocked: true; retryAfterSeconds: number };

export interface RecordedEvent {
  eventId: number;
  status: ThrottleStatus;
}

/**
 * Sliding-window limits with blocks (Entra SSPR's numbers by default): `limit` events within
 * `windowMinutes` block the subject for `blockMinutes`. The event that reaches the limit causes the
 * block, so the limit-th failed proof is already refused and the limit-th send is the last allowed.
 * Per-account subjects are the lower-cased username as typed, so an unknown name is throttled exactly
 * like a real one.
 */
export function createThrottle(deps: { records: ThrottleRecords; clock: Clock; rules: ThrottleRules }) {
  const { records, clock, rules } = deps;
  const minute = 60_000;

  function status(scope: ThrottleScope, subject: string): ThrottleStatus {
    const now = clock.now().getTime();
    const until = records.blockedUntil(scope, subject);
    if (until !== null && Date.parse(until) > now) {
      return { blocked: true, retryAfterSeconds: Math.ceil((Date.parse(until) - now) / 1000) };
    }
    const rule = rules[scope];
    const windowStart = new Date(now - rule.windowMinutes * minute).toISOString();
    const used = records.countAfter(scope, subject, windowStart);
    return { blocked: false, remaining: Math.max(0, rule.limit - used) };
  }

  return {
    status,

    /** Counts one event; when it reaches the limit it starts the block and the result says so. */
    record(scope: ThrottleScope, subject: string): RecordedEvent {
      const now = clock.now();
      const eventId = records.addEvent(scope, subject, now.toISOString());
      const after = status(scope, subject);
      if (!after.blocked && after.remaining === 0) {
        const until = new Date(now.getTime() + rules[scope].blockMinutes * minute);
        records.block(scope, subject, now.toISOString(), until.toISOString(), eventId);
        return { eventId, status: status(scope, subject) };
      }
      return { eventId, status: after };
    },

    /** Takes back one event (a send that failed does not count), including a block it started. */
    forget(eventId: number): void {
      records.forgetEvent(eventId);
    },

    /** After a successful reset the person starts with a clean slate. */
    reset(scope: ThrottleScope, subject: string): void {
      records.clear(scope, subject);
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;

export function throttleSubject(typedUsername: string): string {
  return typedUsername.toLowerCase();
}
