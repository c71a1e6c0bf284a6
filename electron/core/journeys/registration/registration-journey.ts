import type { KioskConfig } from '../../../../shared/config/config-schema.js';
import type { MethodChange, MethodKind, NoticeState, RegisteredMethod, SessionView, Stage } from '../../../../shared/flow/stages.js';
import { fail, ok, type Result } from '../../../../shared/ipc/result.js';
import type { Authenticators } from '../../authenticator/authenticator-types.js';
import type { AssistMark } from '../../session/assist-mark.js';
import type { AccountRecord } from '../../ports.js';
import type { PendingContact, RegistrationOffer, RegistrationState } from '../../session/registration-state.js';
import type { SessionHolder } from '../../session/session-holder.js';
import { parsePhoneNumber } from '../../sms/phone-number.js';
import type { Store } from '../../store/store.js';
import type { PasswordSignIn } from '../password-sign-in.js';
import { judgeEmailAddress, sameEmailAddress } from './email-address.js';
import { maskContact, readAccountMethods } from './method-list.js';
import type { MethodProof } from './method-proof.js';
import { sameContact, type MethodSaver } from './save-change.js';
import { endWhenBlocked } from '../../proofs/end-when-blocked.js';

export interface RegistrationJourneyDeps {
  store: Store;
  session: SessionHolder;
  signIn: PasswordSignIn;
  proof: MethodProof;
  save: MethodSaver;
  /** null until the kiosk has an authenticator store; then `refusal` says whether secrets can be kept here. */
  authenticators: Authenticators | null;
  config: KioskConfig;
  /** Whether the kiosk can send texts (a provider is configured): mobiles can be added only then. */
  texts: boolean;
}

type RegisterStage = RegistrationState['stage'];
const registerStages: readonly RegisterStage[] = ['methods', 'method_code', 'app_setup', 'method_review'];

/**
 * "Set up password reset and sign-in methods": signed in with the current password (the same sign-in,
 * words, timing and lockout counting as "Change your password"), the person sees their methods, and
 * adds, changes or removes one at a time. A new email or mobile is proven by a code sent to it, an
 * app by a code it makes; each change is reviewed, then saved with notices to every address on record
 * before and after it. Every step is refused outside a signed-in registration session, so nothing here
 * can be reached without the current password.
 */
