import { recordAlone } from '../audit/audit-trail.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { AssistKind, AssistProgress } from '../../../shared/technician/technician-view.js';
import { readAccountMethods } from '../journeys/registration/method-list.js';
import type { AssistMark, AssistOutcome } from '../session/assist-mark.js';
import { noProofsYet } from '../session/walk-up-session.js';
import { signedInState, updateCase, type TechnicianCasesDeps } from './case-deps.js';
import { technicianActor } from './technician-session.js';

export type AssistEndReason = 'technician' | 'technician_left' | 'case_closed' | 'new_lookup' | 'new_assist';

/**
 * The person-only steps a technician starts on the walk-up screens after the ID check: a new password
 * straight away (reset), a code to a registered method first (reset_with_code), or a first method
 * (enrol). The walk-up session is marked as the technician's (assist-mark.ts), so the rows the person's
 * steps write name the technician and the document; the technician sees only the stage and whether
 * the policy is met. Walk-up work runs on the walk-up session's own queue, never the technician's.
 */
export function createAssistedSteps(deps: TechnicianCasesDeps) {
  const { session, walkUp, directory, store } = deps;
  const record = recordAlone(deps);

  /** Ends an assisted walk-up session (audited); any other walk-up session is left alone. */
  const endWalkUp = (reason: AssistEndReason): Promise<void> =>
    walkUp.run(async () => {
      const mark = walkUp.assisted();
      if (mark === null) return;
      const { stage } = walkUp.get();
      walkUp.end();
      await record({ event: 'technician.assist_ended', account: mark.username, outcome: 'ok', actor: mark.actor, detail: { kind: mark.kind, idCheck: mark.document, stage, reason } });
    });

  /** Whatever walk-up session is on the screens gives way to the technician's step (audited). */
  async function clearWalkUp(actor: string): Promise<void> {
    const current = walkUp.get();
    if (current.stage === 'identify') return;
    const typedName = 'typedName' in current ? current.typedName : null;
    walkUp.end();
    await record({ event: 'session.ended_by_technician', typedName, outcome: 'ok', actor, detail: { stage: current.stage } });
  }

  async function assist(kind: AssistKind): Promise<Result<null>> {
    const state = signedInState(session);
    if (state === null) return fail('TECHNICIAN_REQUIRED');
    const current = state.case;
    if (current?.account == null) return fail('NO_PERSON');
    if (current.idCheck === null) return fail('ID_CHECK_REQUIRED');
    const account = await directory.findAccount(current.account.username);
    if (account === null) return fail('PERSON_NOT_FOUND');
    if (account.status !== 'active') return fail('ACCOUNT_DISABLED');
    const { methods, contacts } = await store.read((db) => readAccountMethods(db, account.id, deps.authenticators));
    if (kind === 'reset_with_code' && contacts.length === 0) return fail('NOT_REGISTERED');
    if (kind === 'enrol' && methods.length > 0) return fail('ALREADY_REGISTERED');
    const mark: AssistMark = { kind, actor: technicianActor(state.technician), document: current.idCheck.document, username: account.username };
    const started = await walkUp.run(async (): Promise<Result<null>> => {
      await clearWalkUp(mark.actor);
      const at = walkUp.now();
      const base = { typedName: account.username, startedAt: at, lastActiveAt: at };
      if (kind === 'reset') walkUp.beginAssisted({ stage: 'new_password', purpose: 'reset', account, ...base }, mark);
      if (kind === 'reset_with_code') {
        walkUp.beginAssisted({ stage: 'choose_method', purpose: 'reset', proofs: noProofsYet, ...base }, mark);
        // Whatever the sending says (a channel down, a block), the person sees it on the walk-up screens.
        await deps.offerMethods();
      }
      if (kind === 'enrol') {
        const begun = await deps.register.beginAssisted(account, mark);
        if (!begun.ok) return begun;
      }
      await record({ event: 'technician.assist_started', account: account.username, outcome: 'ok', actor: mark.actor, detail: { kind, idCheck: mark.document } });
      return ok(null);
    });
    if (!started.ok) return started;
    // Set after the walk-up step: ending an earlier assisted session there has cleared the old one.
    updateCase(session, (before) => (before === null ? null : { ...before, assist: kind }));
    return ok(null);
  }

  return {
    assist,
    endWalkUp,
    /** The technician's side of the step running for this case, or null. */
    progress(): AssistProgress | null {
      const state = signedInState(session);
      const kind = state?.case?.assist ?? null;
      if (kind === null) return null;
      return walkUp.assistProgress() ?? { kind, stage: 'identify', policyMet: null };
    },
    /** Told by the walk-up session when an assisted step reaches done or ends (session-holder.ts). */
    finished(mark: AssistMark, outcome: AssistOutcome): void {
      const state = signedInState(session);
      if (state?.case?.assist == null || state.case.account?.username !== mark.username) return;
      updateCase(session, (before) => (before === null ? null : { ...before, assist: null }), { action: 'assist_finished', kind: mark.kind, outcome });
    },
  };
}

export type AssistedSteps = ReturnType<typeof createAssistedSteps>;
