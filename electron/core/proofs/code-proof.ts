import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { CodePurpose as Purpose, VerificationMethod } from '../../../shared/flow/stages.js';
import type { Language } from '../../../shared/i18n/languages.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { CodeIssuer } from '../codes/code-issuer.js';
import type { CodeDelivery, DeliveryRequest } from '../delivery/code-delivery.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { Store } from '../store/store.js';
import type { Throttle } from '../throttle/throttle.js';
import { throttled, type ProofThrottle } from './proof-throttle.js';
import { createSendLimits } from './send-limits.js';

export interface IssuedChallenge {
  challengeId: string;
  expiresAt: Date;
}

export type CodeVerdict = { accepted: true; accountId: number } | { accepted: false; result: Result<never> };

/**
 * Proof by one-time code, shared by every journey that asks for one. Each step is one transaction
 * that reads the limits and writes its events together, so the limits hold across kiosks sharing a
 * database, and it runs the same statements for every typed name: whether an account exists is only
 * looked at after the response, by the background delivery.
 */
export function createCodeProof(deps: {
  store: Store;
  codes: CodeIssuer;
  throttle: Throttle;
  audit: AuditTrail;
  delivery: CodeDelivery;
  pseudonym: NamePseudonym;
  proofThrottle: ProofThrottle;
  config: KioskConfig;
  /** The walk-up session's language: a code's message is written in it, as it is when the code is asked for. */
  language: () => Language;
}) {
  const { store, codes, audit, delivery, pseudonym, proofThrottle, config } = deps;
  const sendLimits = createSendLimits({ throttle: deps.throttle, kioskId: config.kiosk.id });

  return {
    async request(
      input: { typedName: string; purpose: Purpose; method: VerificationMethod; event: string },
      onChannelDown: DeliveryRequest['onChannelDown'],
    ): Promise<Result<IssuedChallenge>> {
      const { typedName, purpose, method, event } = input;
      const down = delivery.knownDown(method);
      if (down !== null) {
        await store.run((tx) =>
          audit.record(tx, { event, typedName, outcome: 'refused', detail: { method, reason: 'channel_down', ...down.failure } }),
        );
        return fail('DELIVERY_UNAVAILABLE', { retryAfterSeconds: down.retryAfterSeconds });
      }
      const subject = pseudonym(typedName);
      type Issued = { refused: Result<never> } | { code: Awaited<ReturnType<CodeIssuer['issue']>>; throttleEvents: number[] };
      const issued = await store.run(async (tx): Promise<Issued> => {
        const allowance = await sendLimits.take(tx, subject, method);
        if ('wait' in allowance) {
          const { wait } = allowance;
          await audit.record(tx, { event, typedName, outcome: 'refused', detail: { method, reason: 'throttled', retryAfterSeconds: wait.retryAfterSeconds } });
          return { refused: throttled(wait) };
        }
        const code = await codes.issue(tx, { usernameKey: subject, purpose, method });
        await audit.record(tx, { event, typedName, outcome: 'ok', detail: { method } });
        return { code, throttleEvents: allowance.throttleEvents };
      });
      if ('refused' in issued) return issued.refused;
      const { code, throttleEvents } = issued;
      delivery.start({ typedName, challengeId: code.challengeId, code: code.code, method, purpose, language: deps.language(), throttleEvents, onChannelDown });
      return ok({ challengeId: code.challengeId, expiresAt: code.expiresAt });
    },

    async verify(input: { typedName: string; challengeId: string; code: string; purpose: Purpose; method: VerificationMethod; event: string }): Promise<CodeVerdict> {
      const { typedName, challengeId, code, purpose, method, event } = input;
      const detail = { method };
      return store.run(async (tx): Promise<CodeVerdict> => {
        const limits = await proofThrottle.check(tx, { typedName, event, detail });
        if ('refused' in limits) return { accepted: false, result: limits.refused };
        const check = await codes.check(tx, challengeId, code, { purpose });
        if (check.outcome === 'expired' || check.outcome === 'used' || check.outcome === 'exhausted') {
          await audit.record(tx, { event, typedName, outcome: 'refused', detail: { method, reason: check.outcome } });
          return { accepted: false, result: fail('CODE_EXPIRED') };
        }
        if (check.outcome === 'accepted') {
          // In the transaction that spends the code: a code is never used up without its record.
          await audit.record(tx, { event, typedName, outcome: 'ok', detail });
          return { accepted: true, accountId: check.accountId };
        }
        return { accepted: false, result: await proofThrottle.countFailure(tx, { typedName, event, codeTriesLeft: check.triesLeft, known: limits.known, detail }) };
      });
    },
  };
}

export type CodeProof = ReturnType<typeof createCodeProof>;
