import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { Authenticators } from '../authenticator/authenticator-types.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import { accountRows } from '../store/accounts.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';
import { throttled, type ProofThrottle } from './proof-throttle.js';

/** RFC 6238 as the kiosk uses it (authenticator-types.ts): what the code screen asks for. */
export const appCodeDigits = 6;

export type AppVerdict = { accepted: true; accountId: number; addedAt: string } | { accepted: false; result: Result<never> };

const method = 'app';

/**
 * Proof by a code from the person's authenticator app. Nothing is sent, so choosing it only checks
 * that the name is not blocked; the check of a code looks the typed name up and verifies the code in
 * one transaction, with the same statements and work for every name: an unknown name, a disabled
 * account or an account without an app is checked against the authenticators' dummy secret, and a
 * wrong code counts toward the same failed-proof limits as a wrong emailed or texted code.
 */
export function createAppProof(deps: {
  store: Store;
  authenticators: Authenticators | null;
  throttle: Throttle;
  proofThrottle: ProofThrottle;
  audit: AuditTrail;
  pseudonym: NamePseudonym;
}) {
  const { store, authenticators, throttle, proofThrottle, audit, pseudonym } = deps;

  return {
    /** Offered (to everyone alike) only when the kiosk can keep authenticator secrets safe. */
    offered: authenticators !== null && authenticators.refusal === null,

    /** "Code from my authenticator app": the same refusal as a code request when the name is blocked. */
    async start(input: { typedName: string; event: string }): Promise<Result<null>> {
      const { typedName, event } = input;
      return store.run(async (tx): Promise<Result<null>> => {
        const proofs = await throttle.status(tx, 'failedProofs', pseudonym(typedName));
        if (proofs.blocked) {
          await audit.record(tx, { event, typedName, outcome: 'refused', detail: { method, reason: 'throttled', retryAfterSeconds: proofs.retryAfterSeconds } });
          return throttled(proofs);
        }
        await audit.record(tx, { event, typedName, outcome: 'ok', detail: { method } });
        return ok(null);
      });
    },

    async verify(input: { typedName: string; code: string; event: string }): Promise<AppVerdict> {
      const { typedName, code, event } = input;
      if (authenticators === null) return { accepted: false, result: fail('NOT_AVAILABLE') };
      const detail = { method };
      return store.run(async (tx): Promise<AppVerdict> => {
        const limits = await proofThrottle.check(tx, { typedName, event, detail });
        if ('refused' in limits) return { accepted: false, result: limits.refused };
        // The kiosk's own accounts table, in this transaction: the lookup and the check are one step,
        // the same statements whoever was typed (a missing or disabled account checks a dummy secret).
        const account = await accountRows.findByUsername(tx, typedName);
        const verdict = await authenticators.verify(tx, account !== null && account.status === 'active' ? account.id : null, code);
        if (verdict.accepted && account !== null) {
          // In the transaction that records the accepted time step: it is never spent without its record.
          await audit.record(tx, { event, typedName, outcome: 'ok', detail });
          return { accepted: true, accountId: account.id, addedAt: verdict.authenticator.addedAt };
        }
        return { accepted: false, result: await proofThrottle.countFailure(tx, { typedName, event, codeTriesLeft: Infinity, known: limits.known, detail }) };
      });
    },
  };
}

export type AppProof = ReturnType<typeof createAppProof>;
