import type { SessionView } from '../../../shared/flow/stages.js';
import { fail, ok, type Result } from '../../../shared/ipc/result.js';
import { ticketAlphabet, ticketLength } from '../../../shared/technician/help-ticket-code.js';
import type { TicketDetails } from '../../../shared/technician/technician-view.js';
import type { AuditTrail } from '../audit/audit-trail.js';
import type { NamePseudonym } from '../keys/name-pseudonym.js';
import type { Clock, RandomSource } from '../ports.js';
import type { SessionHolder } from '../session/session-holder.js';
import type { Store } from '../store/store.js';
import type { HelpTicketStep } from '../technician/technician-desk.js';
import { ticketRows } from './ticket-rows.js';

/** Draws before giving up: 25^6 codes, so even one collision is rare while tickets live hours. */
const maxDraws = 8;

export function drawTicketCode(random: RandomSource): string {
  return Array.from({ length: ticketLength }, () => ticketAlphabet[random.int(0, ticketAlphabet.length)]).join('');
}

/**
 * "Get a help ticket" at choose_method, code_sent or blocked of reset or unlock. Made for any typed name alike:
 * no account is looked up, so an unknown name gets the same answer, the same work and the same audit
 * row as a real one. The ticket keeps the name as typed and what this session's audit rows saw, for
 * the technician who looks it up.
 */
export function createHelpTicketStep(deps: {
  store: Store;
  session: SessionHolder;
  audit: AuditTrail;
  pseudonym: NamePseudonym;
  clock: Clock;
  random: RandomSource;
  kioskId: string;
  ticketMinutes: number;
}): HelpTicketStep {
  const { store, session, audit, pseudonym, clock, random, kioskId } = deps;

  async function create(): Promise<Result<SessionView>> {
    const stage = session.get().stage;
    const refused = await session.refuse(stage === 'code_sent' || stage === 'blocked' ? stage : 'choose_method', 'ticket', ['reset', 'unlock']);
    if (refused) return refused;
    const current = session.get();
    if (current.stage !== 'choose_method' && current.stage !== 'code_sent' && current.stage !== 'blocked') return fail('WRONG_STAGE');
    if (current.purpose !== 'reset' && current.purpose !== 'unlock') return fail('WRONG_STAGE');
    session.touch();
    const { typedName, purpose, startedAt } = current;
    const now = clock.now();
    const since = new Date(startedAt).toISOString();
    for (let draw = 0; draw < maxDraws; draw += 1) {
      const code = drawTicketCode(random);
      const ticket = await store.run(async (tx): Promise<TicketDetails | null> => {
        const tried = await ticketRows.triedSince(tx, kioskId, pseudonym(typedName), since);
        const made: TicketDetails = {
          code,
          typedName,
          purpose,
          kioskId,
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + deps.ticketMinutes * 60_000).toISOString(),
          tried,
        };
        if (!(await ticketRows.add(tx, made))) return null;
        await audit.record(tx, { event: 'ticket.created', typedName, outcome: 'ok', detail: { purpose, ticket: code, expiresAt: made.expiresAt } });
        return made;
      });
      if (ticket === null) continue;
      session.set({ stage: 'ticket', purpose, typedName, startedAt, lastActiveAt: session.now(), ticket: ticket.code, expiresAt: ticket.expiresAt });
      return ok(session.view());
    }
    return fail('BUSY');
  }

  return { create: () => session.run(create) };
}
