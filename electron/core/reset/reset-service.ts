import type { KioskConfig } from '../../../shared/config/config-schema.js';
import { canMove, type SessionView, type Stage, type VerificationMethod } from '../../../shared/flow/stages.js';
import type { PasswordVerdict } from '../../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { CodeIssuer } from '../codes/code-issuer.js';
import type { AuditEntry, AuditLog, Clock, Directory, EmailSender } from '../ports.js';
import { throttleSubject, type Throttle } from '../throttle/throttle.js';
import type { PasswordJudge } from './password-judge.js';
import { createResetMail } from './reset-mail.js';
import { createSerialQueue } from './serial-queue.js';
import { hasOutlived, idleSession, toSessionView, type SessionState } from './walk-up-session.js';

export interface ResetStore {
  /** Runs one step's writes in one transaction. */
  transaction<T>(work: () => T): T;
  verifiedEmails(accountId: number): string[];
}

export interface ResetServiceDeps {
  store: ResetStore;
  directory: Directory;
  codes: CodeIssuer;
  throttle: Throttle;
  email: EmailSender;
  audit: AuditLog;
  clock: Clock;
  judge: PasswordJudge;
  config: KioskConfig;
  log?: (line: string) => void;
}

/** Text delivery is a later issue; until then email is the only method, offered to everyone alike. */
const offeredMethods: VerificationMethod[] = ['email'];

/**
 * The walk-up reset journey: one session per kiosk, moved only along shared/flow/stages.ts. Every
 * username takes the same path and gets the same answers until a valid code is presented; nothing
 * about the account changes before then.
 */
