import type { KioskConfig } from '../../../../shared/config/config-schema.js';
import type { Language } from '../../../../shared/i18n/languages.js';
import { fail, ok, type Result } from '../../../../shared/ipc/result.js';
import type { AuditTrail } from '../../audit/audit-trail.js';
import type { createBackgroundTasks } from '../../background-tasks.js';
import type { CodeIssuer } from '../../codes/code-issuer.js';
import type { DeliveryChannels } from '../../delivery/delivery-channel.js';
import { describeFailureSummary, failureDetail, summariseDeliveryFailure } from '../../delivery/failure-summary.js';
import type { NamePseudonym } from '../../keys/name-pseudonym.js';
import type { AccountRecord } from '../../ports.js';
import { throttled, type ProofThrottle } from '../../proofs/proof-throttle.js';
import { createSendLimits } from '../../proofs/send-limits.js';
import type { PendingContact } from '../../session/registration-state.js';
import type { Store, Tx } from '../../store/store.js';
import type { Throttle } from '../../throttle/throttle.js';

/** What a check of a typed code found, whichever kind of method made it. */
export type NewMethodCheck = { outcome: 'accepted' } | { outcome: 'wrong'; triesLeft: number } | { outcome: 'expired'; reason: string };

const channelOf = (kind: PendingContact['kind']) => (kind === 'email' ? 'email' : 'sms');

/**
 * Proof that a new method is the person's: a code sent to the new email or mobile (or, for an app,
 * a code the app made). Registration is signed in, so unlike the reset proof it works on the account
 * itself: its send throttles count the codes sent, and wrong codes count in the account's failed-proof
 * throttle (a code is a proof of owning the address) and the kiosk's pacing, like any other wrong code.
 */
