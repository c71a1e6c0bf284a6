import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { Clock } from '../ports.js';
import type { Tx } from '../store/store.js';
import { throttleRows } from '../store/throttle-records.js';
import { pacedUntil } from './pacing.js';

/**
 * Per-account limits (Entra SSPR's numbers by default): reaching the limit blocks for blockMinutes.
 * technicianSignIns counts wrong technician sign-ins per name as typed (and wrong admin PINs per kiosk).
 */
export type AccountScope = 'failedProofs' | 'emailSends' | 'smsSends' | 'technicianSignIns';
/** Per-kiosk pacing: escalating short waits and a ceiling per window, never a long lock-out. */
export type KioskScope = 'kioskRequests' | 'kioskFailedProofs';
export type ThrottleScope = AccountScope | KioskScope;
export type ThrottleRules = KioskConfig['throttle'];

export type ThrottleStatus =
  | { blocked: false; remaining: number }
  | { blocked: true; retryAfterSeconds: number; until: Date };

export interface RecordedEvent {
  eventId: number;
  status: ThrottleStatus;
}

const minute = 60_000;
const accountScopes: readonly ThrottleScope[] = ['failedProofs', 'emailSends', 'smsSends', 'technicianSignIns'];
export const isAccountScope = (scope: ThrottleScope): scope is AccountScope => accountScopes.includes(scope);

/**
 * Sliding-window throttles. Account subjects are pseudonyms of the name as typed, so an unknown name
 * is throttled exactly like a real one. For account scopes the event that reaches the limit starts
 * the block, so the limit-th failed proof is already refused and the limit-th send is the last one.
 * Every call runs inside the caller's transaction: the count and the insert are one atomic step,
 * also across kiosks sharing a database.
 */
export function createThrottle(deps: { clock: Clock; rules: ThrottleRules }) {
  const { clock, rules } = deps;

  const blocked = (untilMs: number, nowMs: number): ThrottleStatus => ({
    blocked: true,
    retryAfterSeconds: Math.ceil((untilMs - nowMs) / 1000),
    until: new Date(untilMs),
  });

  async function status(tx: Tx, scope: ThrottleScope, subject: string): Promise<ThrottleStatus> {
    const now = clock.now().getTime();
    if (isAccountScope(scope)) {
      const block = await throttleRows.blockOf(tx, scope, subject);
      if (block !== null && Date.parse(block.blockedUntil) > now) return blocked(Date.parse(block.blockedUntil), now);
      const rule = rules[scope];
      const window = await throttleRows.windowAfter(tx, scope, subject, new Date(now - rule.windowMinutes * minute).toISOString());
      return { blocked: false, remaining: Math.max(0, rule.limit - window.count) };
    }
    const rule = rules[scope];
    const windowStart = new Date(now - rule.windowMinutes * minute).toISOString();
    const window = await throttleRows.windowAfter(tx, scope, subject, windowStart);
    const limitTh = window.count >= rule.limit ? await throttleRows.nthNewestAfter(tx, scope, subject, windowStart, rule.limit) : null;
    const until = pacedUntil(
      rule,
      {
        count: window.count,
        newestMs: window.newest === null ? null : Date.parse(window.newest),
        limitThNewestMs: limitTh === null ? null : Date.parse(limitTh),
      },
      now,
    );
    return until === null ? { blocked: false, remaining: Math.max(0, rule.limit - window.count) } : blocked(until, now);
  }

  return {
    status,

    /**
     * Counts one event; for an account scope, reaching the limit starts the block and the result says
     * so. `known` is the status this transaction already read for the same scope and subject (and
     * found not blocked): the status after the event then follows from it without reading again.
     */
    async record(tx: Tx, scope: ThrottleScope, subject: string, known?: ThrottleStatus): Promise<RecordedEvent> {
      const now = clock.now();
      const eventId = await throttleRows.addEvent(tx, scope, subject, now.toISOString());
      const after: ThrottleStatus =
        known !== undefined && !known.blocked ? { blocked: false, remaining: Math.max(0, known.remaining - 1) } : await status(tx, scope, subject);
      if (isAccountScope(scope) && !after.blocked && after.remaining === 0) {
        const until = new Date(now.getTime() + rules[scope].blockMinutes * minute);
        await throttleRows.block(tx, scope, subject, now.toISOString(), until.toISOString(), eventId);
        return { eventId, status: await status(tx, scope, subject) };
      }
      return { eventId, status: after };
    },

    /** Takes back one event (nobody could be sent the code), including a block it started. */
    async forget(tx: Tx, eventId: number): Promise<void> {
      await throttleRows.forgetEvent(tx, eventId);
    },

    /** After a successful reset, or when the desk clears a block after an ID check. */
    async reset(tx: Tx, scope: ThrottleScope, subject: string): Promise<void> {
      await throttleRows.clear(tx, scope, subject);
    },

    /** The longest window any rule looks back over: older events can be pruned. */
    longestWindowMinutes(): number {
      return Math.max(...Object.values(rules).map((rule) => rule.windowMinutes));
    },
  };
}

export type Throttle = ReturnType<typeof createThrottle>;

/** The most restrictive of several statuses: the longest wait wins. */
export function longestWait(statuses: ThrottleStatus[]): Extract<ThrottleStatus, { blocked: true }> | null {
  let worst: Extract<ThrottleStatus, { blocked: true }> | null = null;
  for (const status of statuses) {
    if (status.blocked && (worst === null || status.until > worst.until)) worst = status;
  }
  return worst;
}