export function createResetService(deps: ResetServiceDeps) {
  const { store, directory, codes, throttle, email, audit, clock, judge, config } = deps;
  const log = deps.log ?? (() => undefined);
  const queue = createSerialQueue();
  const mail = createResetMail({ email, audit, throttle, clock, config, transaction: (work) => store.transaction(work), log });
  let session: SessionState = idleSession;

  const view = (): SessionView =>
    toSessionView(session, {
      methods: offeredMethods,
      codeLength: config.codes.length,
      secondsLeft: (expiresAt) => codes.secondsLeft(expiresAt),
      returnAfterSeconds: config.kiosk.doneReturnSeconds,
    });

  const record = (entry: AuditEntry) => audit.record(entry);
  const usernameOf = (state: SessionState) => ('username' in state ? state.username : null);

  /** The time limit ends the session: back to the start, and the caller is told once. */
  function expireIfOutlived(): boolean {
    if (!hasOutlived(session, clock.now().getTime(), config.kiosk.sessionMinutes)) return false;
    const username = usernameOf(session);
    const stage = session.stage;
    store.transaction(() => record({ event: 'session.expired', username, outcome: 'refused', detail: { stage } }));
    session = idleSession;
    return true;
  }

  /**
   * Expiry first, then the stage: the call must come at `required` and its move (if it makes one) must
   * be in the stage table. A refused call changes nothing.
   */
  function refuse(required: Stage, target: Stage | 'stay'): Result<never> | null {
    if (expireIfOutlived()) return fail('SESSION_EXPIRED');
    if (session.stage !== required) return fail('WRONG_STAGE');
    if (target !== 'stay' && !canMove(session.stage, target)) return fail('WRONG_STAGE');
    return null;
  }

  function throttledFor(usernameKey: string): number | null {
    const checks = [
      throttle.status('failedProofs', usernameKey),
      throttle.status('emailSends', usernameKey),
      throttle.status('kioskRequests', config.kiosk.id),
    ];
    const waits = checks.flatMap((status) => (status.blocked ? [status.retryAfterSeconds] : []));
    return waits.length === 0 ? null : Math.max(...waits);
  }

  /**
   * Issues a code for whoever was typed. Unknown, unregistered and disabled names get a challenge with
   * no account and a code that is never sent, so the same statements run for everyone.
   */
  function issueCode(event: 'reset.code_requested' | 'reset.code_resent', username: string, method: VerificationMethod): Result<SessionView> {
    const usernameKey = throttleSubject(username);
    const wait = throttledFor(usernameKey);
    if (wait !== null) {
      store.transaction(() => record({ event, username, outcome: 'refused', detail: { reason: 'throttled', retryAfterSeconds: wait } }));
      return fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: wait });
    }
    const account = directory.findAccount(username);
    const eligible = account !== null && account.status === 'active' ? account : null;
    // The same query runs for everyone (id 0 matches no row), so a real account costs no extra step.
    const recipients = store.verifiedEmails(eligible?.id ?? 0);
    const accountId = eligible !== null && recipients.length > 0 ? eligible.id : null;

    const issued = store.transaction(() => {
      const sendEvent = throttle.record('emailSends', usernameKey).eventId;
      const kioskEvent = throttle.record('kioskRequests', config.kiosk.id).eventId;
      const code = codes.issue({ accountId, usernameKey, purpose: 'reset', method });
      // For the desk ("no code arrived?"); the person at the kiosk is told the same whatever this says.
      record({ event, username, outcome: 'ok', detail: { method, recipients: recipients.length } });
      return { ...code, throttleEvents: [sendEvent, kioskEvent] };
    });
    session = {
      stage: 'code_sent',
      purpose: 'reset',
      username,
      startedAt: 'startedAt' in session ? session.startedAt : clock.now().getTime(),
      method,
      challengeId: issued.challengeId,
      accountId,
      delivery: 'pending',
      expiresAt: issued.expiresAt,
    };
    if (recipients.length > 0) {
      const { challengeId } = issued;
      mail.sendCode({
        username,
        code: issued.code,
        recipients,
        throttleEvents: issued.throttleEvents,
        onUndelivered: () => {
          // Only if the person is still waiting for this very code.
          if (session.stage === 'code_sent' && session.challengeId === challengeId) session = { ...session, delivery: 'failed' };
        },
      });
    }
    return ok(view());
  }

  const steps = {
    view: (): Result<SessionView> => {
      return expireIfOutlived() ? fail('SESSION_EXPIRED') : ok(view());
    },

    startOver: (): Result<SessionView> => {
      if (session.stage !== 'identify') {
        const username = usernameOf(session);
        const stage = session.stage;
        store.transaction(() => record({ event: 'session.start_over', username, outcome: 'ok', detail: { stage } }));
      }
      session = idleSession;
      return ok(view());
    },

    begin: (username: string): Result<SessionView> => {
      const refused = refuse('identify', 'choose_method');
      if (refused) return refused;
      store.transaction(() => record({ event: 'reset.begin', username, outcome: 'ok' }));
      session = { stage: 'choose_method', purpose: 'reset', username, startedAt: clock.now().getTime() };
      return ok(view());
    },

    chooseMethod: (method: VerificationMethod): Result<SessionView> => {
      const refused = refuse('choose_method', 'code_sent');
      if (refused) return refused;
      if (session.stage !== 'choose_method') return fail('WRONG_STAGE');
      if (!offeredMethods.includes(method)) return fail('NOT_AVAILABLE');
      return issueCode('reset.code_requested', session.username, method);
    },

    resendCode: (): Result<SessionView> => {
      const refused = refuse('code_sent', 'code_sent');
      if (refused) return refused;
      if (session.stage !== 'code_sent') return fail('WRONG_STAGE');
      return issueCode('reset.code_resent', session.username, session.method);
    },

    verifyCode: (code: string): Result<SessionView> => {
      const refused = refuse('code_sent', 'new_password');
      if (refused) return refused;
      if (session.stage !== 'code_sent') return fail('WRONG_STAGE');
      const current = session;
      const usernameKey = throttleSubject(current.username);
      const username = current.username;

      const before = throttle.status('failedProofs', usernameKey);
      if (before.blocked) {
        store.transaction(() => record({ event: 'reset.code_checked', username, outcome: 'refused', detail: { reason: 'throttled' } }));
        return fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: before.retryAfterSeconds });
      }

      return store.transaction((): Result<SessionView> => {
        const check = codes.check(current.challengeId, code, { accountId: current.accountId, purpose: current.purpose });
        if (check.outcome === 'expired' || check.outcome === 'used' || check.outcome === 'exhausted') {
          record({ event: 'reset.code_checked', username, outcome: 'refused', detail: { reason: check.outcome } });
          return fail('CODE_EXPIRED');
        }
        if (check.outcome === 'accepted') {
          const account = directory.findAccount(username);
          if (account !== null && account.id === check.accountId && account.status === 'active') {
            record({ event: 'reset.code_checked', username, outcome: 'ok' });
            session = { stage: 'new_password', purpose: current.purpose, username, startedAt: current.startedAt, account };
            return ok(view());
          }
        }
        // A wrong code (or a right one with no usable account behind it) costs one of the account's proofs.
        const codeTriesLeft = check.outcome === 'wrong' ? check.triesLeft : 0;
        const proofs = throttle.record('failedProofs', usernameKey).status;
        record({ event: 'reset.code_checked', username, outcome: 'refused', detail: { reason: 'wrong' } });
        if (proofs.blocked) return fail('TOO_MANY_ATTEMPTS', { retryAfterSeconds: proofs.retryAfterSeconds });
        // This code is used up but the account still has proofs left: the person needs a new code.
        if (codeTriesLeft === 0) return fail('CODE_EXPIRED');
        return fail('CODE_WRONG', { triesLeft: Math.min(codeTriesLeft, proofs.remaining) });
      });
    },

    checkPassword: (password: string): Result<PasswordVerdict> => {
      const refused = refuse('new_password', 'stay');
      if (refused) return refused;
      if (session.stage !== 'new_password') return fail('WRONG_STAGE');
      return ok({ failed: judge.quick(password, session.account) });
    },

    setPassword: async (password: string, confirmation: string): Promise<Result<SessionView>> => {
      const refused = refuse('new_password', 'done');
      if (refused) return refused;
      if (session.stage !== 'new_password') return fail('WRONG_STAGE');
      const current = session;
      const { account, username } = current;
      if (judge.candidate(password) !== judge.candidate(confirmation)) {
        store.transaction(() => record({ event: 'reset.password_rejected', username, outcome: 'refused', detail: { reason: 'passwords_differ' } }));
        return fail('PASSWORDS_DIFFER');
      }

      const failed = await judge.full(password, account);
      if (failed.length > 0) {
        store.transaction(() => record({ event: 'reset.password_rejected', username, outcome: 'refused', detail: { rules: failed } }));
        return fail('PASSWORD_REJECTED', { rules: failed });
      }

      // The directory's own write (hash, history, unlock) is atomic; an LDAP directory cannot share a
      // SQLite transaction, so the kiosk's bookkeeping follows in a second one.
      await directory.setPassword(account.id, judge.candidate(password));
      store.transaction(() => {
        for (const key of new Set([throttleSubject(username), throttleSubject(account.username)])) {
          throttle.reset('failedProofs', key);
          throttle.reset('emailSends', key);
          throttle.reset('smsSends', key);
        }
        record({ event: 'reset.password_set', username, outcome: 'ok', detail: { unlocked: account.locked } });
      });
      session = { stage: 'done', purpose: current.purpose, startedAt: current.startedAt };
      mail.sendResetNotice(username, account, store.verifiedEmails(account.id));
      return ok(view());
    },
  };

  return {
    view: () => queue.run(steps.view),
    startOver: () => queue.run(steps.startOver),
    begin: (username: string) => queue.run(() => steps.begin(username)),
    chooseMethod: (method: VerificationMethod) => queue.run(() => steps.chooseMethod(method)),
    resendCode: () => queue.run(steps.resendCode),
    verifyCode: (code: string) => queue.run(() => steps.verifyCode(code)),
    checkPassword: (password: string) => queue.run(() => steps.checkPassword(password)),
    setPassword: (password: string, confirmation: string) => queue.run(() => steps.setPassword(password, confirmation)),
    /** Resolves when every background send has finished (shutdown, tests). */
    settled: () => mail.settled(),
  };
}

export type ResetService = ReturnType<typeof createResetService>;
