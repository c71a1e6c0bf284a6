import type { CodePurpose, ProofMethod, SessionView, VerificationMethod } from '../../../shared/flow/stages.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AuditEntry } from '../audit/audit-trail.js';
import type { AccountRecord, Directory } from '../ports.js';
import type { AppProof, AppVerdict } from '../proofs/app-proof.js';
import type { CodeProof, CodeVerdict } from '../proofs/code-proof.js';
import type { CoolingOff } from '../proofs/cooling-off.js';
import type { ProofThrottle } from '../proofs/proof-throttle.js';
import type { SessionHolder } from '../session/session-holder.js';
import type { ProofProgress, SessionState } from '../session/walk-up-session.js';
import type { Store } from '../store/store.js';
import { endWhenBlocked } from '../proofs/end-when-blocked.js';

export interface ProofStepsDeps {
  store: Store;
  directory: Directory;
  session: SessionHolder;
  code: CodeProof;
  app: AppProof;
  proofThrottle: ProofThrottle;
  coolingOff: CoolingOff;
  /** Every method this kiosk offers, to everyone alike. */
  methods: ProofMethod[];
  /** reset.requiredProofs: how many proofs, by different methods, reset and unlock need. */
  requiredProofs: number;
  record: (entry: AuditEntry) => Promise<void>;
}

type ChooseState = Extract<SessionState, { stage: 'choose_method' }>;
type CodeState = Extract<SessionState, { stage: 'code_sent' }>;

/** Where a code leads: an answer for the person, or every proof done for this account. */
export type ProofOutcome =
  | { proven: false; result: Result<SessionView> }
  | { proven: true; account: AccountRecord; typedName: string; purpose: CodePurpose; startedAt: number };

/**
 * "Forgot your password?" and "Account locked?" up to a proof: choose a method, get a code (or open
 * the authenticator app), type it. Every step runs the same way for every typed name until a right
 * code; only then are the account, cooling-off and a second proof looked at, so none of them can tell a
 * stranger anything.
 */
