import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { canMove, type SessionView, type Stage, type VerificationMethod } from '../../../shared/flow/stages.js';
import type { PasswordVerdict } from '../../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AuditEntry, AuditTrail } from '../audit/audit-trail.js';
import type { CodeIssuer } from '../codes/code-issuer.js';
import type { CodeDelivery } from '../delivery/code-delivery.js';
import type { Clock, Directory } from '../ports.js';
import type { CodeProof } from '../proofs/code-proof.js';
import { createSerialQueue } from '../session/serial-queue.js';
import { endReason, idleSession, toSessionView, type SessionLimits, type SessionState } from '../session/walk-up-session.js';
import type { Store } from '../store/store.js';
import type { PasswordChanger } from './password-change.js';
import type { PasswordJudge } from './password-judge.js';

export interface ResetJourneyDeps {
  store: Store;
  directory: Directory;
  codes: CodeIssuer;
  proof: CodeProof;
  delivery: CodeDelivery;
  changer: PasswordChanger;
  audit: AuditTrail;
  clock: Clock;
  judge: PasswordJudge;
  config: KioskConfig;
  /** Told whenever a session ends (start over, time limit, idle): the shell clears the clipboard. */
  onSessionEnded?: () => void;
}

/**
 * Main's idle limit is the page's countdown plus this: the page reports activity at most every few
 * seconds, and its own wipe should normally come first.
 */
export const idleGraceSeconds = 15;

/**
 * The walk-up reset journey: one session per kiosk, moved only along shared/flow/stages.ts. Every
 * username takes the same path and gets the same answers until a valid code is presented; nothing
 * about the account changes before then.
 */
