import type { Language } from '../../../shared/i18n/languages.js';
import type { KioskConfig } from '../../../shared/config/config-schema.js';
import type { CodePurpose, ProofMethod, SessionView } from '../../../shared/flow/stages.js';
import type { PasswordVerdict } from '../../../shared/ipc/contract.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import { recordAlone, type AuditTrail } from '../audit/audit-trail.js';
import type { CodeIssuer } from '../codes/code-issuer.js';
import type { CodeDelivery } from '../delivery/code-delivery.js';
import type { Clock, Directory } from '../ports.js';
import { appCodeDigits, type AppProof } from '../proofs/app-proof.js';
import type { CodeProof } from '../proofs/code-proof.js';
import type { CoolingOff } from '../proofs/cooling-off.js';
import type { ProofThrottle } from '../proofs/proof-throttle.js';
import type { PasswordChanger } from '../reset/password-change.js';
import type { PasswordJudge } from '../reset/password-judge.js';
import { createSessionHolder, type SessionHolderDeps } from '../session/session-holder.js';
import { noProofsYet } from '../session/walk-up-session.js';
import type { Store } from '../store/store.js';
import type { PasswordSignIn } from './password-sign-in.js';
import { createProofSteps } from './proof-steps.js';
import { createRegistrationJourney, type RegistrationJourneyDeps } from './registration/registration-journey.js';
import type { AccountUnlocker } from './unlock-account.js';

export interface KioskJourneysDeps {
  store: Store;
  directory: Directory;
  codes: CodeIssuer;
  proof: CodeProof;
  appProof: AppProof;
  proofThrottle: ProofThrottle;
  coolingOff: CoolingOff;
  delivery: CodeDelivery;
  changer: PasswordChanger;
  unlocker: AccountUnlocker;
  signIn: PasswordSignIn;
  audit: AuditTrail;
  clock: Clock;
  judge: PasswordJudge;
  config: KioskConfig;
  /** "Set up password reset and sign-in methods", over the same session and sign-in as the rest. */
  registration: Omit<RegistrationJourneyDeps, 'session' | 'signIn'>;
  /** Told whenever a session ends (start over, time limit, idle): the shell clears the clipboard. */
  onSessionEnded?: () => void;
  /** Technician mode: an assisted step ended, and the assisted person is active (session-holder.ts). */
  assist?: Pick<SessionHolderDeps, 'onAssistFinished' | 'onAssistedActivity'>;
}

/**
 * The walk-up journeys of shared/flow/stages.ts over one session: "Forgot your password?" and
 * "Account locked?" prove identity by a code sent or from an app (proof-steps.ts: the same steps, the
 * same answers for every typed name until a valid code; one or two proofs), "Change your password" by
 * the current password; reset and change end in a new password, unlock in the directory's lock being
 * cleared. Nothing about an account changes before a proof.
 */
