import { recordAlone } from '../audit/audit-trail.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import type { TechnicianView, TicketDetails } from '../../../shared/technician/technician-view.js';
import type { AccountRecord } from '../ports.js';
import { ticketRows } from '../tickets/ticket-rows.js';
import { createAssistedSteps, type AssistEndReason } from './assisted-steps.js';
import { signedInState, updateCase, type SignedInState, type TechnicianCasesDeps } from './case-deps.js';
import { clearPersonBlocks } from './clear-blocks.js';
import { readPersonSummary } from './person-summary.js';
import type { LookUp, TechnicianCases } from './technician-desk.js';
import { technicianActor } from './technician-session.js';

/**
 * The person a technician is helping: looked up by username or help ticket, their ID check recorded,
 * then unlocked, unblocked, or helped through a person-only step (assisted-steps.ts). Every step runs
 * on the technician session's queue, restarts its idle limit, and is audited with the technician as
 * actor and the ID document's type (never a number). Answers are always the whole TechnicianView.
 */
export function createTechnicianCases(deps: TechnicianCasesDeps): TechnicianCases & { assistFinished: ReturnType<typeof createAssistedSteps>['finished'] } {
  const { session, directory, store, clock } = deps;
  const record = recordAlone(deps);
  const assisted = createAssistedSteps(deps);
  const view = (): Result<TechnicianView> => ok(session.view(assisted.progress()));

  /** A technician step: in order, on a session still open, restarting its idle limit. */
  const step = (work: (state: SignedInState) => Promise<Result<TechnicianView>>) =>
    session.run(async () => {
      const state = signedInState(session);
      if (state === null) return fail<TechnicianView>('TECHNICIAN_REQUIRED');
      session.touch();
      return work(state);
    });

  /** A step on the person looked up, after the ID check. */
  const withChecked = (work: (state: SignedInState, account: AccountRecord, document: string) => Promise<Result<TechnicianView>>) =>
    step(async (state) => {
      const current = state.case;
      if (current?.account == null) return fail('NO_PERSON');
      if (current.idCheck === null) return fail('ID_CHECK_REQUIRED');
      const account = await directory.findAccount(current.account.username);
      if (account === null) return fail('PERSON_NOT_FOUND');
      return work(state, account, current.idCheck.document);
    });

  async function refreshPerson(account: AccountRecord): Promise<void> {
    const ticket = signedInState(session)?.case?.ticket ?? null;
    const person = await readPersonSummary(deps, account, ticket);
    updateCase(session, (current) => (current === null ? null : { ...current, account, person }));
  }

  async function endCase(reason: AssistEndReason): Promise<void> {
    await assisted.endWalkUp(reason);
    updateCase(session, () => null, null);
  }

  async function lookUp(state: SignedInState, by: LookUp): Promise<Result<TechnicianView>> {
    await endCase('new_lookup');
    const actor = technicianActor(state.technician);
    let ticket: TicketDetails | null = null;
    let account: AccountRecord | null;
    if ('ticket' in by) {
      ticket = await store.read((db) => ticketRows.find(db, by.ticket, clock.now().toISOString()));
      if (ticket === null) {
        await record({ event: 'technician.lookup', outcome: 'refused', actor, detail: { by: 'ticket', reason: 'not_found' } });
        return fail('TICKET_NOT_FOUND');
      }
      account = await directory.findAccount(ticket.typedName);
    } else {
      account = await directory.findAccount(by.username);
      if (account === null) {
        await record({ event: 'technician.lookup', typedName: by.username, outcome: 'refused', actor, detail: { by: 'username', reason: 'not_found' } });
        return fail('PERSON_NOT_FOUND');
      }
    }
    const person = account === null ? null : await readPersonSummary(deps, account, ticket);
    updateCase(session, () => ({ account, person, ticket, idCheck: null, assist: null }));
    await record({
      event: 'technician.lookup',
      ...(ticket === null ? {} : { typedName: ticket.typedName }),
      account: account?.username ?? null,
      outcome: 'ok',
      actor,
      detail: ticket === null ? { by: 'username' } : { by: 'ticket', ticket: ticket.code, person: account !== null },
    });
    return view();
  }

  return {
    lookUp: (by) => step((state) => lookUp(state, by)),

    recordIdCheck: (document) =>
      step(async (state) => {
        const account = state.case?.account ?? null;
        if (account === null) return fail('NO_PERSON');
        if (!deps.idDocuments.includes(document)) return fail('ID_DOCUMENT_UNKNOWN');
        updateCase(session, (current) => (current === null ? null : { ...current, idCheck: { document, seenInPerson: true, checkedAt: clock.now().toISOString() } }));
        await record({ event: 'technician.id_checked', account: account.username, outcome: 'ok', actor: technicianActor(state.technician), detail: { document, seenInPerson: true } });
        return view();
      }),

    unlock: () =>
      withChecked(async (state, account, document) => {
        const actor = technicianActor(state.technician);
        const { outcome } = await deps.unlocker(account, account.username, { actor, detail: { idCheck: document } });
        await refreshPerson(account);
        updateCase(session, (current) => current, { action: 'unlock', outcome });
        return view();
      }),

    clearBlocks: () =>
      withChecked(async (state, account, document) => {
        const cleared = await clearPersonBlocks(deps, { account, ticket: state.case?.ticket ?? null, actor: technicianActor(state.technician), document });
        await refreshPerson(account);
        updateCase(session, (current) => current, { action: 'clear_blocks', cleared });
        return view();
      }),

    assist: (kind) =>
      step(async () => {
        const started = await assisted.assist(kind);
        return started.ok ? view() : started;
      }),

    endAssist: () =>
      step(async () => {
        await assisted.endWalkUp('technician');
        return view();
      }),

    closeCase: () =>
      step(async (state) => {
        const account = state.case?.account?.username ?? null;
        await endCase('case_closed');
        if (state.case !== null) await record({ event: 'technician.case_closed', account, outcome: 'ok', actor: technicianActor(state.technician) });
        return view();
      }),

    assistProgress: () => assisted.progress(),
    technicianLeft: () => assisted.endWalkUp('technician_left'),
    assistFinished(mark, outcome) {
      assisted.finished(mark, outcome);
      // The card shows what the step changed (a new password date, a first method) without a new lookup,
      // which would drop the ID check. Queued behind any technician step; a failed read keeps the old card.
      const account = signedInState(session)?.case?.account ?? null;
      if (account === null || account.username !== mark.username) return;
      void session.run(() => refreshPerson(account)).catch((error: unknown) => deps.log?.(`the person card was not refreshed after an assisted step: ${error instanceof Error ? error.message : 'unknown error'}`));
    },
  };
}
