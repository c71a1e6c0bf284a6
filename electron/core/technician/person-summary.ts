import type { PersonBlock, PersonSummary, TicketDetails } from '../../../shared/technician/technician-view.js';
import { readAccountMethods } from '../journeys/registration/method-list.js';
import type { AccountRecord } from '../ports.js';
import type { Tx } from '../store/store.js';
import { throttleRows } from '../store/throttle-records.js';
import type { AccountScope } from '../throttle/throttle.js';
import type { TechnicianCasesDeps } from './case-deps.js';

/** The self-service limits a person can be blocked by (technician sign-ins are not a person's). */
type PersonScope = Exclude<AccountScope, 'technicianSignIns'>;
export const blockKinds: Readonly<Record<PersonScope, PersonBlock['kind']>> = { failedProofs: 'failed_proofs', emailSends: 'email_sends', smsSends: 'text_sends' };
export const accountScopes = Object.keys(blockKinds) as PersonScope[];

/**
 * Whom the self-service throttles count for this person: the pseudonym of the account's username (any
 * case), and of the name typed on the ticket the case came from, if it differs.
 */
export function throttleSubjects(deps: Pick<TechnicianCasesDeps, 'pseudonym'>, account: AccountRecord, ticket: TicketDetails | null): string[] {
  return [...new Set([deps.pseudonym(account.username), ...(ticket === null ? [] : [deps.pseudonym(ticket.typedName)])])];
}

/** Blocks in force now against any of the subjects, one per kind (the longest). */
export async function blocksInForce(tx: Tx, subjects: readonly string[], nowMs: number): Promise<PersonBlock[]> {
  const blocks: PersonBlock[] = [];
  for (const scope of accountScopes) {
    let until = 0;
    for (const subject of subjects) {
      const block = await throttleRows.blockOf(tx, scope, subject);
      if (block !== null) until = Math.max(until, Date.parse(block.blockedUntil));
    }
    if (until > nowMs) blocks.push({ kind: blockKinds[scope], until: new Date(until).toISOString() });
  }
  return blocks;
}

/**
 * What a technician sees about a person: name, lock and status, masked methods, when the password last
 * changed, wrong codes counted in the failed-proof window, and blocks in force. Nothing secret.
 */
export async function readPersonSummary(deps: TechnicianCasesDeps, account: AccountRecord, ticket: TicketDetails | null): Promise<PersonSummary> {
  const { directory, store, clock } = deps;
  const locked = await directory.isLocked(account.id);
  const changedAt = await directory.passwordChangedAt(account.id);
  const subjects = throttleSubjects(deps, account, ticket);
  const now = clock.now().getTime();
  const windowStart = new Date(now - deps.throttleRules.failedProofs.windowMinutes * 60_000).toISOString();
  return store.read(async (db) => {
    const { methods } = await readAccountMethods(db, account.id, deps.authenticators);
    let recentFailedProofs = 0;
    for (const subject of subjects) recentFailedProofs += (await throttleRows.windowAfter(db, 'failedProofs', subject, windowStart)).count;
    return {
      username: account.username,
      displayName: `${account.firstName} ${account.lastName}`.trim(),
      locked,
      disabled: account.status !== 'active',
      methods,
      passwordChangedAt: changedAt === null ? null : changedAt.toISOString(),
      recentFailedProofs,
      blocks: await blocksInForce(db, subjects, now),
    };
  });
}
