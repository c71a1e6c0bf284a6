import { fail, type Result } from '../../../shared/ipc/result.js';
import type { AuditDetailValue, AuditTrail } from '../audit/audit-trail.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { Tx } from '../store/store.js';
import { longestWait, type Throttle, type ThrottleStatus } from '../throttle/throttle.js';

/** The refusal a blocked person sees: how long, and until when (a time of day they can plan by). */
export function throttled(status: Extract<ThrottleStatus, { blocked: true }>): Result<never> {
  return fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: status.retryAfterSeconds, until: status.until.toISOString() });
}

/** What one transaction read of the failed-proof limits, handed back when counting a failure in it. */
export interface KnownProofLimits {
  proofs: ThrottleStatus;
  kiosk: ThrottleStatus;
}

/**
 * Whose proof it is: the name as typed (reset, unlock: before a proof the account is not known), or
 * the signed-in account (registration). The limits count the same pseudonym either way.
 */
export type ProofSubject = { typedName: string; account?: never } | { account: string; typedName?: never };

const nameOf = (who: ProofSubject) => who.typedName ?? who.account!;
const auditedAs = (who: ProofSubject) => (who.typedName !== undefined ? { typedName: who.typedName } : { account: who.account! });

export type FailedProof = ProofSubject & {
  event: string;
  /**
   * Tries left on the code just checked: 0 means it is used up (the person needs a new code);
   * an authenticator app has no per-code limit (Infinity), only the name's own.
   */
  codeTriesLeft: number;
  known?: KnownProofLimits;
  detail?: Record<string, AuditDetailValue>;
};

/**
 * The failed-proof limits every kind of proof shares, so wrong codes by email, by text and from an
 * app all count toward one limit per typed name (Entra: 5 in 24 hours blocks for 24 hours) and one
 * pacing per kiosk, and are answered with the same words.
 */
export function createProofThrottle(deps: { throttle: Throttle; audit: AuditTrail; pseudonym: NamePseudonym; kioskId: string }) {
  const { throttle, audit, pseudonym, kioskId } = deps;

  return {
    /** A blocked name (or a kiosk pacing its failures) is refused before any code is looked at. */
    async check(tx: Tx, input: ProofSubject & { event: string; detail?: Record<string, AuditDetailValue> }): Promise<{ refused: Result<never> } | { known: KnownProofLimits }> {
      const known = { proofs: await throttle.status(tx, 'failedProofs', pseudonym(nameOf(input))), kiosk: await throttle.status(tx, 'kioskFailedProofs', kioskId) };
      const wait = longestWait([known.proofs, known.kiosk]);
      if (wait === null) return { known };
      await audit.record(tx, { event: input.event, ...auditedAs(input), outcome: 'refused', detail: { ...input.detail, reason: 'throttled' } });
      return { refused: throttled(wait) };
    },

    /**
     * When the name's own failed-proof block ends, or null. Asked only after a TOO_MANY_ATTEMPTS, to
     * tell the name's block (an end state for the session) from the kiosk's short pacing; the same
     * pseudonym is counted for every typed name, so it says nothing about an account.
     */
    async nameBlockedUntil(tx: Tx, who: ProofSubject): Promise<Date | null> {
      const proofs = await throttle.status(tx, 'failedProofs', pseudonym(nameOf(who)));
      return proofs.blocked ? proofs.until : null;
    },

    /** Counts one failed proof against the name and the kiosk, audits it, and says what to tell the person. */
    async countFailure(tx: Tx, input: FailedProof): Promise<Result<never>> {
      const proofs = (await throttle.record(tx, 'failedProofs', pseudonym(nameOf(input)), input.known?.proofs)).status;
      await throttle.record(tx, 'kioskFailedProofs', kioskId, input.known?.kiosk);
      await audit.record(tx, { event: input.event, ...auditedAs(input), outcome: 'refused', detail: { ...input.detail, reason: 'wrong' } });
      if (proofs.blocked) return throttled(proofs);
      // This code is used up but the account still has proofs left: the person needs a new code.
      if (input.codeTriesLeft === 0) return fail('CODE_EXPIRED');
      return fail('CODE_WRONG', { triesLeft: Math.min(input.codeTriesLeft, proofs.remaining) });
    },
  };
}

export type ProofThrottle = ReturnType<typeof createProofThrottle>;
