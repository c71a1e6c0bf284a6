import type { VerificationMethod } from '../../../shared/flow/stages.js';
import type { Tx } from '../store/store.js';
import { longestWait, type AccountScope, type Throttle, type ThrottleStatus } from '../throttle/throttle.js';

const sendScope: Record<VerificationMethod, AccountScope> = { email: 'emailSends', sms: 'smsSends' };

export type SendAllowance = { wait: Extract<ThrottleStatus, { blocked: true }> } | { throttleEvents: number[] };

/**
 * The limits every code request passes, whichever journey sends the code (reset, unlock, or a new
 * method while registering): the person's failed proofs and sends by this way, and the kiosk's
 * request pacing. Read and counted in the request's own transaction, so they hold across kiosks.
 */
export function createSendLimits(deps: { throttle: Throttle; kioskId: string }) {
  const { throttle, kioskId } = deps;
  return {
    /**
     * The longest wait when a limit is reached; otherwise this send is counted, and its throttle events
     * are handed back (a delivery that finds the channel down forgets them: nobody was sent anything).
     */
    async take(tx: Tx, subject: string, method: VerificationMethod): Promise<SendAllowance> {
      const proofs = await throttle.status(tx, 'failedProofs', subject);
      const sends = await throttle.status(tx, sendScope[method], subject);
      const requests = await throttle.status(tx, 'kioskRequests', kioskId);
      const wait = longestWait([proofs, sends, requests]);
      if (wait !== null) return { wait };
      const sendEvent = await throttle.record(tx, sendScope[method], subject, sends);
      const kioskEvent = await throttle.record(tx, 'kioskRequests', kioskId, requests);
      return { throttleEvents: [sendEvent.eventId, kioskEvent.eventId] };
    },
  };
}