export function createKioskJourneys(deps: KioskJourneysDeps) {
  const { store, directory, codes, proof, delivery, changer, unlocker, audit, clock, judge, config } = deps;
  const record = recordAlone({ store, audit });
  const methods: ProofMethod[] = [...(['email', 'sms'] as const).filter((method) => delivery.offers(method)), ...(deps.appProof.offered ? (['app'] as const) : [])];
  const requiredProofs = config.reset.requiredProofs;
  const session = createSessionHolder({
    clock,
    limits: { sessionMinutes: config.kiosk.sessionMinutes, idleSeconds: config.kiosk.idleSeconds },
    methods,
    requiredProofs,
    codeLength: config.codes.length,
    appCodeLength: appCodeDigits,
    returnAfterSeconds: config.kiosk.doneReturnSeconds,
    languages: config.languages,
    secondsLeft: (expiresAt) => codes.secondsLeft(expiresAt),
    record,
    ...(deps.onSessionEnded === undefined ? {} : { onSessionEnded: deps.onSessionEnded }),
    ...deps.assist,
  });
  const now = session.now;
  const register = createRegistrationJourney({ ...deps.registration, session, signIn: deps.signIn });

  const proofSteps = createProofSteps({
    store,
    directory,
    session,
    code: proof,
    app: deps.appProof,
    proofThrottle: deps.proofThrottle,
    coolingOff: deps.coolingOff,
    methods,
    requiredProofs,
    record,
  });

  const steps = {
    begin: async (purpose: CodePurpose, typedName: string): Promise<Result<SessionView>> => {
      const refused = await session.refuse('identify', 'stay');
      if (refused) return refused;
      // Before anything is recorded or counted: with the directory down nothing here could be done.
      await directory.probe();
      await record({ event: `${purpose}.begin`, typedName, outcome: 'ok' });
      session.set({ stage: 'choose_method', purpose, typedName, startedAt: now(), lastActiveAt: now(), proofs: noProofsYet });
      return proofSteps.offerMethods();
    },

    signIn: async (typedName: string, password: string): Promise<Result<SessionView>> => {
      const refused = await session.refuse('identify', 'stay');
      if (refused) return refused;
      const signedIn = await deps.signIn(typedName, password, 'change.sign_in');
      if (!signedIn.ok) return signedIn.result;
      session.set({ stage: 'new_password', purpose: 'change', typedName, startedAt: now(), lastActiveAt: now(), account: signedIn.account });
      return ok(session.view());
    },

    verifyCode: async (code: string): Promise<Result<SessionView>> => {
      const proven = await proofSteps.verify(code);
      if (!proven.proven) return proven.result;
      const { account, typedName, purpose } = proven;
      const common = { startedAt: proven.startedAt, lastActiveAt: now() };
      if (purpose === 'reset') {
        session.set({ stage: 'new_password', purpose, typedName, account, ...common });
      } else {
        const unlocked = await unlocker(account, typedName);
        session.set({ stage: 'done', purpose, ...unlocked, ...common });
      }
      return ok(session.view());
    },

    checkPassword: async (password: string): Promise<Result<PasswordVerdict>> => {
      const refused = await session.refuse('new_password', 'stay');
      if (refused) return refused;
      const current = session.get();
      if (current.stage !== 'new_password') return fail('WRONG_STAGE');
      session.touch();
      const failed = judge.quick(password, current.account);
      session.notePolicy(failed.length === 0);
      return ok({ failed });
    },

    setPassword: async (password: string, confirmation: string): Promise<Result<SessionView>> => {
      const refused = await session.refuse('new_password', 'done');
      if (refused) return refused;
      const current = session.get();
      if (current.stage !== 'new_password') return fail('WRONG_STAGE');
      session.touch();
      const { account, typedName, purpose } = current;
      if (judge.candidate(password) !== judge.candidate(confirmation)) {
        await record({ event: `${purpose}.password_rejected`, account: account.username, outcome: 'refused', detail: { reason: 'passwords_differ' } });
        return fail('PASSWORDS_DIFFER');
      }
      const failed = await judge.full(password, account);
      session.notePolicy(failed.length === 0);
      if (failed.length > 0) {
        await record({ event: `${purpose}.password_rejected`, account: account.username, outcome: 'refused', detail: { rules: failed } });
        return fail('PASSWORD_REJECTED', { rules: failed });
      }
      const result = await changer.change({ account, typedName, password: judge.candidate(password), purpose });
      if ('refused' in result) {
        // The kiosk's rules passed, the directory's own did not: the person stays to choose another.
        await record({ event: `${purpose}.password_rejected`, account: account.username, outcome: 'refused', detail: { rules: result.refused, by: 'directory' } });
        return fail('PASSWORD_REJECTED', { rules: result.refused });
      }
      // The session ends whatever happened: the Done screen says in words what did.
      session.set({ stage: 'done', purpose, startedAt: current.startedAt, lastActiveAt: now(), ...result });
      return ok(session.view());
    },
  };

  return {
    view: () => session.run(() => session.answer()),
    stillHere: () => session.run(() => session.stillHere()),
    startOver: () => session.run(() => session.startOver()),
    setLanguage: (language: Language) => session.run(async () => session.setLanguage(language)),
    begin: (purpose: CodePurpose, username: string) => session.run(() => steps.begin(purpose, username)),
    signIn: (username: string, password: string) => session.run(() => steps.signIn(username, password)),
    chooseMethod: (method: ProofMethod) => session.run(() => proofSteps.choose(method)),
    resendCode: () => session.run(() => proofSteps.resend()),
    verifyCode: (code: string) => session.run(() => steps.verifyCode(code)),
    checkPassword: (password: string) => session.run(() => steps.checkPassword(password)),
    setPassword: (password: string, confirmation: string) => session.run(() => steps.setPassword(password, confirmation)),
    register,
    /** The walk-up session itself: help tickets and a technician's assisted steps run on it. */
    session,
    /** Ends a session that main's own limits say is over, without waiting for the page (a timer calls this). */
    sweep: () => session.run(() => session.sweep()),
    /**
     * A chooser a technician's assisted step has just opened (inside its own walk-up step): with one
     * method, its code is sent at once, as for the person on their own.
     */
    offerMethods: () => proofSteps.offerMethods(),
    /** What the method chooser offers (KioskInfo says the same). */
    proofMethods: methods,
  };
}

export type KioskJourneys = ReturnType<typeof createKioskJourneys>;