export function createResetJourney(deps: ResetJourneyDeps) {
  const { store, directory, codes, proof, delivery, changer, audit, clock, judge, config } = deps;
  const queue = createSerialQueue();
  const limits: SessionLimits = { sessionMinutes: config.kiosk.sessionMinutes, idleSeconds: config.kiosk.idleSeconds + idleGraceSeconds };
  const methods = (['email', 'sms'] as const).filter((method) => delivery.offers(method));
  let session: SessionState = idleSession;

  const view = (): SessionView =>
    toSessionView(session, {
      methods,
      codeLength: config.codes.length,
      secondsLeft: (expiresAt) => codes.secondsLeft(expiresAt),
      returnAfterSeconds: config.kiosk.doneReturnSeconds,
    });

  const record = (entry: AuditEntry) => store.run((tx) => audit.record(tx, entry));
  const typedNameOf = (state: SessionState) => ('typedName' in state ? state.typedName : null);
  const now = () => clock.now().getTime();

  function end(): void {
    session = idleSession;
    deps.onSessionEnded?.();
  }

  /** The time limit or idleness ends the session: back to the start, and the caller is told once. */
  async function endIfStale(): Promise<boolean> {
    const reason = endReason(session, now(), limits);
    if (reason === null) return false;
    const stage = session.stage;
    const typedName = typedNameOf(session);
    end();
    await record({ event: reason === 'idle' ? 'session.idle_ended' : 'session.expired', typedName, outcome: 'refused', detail: { stage } });
    return true;
  }

  /**
   * Expiry first, then the stage: the call must come at `required` and its move (if it makes one) must
   * be in the stage table. A refused call changes nothing.
   */
  async function refuse(required: Stage, target: Stage | 'stay'): Promise<Result<never> | null> {
    if (await endIfStale()) return fail('SESSION_EXPIRED');
    if (session.stage !== required) return fail('WRONG_STAGE');
    if (target !== 'stay' && !canMove(session.stage, target)) return fail('WRONG_STAGE');
    return null;
  }

  /** A step the person took: main's idle clock starts again. */
  function touch(): void {
    if (session.stage !== 'identify') session = { ...session, lastActiveAt: now() };
  }

  async function requestCode(event: 'reset.code_requested' | 'reset.code_resent', typedName: string, method: VerificationMethod): Promise<Result<SessionView>> {
    const startedAt = 'startedAt' in session ? session.startedAt : now();
    const issued = await proof.request({ typedName, purpose: 'reset', method, event }, () => {
      // Only if the person is still waiting for this very code; the channel's verdict, never the account's.
      if (session.stage === 'code_sent' && session.challengeId === challengeId) session = { ...session, delivery: 'failed' };
    });
    if (!issued.ok) return issued;
    const { challengeId } = issued.value;
    session = { stage: 'code_sent', purpose: 'reset', typedName, startedAt, lastActiveAt: now(), method, challengeId, delivery: 'pending', expiresAt: issued.value.expiresAt };
    return ok(view());
  }

  const steps = {
    view: async (): Promise<Result<SessionView>> => ((await endIfStale()) ? fail('SESSION_EXPIRED') : ok(view())),

    stillHere: async (): Promise<Result<SessionView>> => {
      if (await endIfStale()) return fail('SESSION_EXPIRED');
      touch();
      return ok(view());
    },

    startOver: async (): Promise<Result<SessionView>> => {
      if (session.stage !== 'identify') {
        const typedName = typedNameOf(session);
        const stage = session.stage;
        end();
        await record({ event: 'session.start_over', typedName, outcome: 'ok', detail: { stage } });
      } else {
        deps.onSessionEnded?.();
      }
      return ok(view());
    },

    begin: async (typedName: string): Promise<Result<SessionView>> => {
      const refused = await refuse('identify', 'choose_method');
      if (refused) return refused;
      await record({ event: 'reset.begin', typedName, outcome: 'ok' });
      session = { stage: 'choose_method', purpose: 'reset', typedName, startedAt: now(), lastActiveAt: now() };
      return ok(view());
    },

    chooseMethod: async (method: VerificationMethod): Promise<Result<SessionView>> => {
      const refused = await refuse('choose_method', 'code_sent');
      if (refused) return refused;
      if (session.stage !== 'choose_method') return fail('WRONG_STAGE');
      if (!methods.includes(method)) return fail('NOT_AVAILABLE');
      touch();
      return requestCode('reset.code_requested', session.typedName, method);
    },

    resendCode: async (): Promise<Result<SessionView>> => {
      const refused = await refuse('code_sent', 'code_sent');
      if (refused) return refused;
      if (session.stage !== 'code_sent') return fail('WRONG_STAGE');
      touch();
      return requestCode('reset.code_resent', session.typedName, session.method);
    },

    verifyCode: async (code: string): Promise<Result<SessionView>> => {
      const refused = await refuse('code_sent', 'new_password');
      if (refused) return refused;
      if (session.stage !== 'code_sent') return fail('WRONG_STAGE');
      touch();
      const current = session;
      const { typedName } = current;
      const event = 'reset.code_checked';
      const verdict = await proof.verify({ typedName, challengeId: current.challengeId, code, purpose: current.purpose, event });
      if (!verdict.accepted) return verdict.result;
      // After the proof, so its cost and answer reveal nothing to someone without the code.
      const account = await directory.findAccount(typedName);
      if (account === null || account.id !== verdict.accountId || account.status !== 'active') {
        return proof.refuseAccepted({ typedName, event });
      }
      session = { stage: 'new_password', purpose: current.purpose, typedName, startedAt: current.startedAt, lastActiveAt: now(), account };
      return ok(view());
    },

    checkPassword: async (password: string): Promise<Result<PasswordVerdict>> => {
      const refused = await refuse('new_password', 'stay');
      if (refused) return refused;
      if (session.stage !== 'new_password') return fail('WRONG_STAGE');
      touch();
      return ok({ failed: judge.quick(password, session.account) });
    },

    setPassword: async (password: string, confirmation: string): Promise<Result<SessionView>> => {
      const refused = await refuse('new_password', 'done');
      if (refused) return refused;
      if (session.stage !== 'new_password') return fail('WRONG_STAGE');
      touch();
      const current = session;
      const { account, typedName } = current;
      if (judge.candidate(password) !== judge.candidate(confirmation)) {
        await record({ event: 'reset.password_rejected', account: account.username, outcome: 'refused', detail: { reason: 'passwords_differ' } });
        return fail('PASSWORDS_DIFFER');
      }

      const failed = await judge.full(password, account);
      if (failed.length > 0) {
        await record({ event: 'reset.password_rejected', account: account.username, outcome: 'refused', detail: { rules: failed } });
        return fail('PASSWORD_REJECTED', { rules: failed });
      }

      const result = await changer.change({ account, typedName, password: judge.candidate(password), purpose: current.purpose });
      // The session ends whatever happened: the Done screen says in words what did.
      session = { stage: 'done', purpose: current.purpose, startedAt: current.startedAt, lastActiveAt: now(), outcome: result.outcome, notice: result.notice };
      return ok(view());
    },
  };

  return {
    view: () => queue.run(steps.view),
    stillHere: () => queue.run(steps.stillHere),
    startOver: () => queue.run(steps.startOver),
    begin: (username: string) => queue.run(() => steps.begin(username)),
    chooseMethod: (method: VerificationMethod) => queue.run(() => steps.chooseMethod(method)),
    resendCode: () => queue.run(steps.resendCode),
    verifyCode: (code: string) => queue.run(() => steps.verifyCode(code)),
    checkPassword: (password: string) => queue.run(() => steps.checkPassword(password)),
    setPassword: (password: string, confirmation: string) => queue.run(() => steps.setPassword(password, confirmation)),
    /** Ends a session that main's own limits say is over, without waiting for the page (a timer calls this). */
    sweep: () => queue.run(async () => void (await endIfStale())),
  };
}

export type ResetJourney = ReturnType<typeof createResetJourney>;