export function createProofSteps(deps: ProofStepsDeps) {
  const { store, directory, session, methods, requiredProofs, record } = deps;
  const now = session.now;

  async function requestCode(current: ChooseState | CodeState, method: VerificationMethod, event: string): Promise<Result<SessionView>> {
    const { purpose, typedName, proofs, startedAt } = current;
    // The delivery looks the name up in the directory: one that is down is said now, to everyone alike.
    await directory.probe();
    const issued = await deps.code.request({ typedName, purpose, method, event }, () => {
      // Only if the person is still waiting for this very code; the channel's verdict, never the account's.
      const waiting = session.get();
      if (waiting.stage === 'code_sent' && waiting.challengeId === challengeId) session.set({ ...waiting, delivery: 'failed' });
    });
    if (!issued.ok) return issued;
    const { challengeId } = issued.value;
    session.set({ stage: 'code_sent', purpose, typedName, proofs, startedAt, lastActiveAt: now(), method, challengeId, delivery: 'pending', expiresAt: issued.value.expiresAt });
    return ok(session.view());
  }

  /** Nothing is sent: the app makes the code, and the screen stays usable until the session ends. */
  async function startApp(current: ChooseState, event: string): Promise<Result<SessionView>> {
    const { purpose, typedName, proofs, startedAt } = current;
    const started = await deps.app.start({ typedName, event });
    if (!started.ok) return started;
    session.set({ stage: 'code_sent', purpose, typedName, proofs, startedAt, lastActiveAt: now(), method: 'app', challengeId: null, delivery: 'in_app', expiresAt: session.endsAt() });
    return ok(session.view());
  }

  function check(current: CodeState, code: string, event: string): Promise<CodeVerdict | AppVerdict> {
    const { typedName, purpose, method, challengeId } = current;
    if (method === 'app') return deps.app.verify({ typedName, code, event });
    if (challengeId === null) throw new Error('A code sent by email or text always has its challenge');
    return deps.code.verify({ typedName, challengeId, code, purpose, method, event });
  }

  /** A right code with no usable account behind it counts as a wrong one (a sent code is spent). */
  function refuseAccepted(current: CodeState, event: string): Promise<Result<never>> {
    const { typedName, method } = current;
    return store.run((tx) => deps.proofThrottle.countFailure(tx, { typedName, event, codeTriesLeft: method === 'app' ? Infinity : 0, detail: { method } }));
  }

  /** A refusal because the typed name reached its failed-proof limit ends the journey (see endWhenBlocked). */
  function blockIfTooMany<T>(current: ChooseState | CodeState, result: Result<T>): Promise<Result<T>> {
    const { purpose, typedName, startedAt } = current;
    return endWhenBlocked(
      result,
      () => store.read((db) => deps.proofThrottle.nameBlockedUntil(db, { typedName })),
      (until) => session.set({ stage: 'blocked', purpose, typedName, startedAt, lastActiveAt: now(), until }),
    );
  }

  /** Sends a code by `method` (or opens the app) for the person at the chooser. */
  async function take(current: ChooseState, method: ProofMethod): Promise<Result<SessionView>> {
    const event = `${current.purpose}.code_requested`;
    return blockIfTooMany(current, method === 'app' ? await startApp(current, event) : await requestCode(current, method, event));
  }

  /**
   * The chooser, just entered: with only one method left to offer there is nothing to choose, so it
   * is taken as if chosen. The methods offered never depend on the account, so neither does this.
   */
  async function offerMethods(): Promise<Result<SessionView>> {
    const current = session.get();
    if (current.stage !== 'choose_method') return ok(session.view());
    const left = methods.filter((offered) => !current.proofs.spent.includes(offered));
    if (left.length !== 1) return ok(session.view());
    return take(current, left[0]!);
  }

  /** The method still cools off: refused, and the person may choose another one (if any is left). */
  async function coolingOff(current: CodeState, account: AccountRecord, until: Date): Promise<ProofOutcome> {
    const { purpose, typedName, proofs, method } = current;
    const spent = [...proofs.spent, method];
    const left = methods.filter((offered) => !spent.includes(offered));
    await record({
      event: `${purpose}.method_cooling_off`,
      typedName,
      account: account.username,
      outcome: 'refused',
      detail: { method, until: until.toISOString(), next: left.length > 0 ? 'choose_method' : 'identify' },
    });
    if (left.length > 0) {
      session.set({ stage: 'choose_method', purpose, typedName, startedAt: current.startedAt, lastActiveAt: now(), proofs: { ...proofs, spent } });
      // One left: its code is sent straight away; the refusal still says why the first did not count.
      await offerMethods();
    } else session.end();
    return { proven: false, result: fail('METHOD_COOLING_OFF', { until: until.toISOString() }) };
  }

  return {
    async choose(method: ProofMethod): Promise<Result<SessionView>> {
      const refused = await session.refuse('choose_method', 'code_sent');
      if (refused) return refused;
      const current = session.get();
      if (current.stage !== 'choose_method') return fail('WRONG_STAGE');
      // A method already used (or found cooling off) in this session is not offered again.
      if (!methods.includes(method) || current.proofs.spent.includes(method)) return fail('NOT_AVAILABLE');
      session.touch();
      return take(current, method);
    },

    offerMethods,

    async resend(): Promise<Result<SessionView>> {
      const refused = await session.refuse('code_sent', 'code_sent');
      if (refused) return refused;
      const current = session.get();
      if (current.stage !== 'code_sent') return fail('WRONG_STAGE');
      // The app makes its own codes: there is nothing to send again.
      if (current.method === 'app') return fail('NOT_AVAILABLE');
      session.touch();
      return blockIfTooMany(current, await requestCode(current, current.method, `${current.purpose}.code_resent`));
    },

    async verify(code: string): Promise<ProofOutcome> {
      const before = session.get();
      // Where a right code leads depends on the journey: the stage table says which move is allowed.
      const refused = await session.refuse('code_sent', before.stage === 'code_sent' && before.purpose === 'unlock' ? 'done' : 'new_password');
      if (refused) return { proven: false, result: refused };
      const current = session.get();
      if (current.stage !== 'code_sent') return { proven: false, result: fail('WRONG_STAGE') };
      session.touch();
      const { typedName, purpose, proofs, method } = current;
      const event = `${purpose}.code_checked`;
      const verdict = await check(current, code, event);
      if (!verdict.accepted) return { proven: false, result: await blockIfTooMany(current, verdict.result) };
      // After the proof, so its cost and answer reveal nothing to someone without the code.
      const account = await directory.findAccount(typedName);
      const sameAccount = proofs.accountId === null || proofs.accountId === account?.id;
      if (account === null || account.id !== verdict.accountId || account.status !== 'active' || !sameAccount) {
        return { proven: false, result: await blockIfTooMany(current, await refuseAccepted(current, event)) };
      }
      const until = await deps.coolingOff.until({ accountId: account.id, method, appAddedAt: 'addedAt' in verdict ? verdict.addedAt : null });
      if (until !== null) return coolingOff(current, account, until);
      const progress: ProofProgress = { accepted: proofs.accepted + 1, accountId: account.id, spent: [...proofs.spent, method] };
      if (progress.accepted < requiredProofs) {
        // One more proof, by another method: back to the chooser, without the method just used.
        session.set({ stage: 'choose_method', purpose, typedName, startedAt: current.startedAt, lastActiveAt: now(), proofs: progress });
        return { proven: false, result: await offerMethods() };
      }
      return { proven: true, account, typedName, purpose, startedAt: current.startedAt };
    },
  };
}

export type ProofSteps = ReturnType<typeof createProofSteps>;