export function createRegistrationJourney(deps: RegistrationJourneyDeps) {
  const { store, session, proof, authenticators, config } = deps;
  const appOffered = authenticators !== null && authenticators.refusal === null;
  const offer: RegistrationOffer = {
    canAdd: ['email', ...(deps.texts ? (['phone'] as const) : []), ...(appOffered ? (['app'] as const) : [])],
    requiredMethods: config.registration.requiredMethods,
    requiredProofs: config.reset.requiredProofs,
  };
  const now = session.now;

  /** The step must come at one of `allowed` in a signed-in registration, and its move be in the stage table. */
  async function guard(allowed: readonly RegisterStage[], target: Stage): Promise<Result<never> | null> {
    const stage = session.get().stage;
    const required = (allowed as readonly Stage[]).includes(stage) ? stage : allowed[0]!;
    return session.refuse(required, target, ['register']);
  }

  /** The signed-in state (the guard has passed, so it is one). */
  function current(): RegistrationState {
    const state = session.get();
    if (!(registerStages as readonly string[]).includes(state.stage)) throw new Error('Not in a registration session');
    return state as RegistrationState;
  }

  async function backToMethods(state: RegistrationState, saved: { change: MethodChange; notice: NoticeState } | null): Promise<Result<SessionView>> {
    const { methods } = await store.read((db) => readAccountMethods(db, state.account.id, authenticators));
    const { purpose, startedAt, typedName, account } = state;
    session.set({ stage: 'methods', purpose, startedAt, lastActiveAt: now(), typedName, account, methods, offer: state.offer, saved });
    return ok(session.view());
  }

  /**
   * A refusal because the account reached its failed-proof limit ends the session (see
   * endWhenBlocked), and the signed-in account is dropped with the pending change.
   */
  function blockIfTooMany<T>(state: RegistrationState, result: Result<T>): Promise<Result<T>> {
    const { purpose, startedAt, typedName } = state;
    return endWhenBlocked(
      result,
      () => proof.blockedUntil(state.account),
      (until) => session.set({ stage: 'blocked', purpose, startedAt, lastActiveAt: now(), typedName, until }),
    );
  }

  /** The method a "Change" replaces: one of this account's methods of the same kind, or a typed error. */
  function replaced(state: RegistrationState, id: string | undefined, kind: MethodKind): { method: RegisteredMethod | null } | { refused: Result<never> } {
    if (id === undefined) return { method: null };
    const method = state.methods.find((candidate) => candidate.id === id && candidate.kind === kind);
    return method === undefined ? { refused: fail('BAD_INPUT') } : { method };
  }

  /** A code to the new email or mobile, then the code screen. */
  async function sendCode(state: RegistrationState, contact: PendingContact, event: string): Promise<Result<SessionView>> {
    const issued = await blockIfTooMany(state, await proof.request({ account: state.account, contact, event }, () => {
      // Only if the person is still waiting for this very code.
      const latest = session.get();
      if (latest.stage === 'method_code' && latest.challengeId === challengeId) session.set({ ...latest, delivery: 'failed' });
    }));
    if (!issued.ok) return issued;
    const { challengeId, expiresAt } = issued.value;
    const { purpose, startedAt, typedName, account, methods } = state;
    session.set({ stage: 'method_code', purpose, startedAt, lastActiveAt: now(), typedName, account, methods, offer: state.offer, pending: contact, challengeId, expiresAt, delivery: 'pending' });
    return ok(session.view());
  }

  /**
   * Whether the value is on the account already (the one being changed included: changing an address
   * to itself changes nothing), read afresh, as another kiosk may have added it.
   */
  async function alreadyRegistered(state: RegistrationState, kind: 'email' | 'phone', value: string): Promise<boolean> {
    const { contacts } = await store.read((db) => readAccountMethods(db, state.account.id, null));
    return contacts.some((row) => row.kind === kind && sameContact(kind, row.value, value));
  }

  const steps = {
    async signIn(typedName: string, password: string): Promise<Result<SessionView>> {
      // Before anything else: without a safe place for authenticator secrets, registration is not offered.
      if (authenticators !== null && authenticators.refusal !== null) return fail('REGISTRATION_UNAVAILABLE');
      const refused = await session.refuse('identify', 'stay');
      if (refused) return refused;
      const signedIn = await deps.signIn(typedName, password, 'register.sign_in');
      if (!signedIn.ok) return signedIn.result;
      const { account } = signedIn;
      const { methods } = await store.read((db) => readAccountMethods(db, account.id, authenticators));
      session.set({ stage: 'methods', purpose: 'register', startedAt: now(), lastActiveAt: now(), typedName, account, methods, offer, saved: null });
      return ok(session.view());
    },

    async addEmail(input: { email: string; confirmation: string; replaces?: string | undefined }): Promise<Result<SessionView>> {
      const refused = await guard(['methods'], 'method_code');
      if (refused) return refused;
      const state = current();
      session.touch();
      if (!sameEmailAddress(input.email.trim(), input.confirmation.trim())) return fail('EMAILS_DIFFER');
      const judged = judgeEmailAddress(input.email, config.registration.blockedEmailDomains);
      if (!judged.ok) return fail(judged.problem);
      const replacing = replaced(state, input.replaces, 'email');
      if ('refused' in replacing) return replacing.refused;
      if (await alreadyRegistered(state, 'email', judged.address)) return fail('METHOD_ALREADY_REGISTERED');
      const contact: PendingContact = { kind: 'email', value: judged.address, masked: maskContact('email', judged.address), replaces: replacing.method };
      return sendCode(state, contact, 'register.code_requested');
    },

    async addPhone(input: { phone: string; replaces?: string | undefined }): Promise<Result<SessionView>> {
      const refused = await guard(['methods'], 'method_code');
      if (refused) return refused;
      const state = current();
      session.touch();
      if (!deps.texts) return fail('NOT_AVAILABLE');
      // The same parser as the texts themselves, so a number accepted here is one they can be sent to.
      const parsed = parsePhoneNumber(input.phone, config.sms.defaultRegion);
      if (!parsed.ok) return fail('PHONE_INVALID');
      const replacing = replaced(state, input.replaces, 'phone');
      if ('refused' in replacing) return replacing.refused;
      if (await alreadyRegistered(state, 'phone', parsed.e164)) return fail('METHOD_ALREADY_REGISTERED');
      const contact: PendingContact = { kind: 'phone', value: parsed.e164, masked: maskContact('phone', parsed.e164), replaces: replacing.method };
      return sendCode(state, contact, 'register.code_requested');
    },

    async addApp(input: { replaces?: string | undefined }): Promise<Result<SessionView>> {
      const refused = await guard(['methods'], 'app_setup');
      if (refused) return refused;
      const state = current();
      session.touch();
      if (authenticators === null || !appOffered) return fail('NOT_AVAILABLE');
      const replacing = replaced(state, input.replaces, 'app');
      if ('refused' in replacing) return replacing.refused;
      // One app per account: a second one is a "Change" of the first.
      if (replacing.method === null && state.methods.some((method) => method.kind === 'app')) return fail('METHOD_ALREADY_REGISTERED');
      const started = await blockIfTooMany(state, await proof.startApp(state.account));
      if (!started.ok) return started;
      const enrolment = authenticators.enrol(state.account.username);
      const { purpose, startedAt, typedName, account, methods } = state;
      session.set({ stage: 'app_setup', purpose, startedAt, lastActiveAt: now(), typedName, account, methods, offer: state.offer, enrolment, replaces: replacing.method });
      return ok(session.view());
    },

    async resendCode(): Promise<Result<SessionView>> {
      const refused = await guard(['method_code'], 'method_code');
      if (refused) return refused;
      const state = current();
      if (state.stage !== 'method_code') return fail('WRONG_STAGE');
      session.touch();
      return sendCode(state, state.pending, 'register.code_resent');
    },

    async confirm(code: string): Promise<Result<SessionView>> {
      const refused = await guard(['method_code', 'app_setup'], 'method_review');
      if (refused) return refused;
      const state = current();
      session.touch();
      const { purpose, startedAt, typedName, account, methods } = state;
      const common = { purpose, startedAt, lastActiveAt: now(), typedName, account, methods, offer: state.offer };
      if (state.stage === 'method_code') {
        const { pending } = state;
        const proven = await blockIfTooMany(state, await proof.prove({ account, event: 'register.code_checked', kind: pending.kind }, proof.sentCodeCheck(account, state.challengeId, code)));
        if (!proven.ok) return proven;
        const shown: MethodChange =
          pending.replaces === null
            ? { action: 'add', kind: pending.kind, masked: pending.masked }
            : { action: 'replace', kind: pending.kind, masked: pending.masked, replacesMasked: pending.replaces.masked };
        session.set({ stage: 'method_review', ...common, change: { action: 'add', contact: pending }, shown });
        return ok(session.view());
      }
      if (state.stage !== 'app_setup' || authenticators === null) return fail('WRONG_STAGE');
      const { enrolment, replaces } = state;
      // Pure (nothing stored yet); its verdict is counted with the limits in one transaction.
      const acceptedStep = authenticators.checkNew(enrolment.secret, code);
      const proven = await blockIfTooMany(
        state,
        await proof.prove({ account, event: 'register.app_code_checked', kind: 'app' }, async () =>
          acceptedStep === null ? { outcome: 'wrong', triesLeft: Number.POSITIVE_INFINITY } : { outcome: 'accepted' },
        ),
      );
      if (!proven.ok || acceptedStep === null) return proven.ok ? fail('CODE_WRONG') : proven;
      const shown: MethodChange = replaces === null ? { action: 'add', kind: 'app', masked: '' } : { action: 'replace', kind: 'app', masked: '', replacesMasked: '' };
      // From here the secret stays in main: no later view carries it.
      session.set({ stage: 'method_review', ...common, change: { action: 'app', secret: enrolment.secret, acceptedStep, replaces }, shown });
      return ok(session.view());
    },

    async remove(id: string): Promise<Result<SessionView>> {
      const refused = await guard(['methods'], 'method_review');
      if (refused) return refused;
      const state = current();
      session.touch();
      const method = state.methods.find((candidate) => candidate.id === id);
      if (method === undefined) return fail('BAD_INPUT');
      if (state.methods.length - 1 < state.offer.requiredMethods) return fail('METHODS_REQUIRED');
      const { purpose, startedAt, typedName, account, methods } = state;
      session.set({
        stage: 'method_review',
        purpose,
        startedAt,
        lastActiveAt: now(),
        typedName,
        account,
        methods,
        offer: state.offer,
        change: { action: 'remove', method },
        shown: { action: 'remove', kind: method.kind, masked: method.masked },
      });
      return ok(session.view());
    },

    async save(): Promise<Result<SessionView>> {
      const refused = await guard(['method_review'], 'methods');
      if (refused) return refused;
      const state = current();
      if (state.stage !== 'method_review') return fail('WRONG_STAGE');
      session.touch();
      const saved = await deps.save(state.account, state.change, state.shown);
      if (!saved.ok) return saved;
      return backToMethods(state, { change: state.shown, notice: saved.value.notice });
    },

    async cancel(): Promise<Result<SessionView>> {
      const refused = await guard(registerStages, 'methods');
      if (refused) return refused;
      const state = current();
      session.touch();
      // A code sent for the dropped change simply expires: nobody holds its challenge any more.
      return backToMethods(state, null);
    },
  };

  return {
    /**
     * Enrolling a first method at the Service Desk: the technician checked the person's ID instead of
     * the current password, and the session is marked as theirs. Call inside session.run, at identify.
     */
    async beginAssisted(account: AccountRecord, mark: AssistMark): Promise<Result<SessionView>> {
      if (authenticators !== null && authenticators.refusal !== null) return fail('REGISTRATION_UNAVAILABLE');
      const { methods } = await store.read((db) => readAccountMethods(db, account.id, authenticators));
      const at = now();
      session.beginAssisted({ stage: 'methods', purpose: 'register', startedAt: at, lastActiveAt: at, typedName: account.username, account, methods, offer, saved: null }, mark);
      return ok(session.view());
    },
    signIn: (username: string, password: string) => session.run(() => steps.signIn(username, password)),
    addEmail: (input: Parameters<typeof steps.addEmail>[0]) => session.run(() => steps.addEmail(input)),
    addPhone: (input: Parameters<typeof steps.addPhone>[0]) => session.run(() => steps.addPhone(input)),
    addApp: (input: Parameters<typeof steps.addApp>[0]) => session.run(() => steps.addApp(input)),
    resendCode: () => session.run(steps.resendCode),
    confirm: (code: string) => session.run(() => steps.confirm(code)),
    remove: (id: string) => session.run(() => steps.remove(id)),
    save: () => session.run(steps.save),
    cancel: () => session.run(steps.cancel),
  };
}

export type RegistrationJourney = ReturnType<typeof createRegistrationJourney>;