export function createMethodProof(deps: {
  store: Store;
  codes: CodeIssuer;
  throttle: Throttle;
  audit: AuditTrail;
  pseudonym: NamePseudonym;
  config: KioskConfig;
  channels: DeliveryChannels;
  background: ReturnType<typeof createBackgroundTasks>;
  log: (line: string) => void;
  proofThrottle: ProofThrottle;
  /** The session's language: the code's message is written in it, as it is when the code is asked for. */
  language: () => Language;
}) {
  const { store, codes, throttle, audit, pseudonym, config, channels, background, log, proofThrottle } = deps;
  const kioskId = config.kiosk.id;
  const sendLimits = createSendLimits({ throttle, kioskId });
  const subjectOf = (account: AccountRecord) => pseudonym(account.username);

  async function deliver(input: { account: AccountRecord; contact: PendingContact; code: string; language: Language; throttleEvents: number[]; onFailed: () => void }): Promise<void> {
    const { account, contact } = input;
    const method = channelOf(contact.kind);
    const channel = channels[method];
    const base = { event: 'register.code_not_sent', account: account.username };
    if (channel === undefined) return;
    const verdict = await channel.health.judge();
    if (!verdict.up) {
      await store.run(async (tx) => {
        // Nobody could be sent anything: the sends are not counted against the person.
        for (const eventId of input.throttleEvents) await throttle.forget(tx, eventId);
        await audit.record(tx, { ...base, outcome: 'failed', detail: { kind: contact.kind, reason: 'channel_down', ...failureDetail(verdict.failure) } });
      });
      input.onFailed();
      return;
    }
    try {
      await channel.sendCode(contact.value, input.code, 'register', input.language);
    } catch (error) {
      const failure = summariseDeliveryFailure(error);
      log(`registration ${method} code not delivered: ${describeFailureSummary(failure)}`);
      await store.run((tx) => audit.record(tx, { ...base, event: 'register.code_send_failed', outcome: 'failed', detail: { kind: contact.kind, ...failureDetail(failure) } }));
      // The person typed this address themselves and is signed in: telling them it failed reveals nothing.
      input.onFailed();
      return;
    }
    await store.run((tx) => audit.record(tx, { event: 'register.code_sent', account: account.username, outcome: 'ok', detail: { kind: contact.kind } }));
  }

  return {
    /** Issues a code for a new email or mobile and sends it in the background; counted like any code sent. */
    async request(
      input: { account: AccountRecord; contact: PendingContact; event: string },
      onFailed: () => void,
    ): Promise<Result<{ challengeId: string; expiresAt: Date }>> {
      const { account, contact, event } = input;
      const method = channelOf(contact.kind);
      if (channels[method] === undefined) return fail('NOT_AVAILABLE');
      const down = channels[method].health.knownDown();
      if (down !== null) {
        await store.run((tx) => audit.record(tx, { event, account: account.username, outcome: 'refused', detail: { kind: contact.kind, reason: 'channel_down' } }));
        return fail('DELIVERY_UNAVAILABLE', { retryAfterSeconds: down.retryAfterSeconds });
      }
      const subject = subjectOf(account);
      type Issued = { refused: Result<never> } | { code: Awaited<ReturnType<CodeIssuer['issue']>>; throttleEvents: number[] };
      const issued = await store.run(async (tx): Promise<Issued> => {
        const allowance = await sendLimits.take(tx, subject, method);
        if ('wait' in allowance) {
          await audit.record(tx, { event, account: account.username, outcome: 'refused', detail: { kind: contact.kind, reason: 'throttled' } });
          return { refused: throttled(allowance.wait) };
        }
        const code = await codes.issue(tx, { usernameKey: subject, purpose: 'register', method });
        // Signed in: the account is known now, so the code is bound to it from the start.
        await codes.bind(tx, code.challengeId, account.id);
        await audit.record(tx, { event, account: account.username, outcome: 'ok', detail: { kind: contact.kind } });
        return { code, throttleEvents: allowance.throttleEvents };
      });
      if ('refused' in issued) return issued.refused;
      const { code, throttleEvents } = issued;
      background.start(`registration ${method} code delivery`, () => deliver({ account, contact, code: code.code, language: deps.language(), throttleEvents, onFailed }));
      return ok({ challengeId: code.challengeId, expiresAt: code.expiresAt });
    },

    /**
     * Checks a typed code with the account's and the kiosk's limits, in one transaction with what it
     * records. `check` runs inside it (a sent code is consumed there; an app's code is pure).
     */
    async prove(input: { account: AccountRecord; event: string; kind: string }, check: (tx: Tx) => Promise<NewMethodCheck>): Promise<Result<true>> {
      const { account, event, kind } = input;
      const who = { account: account.username, event, detail: { kind } };
      return store.run(async (tx): Promise<Result<true>> => {
        const limits = await proofThrottle.check(tx, who);
        if ('refused' in limits) return limits.refused;
        const verdict = await check(tx);
        if (verdict.outcome === 'expired') {
          await audit.record(tx, { event, account: account.username, outcome: 'refused', detail: { kind, reason: verdict.reason } });
          return fail('CODE_EXPIRED');
        }
        if (verdict.outcome === 'accepted') {
          await audit.record(tx, { event, account: account.username, outcome: 'ok', detail: { kind } });
          return ok(true);
        }
        return proofThrottle.countFailure(tx, { ...who, codeTriesLeft: verdict.triesLeft, known: limits.known });
      });
    },

    /**
     * Setting up an app is started only while the account may still prove things: a blocked account is
     * refused at once (as a code request is), not after scanning a QR code whose code will be refused.
     */
    async startApp(account: AccountRecord): Promise<Result<null>> {
      const event = 'register.app_enrolment_started';
      return store.run(async (tx): Promise<Result<null>> => {
        const proofs = await throttle.status(tx, 'failedProofs', subjectOf(account));
        if (proofs.blocked) {
          await audit.record(tx, { event, account: account.username, outcome: 'refused', detail: { kind: 'app', reason: 'throttled' } });
          return throttled(proofs);
        }
        await audit.record(tx, { event, account: account.username, outcome: 'ok', detail: { kind: 'app' } });
        return ok(null);
      });
    },

    /**
     * When the account's own failed-proof block ends, or null. Asked after a TOO_MANY_ATTEMPTS, to tell
     * that block (an end state for the session) from the kiosk's short pacing or a send limit (a wait).
     */
    blockedUntil(account: AccountRecord): Promise<Date | null> {
      return store.read((db) => proofThrottle.nameBlockedUntil(db, { account: account.username }));
    },

    /** A sent code's check: only a code issued for this account's registration, in this session, counts. */
    sentCodeCheck(account: AccountRecord, challengeId: string, code: string) {
      return async (tx: Tx): Promise<NewMethodCheck> => {
        const check = await codes.check(tx, challengeId, code, { purpose: 'register' });
        if (check.outcome === 'accepted') return check.accountId === account.id ? { outcome: 'accepted' } : { outcome: 'wrong', triesLeft: 0 };
        if (check.outcome === 'wrong') return { outcome: 'wrong', triesLeft: check.triesLeft };
        return { outcome: 'expired', reason: check.outcome };
      };
    },
  };
}

export type MethodProof = ReturnType<typeof createMethodProof>;
